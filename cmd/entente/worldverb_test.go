package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/sharedata"
)

func TestWorldImport(t *testing.T) {
	data := filepath.Dir(filepath.Dir(sharedata.Path(t, "atop_v5.1/atop5_1a.csv")))
	db := filepath.Join(t.TempDir(), "world.db")
	r := exits(t, 0, "world", "import", "--db", db, "--data", data)
	if !strings.Contains(r.stdout, "789 pacts") || !strings.Contains(r.stdout, "verified") {
		t.Fatalf("world import printed %q", r.stdout)
	}
	r = exits(t, 0, "pact", "show", "atop-3180", "--db", db)
	for _, want := range []string{"founded 1949-04-04", "29 members", "asymmetric", "gfr"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("NATO as a pact lacks %q:\n%s", want, r.stdout)
		}
	}
	exits(t, 0, "verify", "--db", db)
	exits(t, 2, "world", "import", "--db", db, "--data", data)                                        // the store exists
	exits(t, 2, "world", "import", "--db", filepath.Join(t.TempDir(), "w.db"), "--data", t.TempDir()) // no data: bad usage of --data, as for every analysis verb
}
