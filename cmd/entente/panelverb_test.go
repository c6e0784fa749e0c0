package main

import (
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/output"
)

// TestPanelWith checks the covariate columns of panel dyads and panel
// states on the real data, and the flag's errors.
func TestPanelWith(t *testing.T) {
	data := dataDir(t)
	r := mustRun(t, 0, "panel", "dyads", "--from", "1950", "--to", "1950", "--with", "contiguity,distance,rivalry,mids,wars,democracy,igos", "--data", data, "--quiet")
	rows := csvRows(t, r.stdout)
	if len(rows) != 75*74/2 {
		t.Errorf("%d rows, want %d", len(rows), 75*74/2)
	}
	us := find(rows, "ccode1", "2", "ccode2", "365")
	if us == nil || us["rivalry"] != "1" || us["conttype"] == "" || us["dyadigos"] == "" || us["polity21"] != "10" {
		t.Errorf("US-USSR 1950: %v", us)
	}
	r = mustRun(t, 0, "panel", "states", "--from", "2014", "--to", "2014", "--with", "all", "--data", data, "--quiet")
	ukr := find(csvRows(t, r.stdout), "ccode", "369")
	if ukr == nil || ukr["cowmidonset"] != "1" || ukr["land"] == "" || ukr["ethfrac"] != "" {
		t.Errorf("Ukraine 2014 (Crimea; CREG ends 2013): %v", ukr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"panel", "states", "--with", "igos", "--data", data}, `--with: "igos" is not a covariate of panel states`},
		{[]string{"panel", "dyads", "--with", "trade", "--data", data}, `"trade" is not a covariate`},
		{[]string{"panel", "alliances", "--with", "mids", "--data", data}, "--with: not a flag of entente panel alliances"},
	} {
		r := inProcess(t, tc.args...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("entente %s: want a failure naming %q, got %s", strings.Join(tc.args, " "), tc.want, r)
		}
	}
}

// TestPanelParquet writes dyad-year panels (with every covariate) as
// Parquet and checks that the file reads back as the CSV the same command
// prints.
func TestPanelParquet(t *testing.T) {
	data := dataDir(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"panel", "dyads", "--from", "1990", "--to", "1992", "--with", "all", "--directed"},
		{"panel", "states", "--from", "1816", "--to", "1830"},
		{"panel", "alliances", "--from", "1950", "--to", "1951"},
	} {
		args = append(args, "--data", data, "--quiet")
		want, err := csv.NewReader(strings.NewReader(mustRun(t, 0, args...).stdout)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, args[1]+".parquet")
		r := mustRun(t, 0, append(args, "--out", path)...)
		if wrote := fmt.Sprintf("wrote %d rows to %s\n", len(want)-1, path); r.stderr != wrote {
			t.Errorf("%v: stderr %q, want %q", args, r.stderr, wrote)
		}
		got, err := output.ParquetRecords(path)
		if err != nil {
			t.Fatal(err)
		}
		if d := output.SameRecords(want, got); d != "" {
			t.Errorf("%v: %s", args, d)
		}
	}
}
