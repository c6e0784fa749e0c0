package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/sharedata"
)

// findingsData returns the shared data folder, failing under CI (skipping
// elsewhere) when a file the findings read is missing.
func findingsData(tb testing.TB) string {
	tb.Helper()
	for _, fs := range [][]string{datadir.ClaimFiles, datadir.ReliabilityFiles, datadir.DeterrenceFiles} {
		for _, f := range fs {
			sharedata.Path(tb, f)
		}
	}
	return sharedata.Root()
}

func TestFindingsClaim(t *testing.T) {
	data, dir := findingsData(t), t.TempDir()
	out, chart := filepath.Join(dir, "claim.csv"), filepath.Join(dir, "claim.png")
	r := exits(t, 0, "findings", "claim", "--data", data, "--out", out, "--chart", chart, "--quiet")
	for _, want := range []string{"N = 8374 state-sessions of 170 states", "ally_x_asymmetry          0.0049   0.0070", "no sign that weaker allies"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "wrote 6 rows to "+out) {
		t.Errorf("stderr: %s", r.stderr)
	}
	recs := histReadCSV(t, out)
	if len(recs) != 7 || recs[4][0] != "ally_x_asymmetry" || !strings.HasPrefix(recs[4][1], "0.00485") {
		t.Errorf("CSV %q", recs)
	}
	f, err := os.Open(chart)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("the chart is not a PNG: %v", err)
	}
}

func TestFindingsReliability(t *testing.T) {
	r := exits(t, 0, "findings", "reliability", "--data", findingsData(t), "--mids=false", "--bootstrap", "200", "--format", "json", "--quiet")
	var rows []struct {
		Source, Unit, Pledges string
		From, To              int
		Cases, Honoured       int
		Share, Published      float64
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	// Twelve rows with the conditions assumed, as before, and twelve with
	// the treaties' checkable conditions applied (pinned in
	// reliability/conditions_test.go).
	if len(rows) != 24 {
		t.Fatalf("%d rows without MIDs, want 24", len(rows))
	}
	r = exits(t, 0, "findings", "reliability", "--data", findingsData(t), "--mids=false", "--conditions=false", "--bootstrap", "200", "--format", "json", "--quiet")
	if n := strings.Count(r.stdout, `"source"`); n != 12 {
		t.Errorf("--conditions=false: %d rows, want 12", n)
	}
	if h := rows[0]; h.Source != "wars" || h.Unit != "ally" || h.From != 1816 || h.To != 1944 || h.Honoured != 205 || h.Cases != 329 || h.Published != 0.745 {
		t.Errorf("headline row %+v", h)
	}
}

func TestFindingsDeterrence(t *testing.T) {
	r := exits(t, 0, "findings", "deterrence", "--data", findingsData(t), "--from", "1816", "--to", "1944", "--quiet")
	for _, want := range []string{"N = 212400, 740 initiations", "target_defence         -0.1677", "-15.0%"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	// Johnson and Leeds's own specification as a logit: the figure
	// reliability/deterrence_specs_test.go pins (-0.023, SE 0.118).
	r = exits(t, 0, "findings", "deterrence", "--data", findingsData(t), "--from", "1816", "--to", "1944", "--spec", "jl2011", "--quiet")
	for _, want := range []string{"(logit, specification jl2011)", "target_defence         -0.0228  0.1176", "s_score"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("jl2011 stdout lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestFindingsRefusals: bad flags are usage errors that name the flag,
// before anything is read or written.
func TestFindingsRefusals(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"findings"}, "Usage: entente findings claim|reliability|deterrence"},
		{[]string{"findings", "claim", "--hub", "0"}, "--hub"},
		{[]string{"findings", "claim", "--from-session", "9", "--to-session", "3"}, "--from-session: 9 is after --to-session 3"},
		{[]string{"findings", "claim", "--chart", filepath.Join(dir, "c.svg")}, "PNG only"},
		{[]string{"findings", "claim", "--type", "bogus"}, "--type"},
		{[]string{"findings", "reliability", "--bootstrap", "0"}, "--bootstrap"},
		{[]string{"findings", "deterrence", "--from", "1700", "--to", "1800"}, "1816"},
		{[]string{"findings", "deterrence", "--out", filepath.Join(dir, "x.txt")}, "--out"},
		{[]string{"findings", "deterrence", "--spec", "bogus"}, "--spec"},
		{[]string{"findings", "deterrence", "--link", "tobit"}, "--link"},
	} {
		r := exits(t, 2, c.args...)
		if !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: stderr %q lacks %q", c.args, r.stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands wrote %d files", len(entries))
	}
}
