package entente_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
)

func TestDecodeCommandDatesAndDefaults(t *testing.T) {
	day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		command, args string
		want          any
	}{
		{"pledge", `{"resource":"eur","amount":5,"due":"2027-01-01"}`, entente.Pledge{Resource: "eur", Amount: 5, Due: day}},
		{"pledge", `{"resource":"eur","amount":5,"due":"2027-01-01T00:00:00Z"}`, entente.Pledge{Resource: "eur", Amount: 5, Due: day}},
		{"objective", `{"metric":"m","target":1,"deadline":"2027-01-01"}`, entente.SetObjective{Metric: "m", Target: 1, Deadline: day}},
		{"propose", `{"title":"T"}`, entente.Propose{Matter: entente.DefaultMatter, Title: "T"}},
		{"appoint", `{"dispute":"d1","actor":"x"}`, entente.AppointNeutral{Dispute: "d1", Role: entente.DefaultNeutralRole, Actor: "x"}},
		{"invite", `{"token_hash":"h"}`, entente.Invite{TokenHash: "h"}},
	} {
		got, err := entente.DecodeCommand(tc.command, []byte(tc.args))
		if err != nil {
			t.Errorf("%s %s: %v", tc.command, tc.args, err)
			continue
		}
		if p, ok := got.(entente.Pledge); ok {
			got = entente.Pledge{Resource: p.Resource, Amount: p.Amount, Due: p.Due.UTC()}
		}
		if o, ok := got.(entente.SetObjective); ok {
			got = entente.SetObjective{Metric: o.Metric, Target: o.Target, Deadline: o.Deadline.UTC()}
		}
		if got != tc.want {
			t.Errorf("%s %s: %+v, want %+v", tc.command, tc.args, got, tc.want)
		}
	}
	for _, tc := range []struct{ command, args, field string }{
		{"pledge", `{"resource":"eur","amount":5,"due":"01/02/2027"}`, "due"},
		{"pledge", `{"resource":"eur","amount":5,"due":20270101}`, "due"},
		{"pledge", `{"resource":"eur","amount":5,"due":"+30d"}`, "due"},
		{"objective", `{"metric":"m","target":"high"}`, "target"},
	} {
		_, err := entente.DecodeCommand(tc.command, []byte(tc.args))
		if entente.ErrorField(err) != tc.field {
			t.Errorf("%s %s: %v, want an error on %s", tc.command, tc.args, err, tc.field)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2027-01-01", "2027-01-01T10:00:00+02:00"} {
		if _, err := entente.ParseDate(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"", "2027-1-1", "+30d", "tomorrow"} {
		if _, err := entente.ParseDate(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	f.Add("2027-01-01")
	f.Add("2027-01-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := entente.ParseDate(s)
		if err != nil {
			return
		}
		again, err := entente.ParseDate(d.Format(time.RFC3339Nano))
		if err != nil || !again.Equal(d) {
			t.Errorf("%q: %v does not read back (%v, %v)", s, d, again, err)
		}
	})
}
