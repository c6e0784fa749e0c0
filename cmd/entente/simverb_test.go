package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/sim/simdata"
)

func simReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSimVerbSameSeedSameBytesWhateverTheWorkers(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	common := []string{"sim", "--synthetic", "15", "--years", "6", "--runs", "3", "--seed", "5", "--quiet"}
	exits(t, 0, append(common, "--workers", "1", "--out", a)...)
	exits(t, 0, append(common, "--workers", "3", "--out", b)...)
	if !bytes.Equal(simReadFile(t, a), simReadFile(t, b)) {
		t.Error("1 and 3 workers wrote different runs files")
	}
	bands := string(simReadFile(t, filepath.Join(dir, "a.bands.csv")))
	if !strings.HasPrefix(bands, "year,statistic,n,mean,q05,q25,q50,q75,q95\n") || !strings.Contains(bands, ",alliances,3,") {
		t.Errorf("bands file:\n%.300s", bands)
	}
}

func TestSimVerbShardsMerge(t *testing.T) {
	dir := t.TempDir()
	path := func(n string) string { return filepath.Join(dir, n) }
	common := []string{"sim", "--synthetic", "12", "--years", "4", "--runs", "5", "--seed", "9", "--quiet"}
	exits(t, 0, append(common, "--out", path("whole.csv"))...)
	exits(t, 0, append(common, "--shard", "0/2", "--out", path("s0.csv"))...)
	exits(t, 0, append(common, "--shard", "1/2", "--out", path("s1.csv"))...)
	exits(t, 0, "sim", "merge", "--out", path("merged.csv"), path("s1.csv"), path("s0.csv"))
	if !bytes.Equal(simReadFile(t, path("whole.csv")), simReadFile(t, path("merged.csv"))) {
		t.Error("merged shards differ from the whole sweep")
	}
	if !bytes.Equal(simReadFile(t, path("whole.bands.csv")), simReadFile(t, path("merged.bands.csv"))) {
		t.Error("bands of the merged shards differ from the whole sweep's")
	}
	r := exits(t, 1, "sim", "merge", "--out", path("twice.csv"), path("s0.csv"), path("s0.csv"))
	if !strings.Contains(r.stderr, "two shards") {
		t.Errorf("merging a shard twice: %s", r.stderr)
	}
	if _, err := os.Stat(path("twice.csv")); err == nil {
		t.Error("a failed merge wrote its output")
	}
}

func TestSimVerbRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("# fine\nshock 1960 a000 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--shard", "2/2"}, "--shard"},
		{[]string{"--years", "0"}, "--years"},
		{[]string{"--runs", "0"}, "--runs"},
		{[]string{"--set", "goods.monitoring=2"}, "goods.monitoring"},
		{[]string{"--set", "nonsense"}, "name=value"},
		{[]string{"--off", "gravity"}, "unknown mechanism"},
		{[]string{"--scenario", bad}, "bad.txt:2:"},
		{[]string{"--db", filepath.Join(dir, "x.db"), "--runs", "2"}, "--db"},
	}
	for _, tc := range tests {
		args := append([]string{"sim", "--synthetic", "5", "--years", "2", "--runs", "1", "--out", out}, tc.args...)
		r := exits(t, 2, args...)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: stderr %q does not mention %q", tc.args, r.stderr, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v: output written despite the error", tc.args)
		}
	}
	exits(t, 2, "sim", "merge")
}

func TestSimVerbFromData(t *testing.T) {
	for _, f := range simdata.Files {
		sharedata.Path(t, f)
	}
	out := filepath.Join(t.TempDir(), "runs.csv")
	exits(t, 0, "sim", "--data", sharedata.Root(), "--from-year", "1946", "--years", "3", "--runs", "2", "--seed", "7",
		"--workers", "2", "--quiet", "--out", out)
	got := string(simReadFile(t, out))
	for _, want := range []string{"run,year,statistic,value\n", "0,1946,alliances,", "1,1948,allied_share,"} {
		if !strings.Contains(got, want) {
			t.Errorf("runs file lacks %q:\n%.400s", want, got)
		}
	}
}

func TestSimValidateRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--runs", "0"}, "--runs"},
		{[]string{"--fit", "-1"}, "--fit"},
		{[]string{"--workers", "-2"}, "--workers"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"--data", t.TempDir()}, "--data"},
	} {
		r := exits(t, 2, append([]string{"sim", "validate", "--quiet"}, tc.args...)...)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: stderr %q does not mention %q", tc.args, r.stderr, tc.want)
		}
	}
	if r := exits(t, 0, "sim", "validate", "--help"); !strings.Contains(r.stdout+r.stderr, "held-out") {
		t.Errorf("sim validate --help does not explain the spans:\n%s", r.stdout+r.stderr)
	}
}

// The what-if on a live pact of the demo store: quanta delivering 40% of
// its pledges in the solid-state joint venture. The store is only read.
func TestSimWhatIfOnTheDemo(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	before := simReadFile(t, db)
	r := exits(t, 0, "sim", "--db", db, "--pact", "solid-state-jv", "--periods", "6", "--runs", "20", "--assume", "quanta=40%", "--quiet")
	for _, want := range []string{"quanta pledges", "delivers 40% of it (assumed)", "engineer_months", "health at the end: median", "P(a dispute reaches arbitration) = ", "P(dissolution) = "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !bytes.Equal(before, simReadFile(t, db)) {
		t.Error("the what-if changed the store")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--pact", "no-such-pact"}, "no pact"},
		{[]string{"--pact", "solid-state-jv", "--assume", "quanta"}, "--assume"},
		{[]string{"--pact", "solid-state-jv", "--assume", "nobody=1"}, "not a member"},
		{[]string{"--pact", "solid-state-jv", "--periods", "0"}, "--periods"},
	} {
		r := exits(t, 2, append([]string{"sim", "--db", db, "--quiet"}, tc.args...)...)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: stderr %q does not mention %q", tc.args, r.stderr, tc.want)
		}
	}
}

// TestSimRunWrittenToAStore: one run goes into a new store as the
// operator's record, and verify passes on it; a second write to the same
// path and a sweep of several runs are refused.
func TestSimRunWrittenToAStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "run.db")
	args := []string{"sim", "--synthetic", "12", "--years", "6", "--runs", "1", "--seed", "3", "--quiet", "--db", db}
	r := exits(t, 0, args...)
	if !strings.Contains(r.stderr, "verified") {
		t.Errorf("sim --db said %q", r.stderr)
	}
	v := exits(t, 0, "verify", "--db", db)
	if !strings.Contains(v.stdout, "the operator's record") || strings.Contains(v.stdout, "entry ") {
		t.Errorf("verify of a written run:\n%s", v.stdout)
	}
	exits(t, 2, args...)
	exits(t, 2, "sim", "--synthetic", "5", "--years", "2", "--runs", "3", "--db", filepath.Join(t.TempDir(), "x.db"))
}

// An --out ending in .svg or .png draws the chart (and no bands file);
// 'sim chart' draws the same chart from the runs file; a chart of another
// extension is refused before any work, and nothing is written.
func TestSimVerbCharts(t *testing.T) {
	dir := t.TempDir()
	path := func(n string) string { return filepath.Join(dir, n) }
	common := []string{"sim", "--synthetic", "10", "--years", "5", "--runs", "3", "--seed", "4", "--quiet"}
	exits(t, 0, append(common, "--out", path("runs.svg"))...)
	exits(t, 0, append(common, "--out", path("runs.png"))...)
	exits(t, 0, append(common, "--out", path("runs.csv"))...)
	if svg := string(simReadFile(t, path("runs.svg"))); !strings.Contains(svg, "<svg") || !strings.Contains(svg, "pacts in force") {
		t.Errorf("runs.svg is not the chart:\n%.200s", svg)
	}
	if png := simReadFile(t, path("runs.png")); !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Error("runs.png is not a PNG")
	}
	for _, n := range []string{"runs.bands.svg", "runs.bands.png"} {
		if _, err := os.Stat(path(n)); err == nil {
			t.Errorf("a chart wrote %s", n)
		}
	}
	exits(t, 0, "sim", "chart", "--title", "3 runs from 1946 (seed 4)", "--out", path("again.svg"), path("runs.csv"))
	exits(t, 0, "sim", "chart", "--title", "3 runs from 1946 (seed 4)", "--out", path("again.png"), path("runs.csv"))
	if !bytes.Equal(simReadFile(t, path("runs.svg")), simReadFile(t, path("again.svg"))) {
		t.Error("sim chart drew another SVG than sim --out")
	}
	if !bytes.Equal(simReadFile(t, path("runs.png")), simReadFile(t, path("again.png"))) {
		t.Error("sim chart drew another PNG than sim --out")
	}
	r := exits(t, 2, "sim", "chart", "--out", path("x.gif"), path("runs.csv"))
	if !strings.Contains(r.stderr, "x.gif") {
		t.Errorf("a .gif chart: %s", r.stderr)
	}
	exits(t, 2, "sim", "chart", path("runs.csv"))
	if _, err := os.Stat(path("x.gif")); err == nil {
		t.Error("a refused chart was written")
	}
}
