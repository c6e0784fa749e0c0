package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/sharedata"
)

// inProcess runs the command in this process and returns what it printed
// and its exit code.
func inProcess(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cli{Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader("")}
	code := program.Main(context.Background(), env, args)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// mustRun runs the command in process and checks its exit code.
func mustRun(t *testing.T, code int, args ...string) result {
	t.Helper()
	r := inProcess(t, args...)
	if r.code != code {
		t.Fatalf("entente %s: want exit %d, got %s", strings.Join(args, " "), code, r)
	}
	return r
}

// dataDir returns the shared data folder, skipping (or failing in CI)
// when the files the data verbs read are absent.
func dataDir(t *testing.T) string {
	t.Helper()
	for _, f := range append(append(datadir.PanelFiles(6), datadir.NMCFile(5)), datadir.VoteFiles...) {
		sharedata.Path(t, f)
	}
	return sharedata.Root()
}

// csvRows parses CSV text into maps keyed by column name.
func csvRows(t *testing.T, text string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("%v in:\n%.500s", err, text)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func find(rows []map[string]string, kv ...string) map[string]string {
next:
	for _, r := range rows {
		for i := 0; i < len(kv); i += 2 {
			if r[kv[i]] != kv[i+1] {
				continue next
			}
		}
		return r
	}
	return nil
}

func TestPanelVerb(t *testing.T) {
	data := dataDir(t)
	out := filepath.Join(t.TempDir(), "dyads.csv")
	mustRun(t, 0, "panel", "dyads", "--from", "1832", "--to", "1833", "--directed", "--data", data, "--out", out, "--quiet")
	text, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := csvRows(t, string(text))
	// ATOP 1060: France pledged to defend Belgium, not the reverse.
	fr := find(rows, "year", "1832", "ccode1", "220", "ccode2", "211")
	be := find(rows, "year", "1832", "ccode1", "211", "ccode2", "220")
	if fr == nil || be == nil || fr["defense"] != "1" || be["defense"] != "0" || be["atop_shared"] != "1" {
		t.Errorf("France→Belgium %v, Belgium→France %v", fr, be)
	}
	n1832 := 0
	for _, r := range rows {
		if r["year"] == "1832" {
			n1832++
		}
	}
	if n1832 == 0 || len(rows) <= n1832 {
		t.Errorf("%d rows, %d in 1832", len(rows), n1832)
	}

	r := mustRun(t, 0, "panel", "states", "--from", "1950", "--to", "1950", "--data", data)
	if us := find(csvRows(t, r.stdout), "ccode", "2"); us == nil || us["major"] != "1" || us["defense"] != "1" {
		t.Errorf("USA 1950: %v", us)
	}
	r = mustRun(t, 0, "panel", "alliances", "--from", "1950", "--to", "1950", "--data", data)
	if nato := find(csvRows(t, r.stdout), "atopid", "3180"); nato == nil || nato["symmetry"] != "asymmetric" || nato["members"] != "12" {
		t.Errorf("NATO 1950: %v", nato)
	}
	// JSON lines: numbers stay numbers, missing values are null.
	r = mustRun(t, 0, "panel", "dyads", "--from", "1902", "--to", "1902", "--json", "--data", data)
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	var cuba map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		if m["ccode1"] == 2.0 && m["ccode2"] == 40.0 {
			cuba = m
		}
	}
	if cuba == nil || cuba["milex2"] != nil || cuba["cinc2"] == nil || cuba["year"] != 1902.0 {
		t.Errorf("USA-Cuba 1902 as JSON: %v", cuba)
	}
}

func TestSimilarityVerb(t *testing.T) {
	data := dataDir(t)
	r := mustRun(t, 0, "similarity", "portfolio", "--from", "1950", "--to", "1950", "--data", data)
	rows := csvRows(t, r.stdout)
	if n := len(rows); n != 75*74/2 {
		t.Errorf("1950: %d portfolio dyads, want %d", n, 75*74/2)
	}
	if uk := find(rows, "ccode1", "2", "ccode2", "200"); uk == nil || uk["s_abs"] == "" || uk["tau_b"] == "" {
		t.Errorf("US-UK 1950: %v", uk)
	}
	r = mustRun(t, 0, "similarity", "portfolio", "--from", "2018", "--to", "2018", "--data", data, "--ties", "either")
	if !strings.Contains(r.stderr, "2016 members") {
		t.Errorf("carrying the system to 2018 was not noted: %q", r.stderr)
	}
	if row := find(csvRows(t, r.stdout), "ccode1", "2", "ccode2", "20"); row == nil || row["sw_abs"] != "" || row["s_abs"] == "" {
		t.Errorf("US-Canada 2018: %v (weighted S must be empty without CINC)", row)
	}
	r = mustRun(t, 0, "similarity", "votes", "--from", "1985", "--to", "1985", "--data", data)
	all := find(csvRows(t, r.stdout), "ccode1", "2", "ccode2", "200")
	r = mustRun(t, 0, "similarity", "votes", "--from", "1985", "--to", "1985", "--important", "--data", data)
	imp := find(csvRows(t, r.stdout), "ccode1", "2", "ccode2", "200")
	if all == nil || imp == nil || all["n"] == imp["n"] || all["agree"] == "" {
		t.Errorf("US-UK 1985: all %v, important %v", all, imp)
	}
	mustRun(t, 0, "similarity", "votes", "--from", "1985", "--to", "1985", "--issue", "hr", "--data", data)
}

func TestNetworkVerb(t *testing.T) {
	data := dataDir(t)
	r := mustRun(t, 0, "network", "--year", "1950", "--type", "defense", "--data", data)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if !strings.HasPrefix(lines[0], "CCODE") || !strings.HasPrefix(lines[1], "2 ") || !strings.HasPrefix(lines[len(lines)-1], "1950 defense: 75 states") {
		t.Errorf("network 1950:\n%s", r.stdout)
	}
	out := filepath.Join(t.TempDir(), "net.csv")
	mustRun(t, 0, "network", "--from", "1948", "--to", "1952", "--data", data, "--out", out)
	text, _ := os.ReadFile(out)
	if rows := csvRows(t, string(text)); len(rows) != 5 || rows[0]["year"] != "1948" || rows[0]["type"] != "any" {
		t.Errorf("network 1948-1952: %v", rows)
	}
	r = mustRun(t, 0, "network", "--year", "2000", "--json", "--data", data)
	var doc struct {
		Summary struct{ States int }
		States  []map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Summary.States != len(doc.States) || doc.States[0]["degree"] == nil {
		t.Errorf("network --json: %v %+v", err, doc.Summary)
	}
}

func TestReportVerb(t *testing.T) {
	data := dataDir(t)
	dir := t.TempDir()
	csvPath, pngPath, decPath := filepath.Join(dir, "hub.csv"), filepath.Join(dir, "hub.png"), filepath.Join(dir, "decades.csv")
	r := mustRun(t, 0, "report", "hub-and-spoke", "--data", data, "--out-csv", csvPath, "--out-png", pngPath, "--out-decades", decPath)
	if !strings.Contains(r.stdout, "United States") || !strings.Contains(r.stdout, "USSR/Russia") || !strings.Contains(r.stdout, "1980s") {
		t.Errorf("decade summary:\n%s", r.stdout)
	}
	text, _ := os.ReadFile(csvPath)
	rows := csvRows(t, string(text))
	if len(rows) != 75*2*5 {
		t.Errorf("%d report rows", len(rows))
	}
	if r := find(rows, "hub", "2", "year", "2020", "group", "allies"); r == nil || r["known"] != "0" || r["agree"] != "" {
		t.Errorf("US allies 2020 (past ATOP): %v", r)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("chart: %v", err)
	}
	r = mustRun(t, 0, "report", "hub-and-spoke", "--data", data, "--from", "1985", "--to", "1986", "--json")
	var gaps []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &gaps); err != nil || len(gaps) == 0 {
		t.Errorf("--json: %v\n%s", err, r.stdout)
	}
}

func TestDataVerbsRejectBadInput(t *testing.T) {
	data := dataDir(t)
	out := filepath.Join(t.TempDir(), "never.csv")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"panel", "dyads", "--from", "1700", "--data", data, "--out", out}, "--from: year 1700 out of range"},
		{[]string{"panel", "dyads", "--to", "2017", "--data", data, "--out", out}, "--to: year 2017 out of range"},
		{[]string{"panel", "dyads", "--from", "1900", "--to", "1899", "--data", data, "--out", out}, "--from: 1900 is after --to 1899"},
		{[]string{"panel", "dyads", "--data", filepath.Join(data, "no-such-folder"), "--out", out}, "--data"},
		{[]string{"panel", "states", "--directed", "--data", data, "--out", out}, "--directed"},
		{[]string{"panel", "dyads", "--nmc", "4", "--data", data, "--out", out}, "--nmc: expected at least 5, got 4"},
		{[]string{"panel", "pairs"}, "expected states, dyads or alliances"},
		{[]string{"similarity", "votes", "--from", "1900", "--data", data, "--out", out}, "--from: year 1900"},
		{[]string{"similarity", "votes", "--issue", "zz", "--data", data, "--out", out}, "--issue"},
		{[]string{"similarity", "portfolio", "--to", "2019", "--data", data, "--out", out}, "--to: year 2019"},
		{[]string{"similarity", "portfolio", "--important", "--data", data, "--out", out}, "--important"},
		{[]string{"network", "--year", "2020", "--data", data}, "--year: year 2020"},
		{[]string{"network", "--data", data}, "expected --year"},
		{[]string{"network", "--year", "1950", "--type", "friendship", "--data", data}, "--type"},
		{[]string{"report", "hub-and-spoke", "--to", "2021", "--data", data}, "--to: year 2021 out of range"},
		{[]string{"report", "hub-and-spoke", "--hubs", "usa", "--data", data}, "--hubs"},
		{[]string{"report", "hub-and-spoke", "--data", data, "--out-csv", filepath.Join(data, "nope", "x.csv")}, "--out-csv"},
		{[]string{"report", "hub-and-spoke", "--data", "/nonexistent/data"}, `--data: no data folder found (looked in "/nonexistent/data")`},
		{[]string{"report", "nonsense"}, "expected hub-and-spoke"},
	} {
		r := inProcess(t, tc.args...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("entente %s: want a failure naming %q, got %s", strings.Join(tc.args, " "), tc.want, r)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("failed runs left files: %v", entries)
	}
}

func TestDataVerbsHelp(t *testing.T) {
	for _, args := range [][]string{
		{"panel", "--help"}, {"panel", "dyads", "--help"}, {"similarity", "--help"}, {"similarity", "votes", "--help"},
		{"network", "--help"}, {"report", "--help"}, {"report", "hub-and-spoke", "--help"},
	} {
		r := inProcess(t, args...)
		if r.code != 0 || len(r.stdout+r.stderr) < 200 || !strings.Contains(r.stdout+r.stderr, "Usage: entente") {
			t.Errorf("entente %s: %s", strings.Join(args, " "), r)
		}
	}
	if r := inProcess(t, "panel", "dyads", "--help"); !strings.Contains(r.stdout, "-directed") || !strings.Contains(r.stdout, "cap_ratio") {
		t.Errorf("panel dyads --help does not explain the flags and columns on standard output:\n%s", r)
	}
}
