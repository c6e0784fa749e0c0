package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// TestBargainAndReserveVerbs: 'entente bargain --kind costs' opens a
// contribution schedule; 'entente reserve' states a value classified to
// the secretariat with a fresh random salt of its own (two statements,
// two salts), or the --salt given, refused naming the field when it is not
// 64 hexadecimal digits; once every party has stated, restating is
// refused as a conflict.
func TestBargainAndReserveVerbs(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	r := exits(t, 0, "bargain", jv, "--key", demoKey(db, "helios"), "--title", "the survey", "--parties", "helios,quanta",
		"--total", "90", "--resource", "eur_k", "--kind", "costs", "--db", db)
	m := regexp.MustCompile(`opened bargaining (b\d+) over a contribution schedule`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("bargain printed %q", r.stdout)
	}
	id := m[1]
	reserve := func(code int, by, value string, extra ...string) result {
		t.Helper()
		return exits(t, code, append([]string{"reserve", jv, id, "--key", demoKey(db, by), "--value", value, "--class", "role:secretariat", "--db", db}, extra...)...)
	}
	if r := reserve(3, "helios", "60", "--salt", "00"); !strings.Contains(r.stderr, "salt") {
		t.Errorf("a short salt: %q", r.stderr)
	}
	reserve(0, "helios", "60")
	reserve(0, "helios", "65") // restated before quanta has stated
	reserve(0, "quanta", "50", "--salt", strings.Repeat("5", 64))
	if r := reserve(5, "helios", "70"); !strings.Contains(r.stderr, "sealed") {
		t.Errorf("restating a sealed value: %q", r.stderr)
	}
	var salts []string
	for _, e := range readStore(t, db)[jv].entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := ev.Data.(entente.ReservationStated); ok && d.Bargaining == id {
			if ev.Class != entente.ReservationClass {
				t.Errorf("a reservation classified %q", ev.Class)
			}
			salts = append(salts, d.Salt)
		}
	}
	if len(salts) != 3 || len(salts[0]) != entente.SaltDigits || salts[0] == salts[1] || salts[2] != strings.Repeat("5", 64) {
		t.Errorf("the salts recorded: %q", salts)
	}
}
