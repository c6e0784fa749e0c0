package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/partner/histdata"
)

// suggestJSON is the part of 'partner suggest --json' the tests read.
type suggestJSON struct {
	Pact       string `json:"pact"`
	Candidates []struct {
		ID    string   `json:"id"`
		Rank  int      `json:"rank"`
		Score *float64 `json:"score"`
		Parts []struct {
			Name       string   `json:"name"`
			Known      bool     `json:"known"`
			Raw        *float64 `json:"raw"`
			Normalised *float64 `json:"normalised"`
			Share      float64  `json:"share"`
		} `json:"parts"`
		Unknown []string `json:"unknown"`
	} `json:"candidates"`
}

func TestPartnerSuggestOnDemo(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	// A firm with the technology the venture lacks: members hold 245 of
	// 300 technology and 1430 of 2000 economic, so the gap is 55 + 570;
	// labx fills 55 + 100 of it.
	exits(t, 0, "actor", "add", "--id", "labx", "--name", "Lab X", "--kind", "firm",
		"--cap", "technology=60", "--cap", "economic=100", "--db", db)
	args := []string{"partner", "suggest", jv, "--objective", "technology=300,economic=2000", "--db", db}
	r := exits(t, 0, args...)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[2], "RANK") || !strings.HasPrefix(lines[3], "1 ") || !strings.Contains(lines[3], "labx") {
		t.Fatalf("want labx ranked first:\n%s", r.stdout)
	}
	for _, member := range []string{"helios", "nordcell", "quanta"} {
		if strings.Contains(r.stdout, " "+member+" ") {
			t.Errorf("member %s suggested:\n%s", member, r.stdout)
		}
	}
	if again := exits(t, 0, args...); again.stdout != r.stdout {
		t.Errorf("two runs differ:\n%s\n%s", r.stdout, again.stdout)
	}

	var out suggestJSON
	r = exits(t, 0, append(args, "--json")...)
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	if out.Pact != jv || len(out.Candidates) != 6 || out.Candidates[0].ID != "labx" {
		t.Fatalf("--json: %+v", out)
	}
	for _, c := range out.Candidates {
		share := 0.0
		for _, p := range c.Parts {
			if p.Known != (p.Raw != nil && p.Normalised != nil) {
				t.Errorf("%s %s: known %v, raw %v", c.ID, p.Name, p.Known, p.Raw)
			}
			share += p.Share
		}
		if len(c.Parts) != 6 || c.Score == nil || share < 0.999 || share > 1.001 {
			t.Errorf("%s: %d parts, score %v, shares sum to %v", c.ID, len(c.Parts), c.Score, share)
		}
		// The demo has no positions, culture or rivalries.
		if strings.Join(c.Unknown, ",") != "alignment,culture,threats" {
			t.Errorf("%s: unknown %v", c.ID, c.Unknown)
		}
	}

	r = exits(t, 0, append(args, "--explain", "--limit", "1", "--weights", "culture=0")...)
	for _, want := range []string{"1. labx", "CONTRIBUTION", "fills economic 100 of 570, technology 55 of 55", "no rivalry data"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--explain lacks %q:\n%s", want, r.stdout)
		}
	}
	r = exits(t, 0, append(args, "--csv")...)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 7 || rows[0][0] != "rank" || rows[1][1] != "labx" || rows[1][4] != "" {
		t.Errorf("--csv: %v\n%s", err, r.stdout)
	}
}

func TestPartnerSuggestRefusesBadInput(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{2, []string{jv, "--db", db}, "--objective"},
		{2, []string{jv, "--objective", "technology", "--db", db}, "--objective"},
		{2, []string{jv, "--objective", "technology=-5", "--db", db}, "technology"},
		{2, []string{jv, "--objective", "technology=5", "--weights", "luck=1", "--db", db}, "luck"},
		{2, []string{jv, "--objective", "technology=5", "--alignment", "vibes", "--db", db}, "--alignment"},
		{2, []string{"--objective", "technology=5", "--db", db}, "one PACT"},
		{4, []string{"no-such-pact", "--objective", "technology=5", "--db", db}, "no-such-pact"},
		{5, []string{"clean-air-zone", "--objective", "members=5", "--db", db}, "dissolved"},
	} {
		r := exits(t, tc.code, append([]string{"partner", "suggest"}, tc.args...)...)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: stderr %q does not name %q", tc.args, r.stderr, tc.want)
		}
	}
	exits(t, 2, "partner")
	exits(t, 2, "partner", "recommend")
	if r := exits(t, 0, "partner", "--help"); !strings.Contains(r.stdout, "Usage: entente partner suggest|validate") {
		t.Errorf("partner --help: %s", r)
	}
}

// partnerData returns the shared data folder, failing under CI when a file the
// validation reads is missing.
func partnerData(t *testing.T) string {
	var p string
	for _, f := range append(histdata.Files, histdata.CovariateFiles...) {
		p = sharedata.Path(t, f)
	}
	return filepath.Dir(filepath.Dir(p))
}

func TestPartnerValidateVerb(t *testing.T) {
	dir := partnerData(t)
	r := exits(t, 0, "partner", "validate", "--data", dir, "--bootstrap", "100")
	for _, want := range []string{"train 1950-1980", "test 1981-2013", "TEST AUC", "model ", "capability only", "common allies",
		"model AUC − capability only AUC", "UN-vote agreement", "model + covariates AUC − model AUC", "BY TREATY", "ATOP 3180",
		"log(1 + capital distance, km)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	short := []string{"partner", "validate", "--data", dir, "--from", "1985", "--train-to", "1995", "--to", "2005", "--bootstrap", "20"}
	r = exits(t, 0, append(short, "--csv")...)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 5 || rows[0][0] != "method" || rows[1][0] != "model" || rows[2][0] != "capability only" {
		t.Errorf("--csv: %v\n%s", err, r.stdout)
	}
	var v struct {
		TrainTo int `json:"train_to"`
		Results []struct {
			Method string   `json:"method"`
			AUC    *float64 `json:"auc"`
		} `json:"results"`
	}
	r = exits(t, 0, append(short, "--json")...)
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.TrainTo != 1995 || len(v.Results) != 4 || v.Results[0].AUC == nil {
		t.Errorf("--json: %v %+v\n%s", err, v, r.stdout)
	}
}

func TestPartnerValidateRefusesBadInput(t *testing.T) {
	empty := t.TempDir()
	r := exits(t, 2, "partner", "validate", "--data", empty)
	if !strings.Contains(r.stderr, histdata.Files[0]) {
		t.Errorf("missing files: stderr %q does not name one", r.stderr)
	}
	exits(t, 2, "partner", "validate", "--data", filepath.Join(empty, "nowhere"))
	dir := partnerData(t)
	exits(t, 2, "partner", "validate", "--data", dir, "--horizon", "0")
	exits(t, 2, "partner", "validate", "--data", dir, "--train-to", "1940")
	exits(t, 2, "partner", "validate", "--data", dir, "--csv", "--json")
	if r := exits(t, 1, "partner", "validate", "--data", dir, "--to", "2016"); !strings.Contains(r.stderr, "follow-up") {
		t.Errorf("--to 2016: stderr %q", r.stderr)
	}
}
