package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestHealthVerbOnDemo(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	r := exits(t, 0, "health", jv, "--db", db)
	for _, want := range []string{"quanta is a free rider", "commitment c6 by quanta", "in mediation"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("health output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = exits(t, 0, "health", jv, "--json", "--period", "60d", "--db", db)
	var out struct {
		Health struct {
			Score  float64 `json:"score"`
			Alerts []struct {
				Ref string `json:"ref"`
			} `json:"alerts"`
		} `json:"health"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("health --json: %v\n%s", err, r.stdout)
	}
	if out.Health.Score <= 0 || len(out.Health.Alerts) == 0 {
		t.Errorf("health --json: %+v", out.Health)
	}
	exits(t, 2, "health", jv, "--period", "soon", "--db", db)
	exits(t, 4, "health", "no-such-pact", "--db", db)
}
