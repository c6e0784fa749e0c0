package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/sharedata"
)

// histData returns the shared data folder, failing under CI (skipping
// elsewhere) when a file the reports read is missing.
func histData(tb testing.TB) string {
	tb.Helper()
	for _, f := range append(datadir.BurdenFiles, datadir.WarningFiles...) {
		sharedata.Path(tb, f)
	}
	return sharedata.Root()
}

func histReadCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestBurdenReportNATO(t *testing.T) {
	data, dir := histData(t), t.TempDir()
	years, members, chart := filepath.Join(dir, "years.csv"), filepath.Join(dir, "members.csv"), filepath.Join(dir, "rho.png")
	r := exits(t, 0, "report", "burden", "--data", data, "--csv", years, "--members-csv", members, "--png", chart, "--quiet")
	if !strings.Contains(r.stdout, "1964  worldbank") || !strings.Contains(r.stdout, "1960s") {
		t.Errorf("the table lacks 1964 or the decades:\n%s", r.stdout)
	}
	recs := histReadCSV(t, years)
	var rho1964 float64
	for _, rec := range recs[1:] {
		if rec[1] == "1964" {
			rho1964, _ = strconv.ParseFloat(rec[5], 64)
		}
	}
	if !(rho1964 > 0) || recs[1][1] != "1949" || recs[1][2] != "maddison" {
		t.Errorf("years CSV: 1964 ρ %g (want > 0), first row %q", rho1964, recs[1])
	}
	// Iceland has no spending data: empty cells, never 0.
	for _, rec := range histReadCSV(t, members)[1:] {
		if rec[3] == "ice" && (rec[6] != "" || rec[7] != "" || rec[10] != "") {
			t.Fatalf("Iceland %s: milex %q %q exploitation %q, want empty", rec[1], rec[6], rec[7], rec[10])
		}
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

func TestBurdenReportJSON(t *testing.T) {
	r := exits(t, 0, "report", "burden", "--data", histData(t), "--from", "1964", "--to", "1964", "--json", "--quiet")
	var out struct {
		Report struct {
			Years []struct {
				Year int `json:"year"`
				OZ   struct {
					Rho *float64 `json:"rho"`
					N   int      `json:"n"`
				} `json:"olson_zeckhauser"`
				Members []struct {
					ID       string   `json:"id"`
					SharePct *float64 `json:"milex_share_pct"`
				} `json:"members"`
			} `json:"years"`
		} `json:"report"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	y := out.Report.Years
	if len(y) != 1 || y[0].Year != 1964 || y[0].OZ.Rho == nil || *y[0].OZ.Rho <= 0 || y[0].OZ.N != 14 {
		t.Fatalf("1964 in JSON: %+v", y)
	}
	for _, m := range y[0].Members {
		if m.ID == "ice" && m.SharePct != nil {
			t.Errorf("Iceland's missing share is %v in JSON, want null", *m.SharePct)
		}
	}
}

// TestHistoryBadInput: each bad flag gets a message naming it, exit 2, and
// no file is written.
func TestHistoryBadInput(t *testing.T) {
	data, dir := histData(t), t.TempDir()
	out := filepath.Join(dir, "out.csv")
	png := filepath.Join(dir, "out.png")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"report", "burden", "--alliance", "999999"}, []string{"--alliance", "999999"}},
		{[]string{"report", "burden", "--from", "1900", "--to", "1910"}, []string{"--from/--to", "1900", "1910"}},
		{[]string{"report", "burden", "--from", "2030", "--to", "2040"}, []string{"--from/--to"}},
		{[]string{"report", "burden", "--from", "1980", "--to", "1970"}, []string{"--from:", "--to 1970", "1980"}},
		{[]string{"report", "burden", "--splice", "-3"}, []string{"--splice"}},
		{[]string{"report", "warnings", "--alliance", "999999"}, []string{"--alliance", "999999"}},
		{[]string{"report", "warnings", "--from", "2030"}, []string{"--from/--to", "2030"}},
		{[]string{"report", "warnings", "--folds", "1"}, []string{"--folds"}},
		{[]string{"report", "warnings", "--horizon", "0"}, []string{"--horizon"}},
	} {
		args := append(append([]string{}, c.args...), "--data", data, "--csv", out, "--quiet")
		if c.args[1] == "burden" {
			args = append(args, "--png", png)
		}
		r := exits(t, 2, args...)
		for _, w := range c.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", c.args, r.stderr, w)
			}
		}
		for _, f := range []string{out, png} {
			if _, err := os.Stat(f); err == nil {
				t.Fatalf("%v wrote %s", c.args, f)
			}
		}
	}
	r := exits(t, 2, "report", "burden", "--data", filepath.Join(dir, "nowhere"))
	if !strings.Contains(r.stderr, "--data") {
		t.Errorf("missing data folder: %q", r.stderr)
	}
	r = exits(t, 2, "report", "warnings", "--data", dir)
	if !strings.Contains(r.stderr, "--data") || !strings.Contains(r.stderr, "lacks atop_v5.1/atop5_1a.csv") {
		t.Errorf("a data folder without the files: %q", r.stderr)
	}
	r = exits(t, 2, "report", "burden", "--data", data, "--png", filepath.Join(dir, "no", "such", "rho.png"))
	if !strings.Contains(r.stderr, "--chart") || !strings.Contains(r.stderr, "does not exist") {
		t.Errorf("unwritable --png (an alias of --chart): %q", r.stderr)
	}
}

func TestWarningsReport(t *testing.T) {
	data, dir := histData(t), t.TempDir()
	out := filepath.Join(dir, "nato.csv")
	r := exits(t, 0, "report", "warnings", "--data", data, "--alliance", "3180", "--csv", out, "--bootstrap", "200")
	for _, want := range []string{"5-fold cross-validation by alliance", "time split: train ≤ 1945", "age only", "ATOP 3180 by year", "burden_cv_missing",
		"apparent skill is mostly the era", "components + era + covariates", "TRAIN ≤1940 TEST >1945", "WITHIN 1946-1989"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "alliance-years computed") {
		t.Errorf("no progress on stderr: %q", r.stderr)
	}
	recs := histReadCSV(t, out)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	if len(recs) != 2018-1949+2 {
		t.Errorf("NATO rows: %d, want 1949–2018", len(recs)-1)
	}
	for _, rec := range recs[1:] {
		if rec[col["alliance"]] != "3180" || rec[col["end_year"]] != "" {
			t.Fatalf("row %q", rec)
		}
		year, _ := strconv.Atoi(rec[col["year"]])
		if year > 2013 && (rec[col["outcome"]] != "censored" || rec[col["p_end_model"]] != "") {
			t.Errorf("%d: outcome %s, score %q; want censored with no score", year, rec[col["outcome"]], rec[col["p_end_model"]])
		}
		if year == 1954 && rec[col["herfindahl_shift"]] != "" {
			t.Errorf("1954: herfindahl_shift %q, want empty (West Germany had no CINC in 1949)", rec[col["herfindahl_shift"]])
		}
	}
}

// TestReportFunctions calls the two report functions the way a shared
// "report" verb dispatches to them.
func TestReportFunctions(t *testing.T) {
	data := histData(t)
	var stdout, stderr bytes.Buffer
	env := &cli{Stdout: &stdout, Stderr: &stderr}
	if err := runReportBurden(context.Background(), env, []string{"--data", data, "--from", "1964", "--to", "1964", "--quiet"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "1964") {
		t.Errorf("burden:\n%s", stdout.String())
	}
	stdout.Reset()
	err := runReportWarnings(context.Background(), env, []string{"--data", data, "--alliance", "424242", "--quiet"})
	if err == nil || !strings.Contains(err.Error(), "--alliance") || program.Exit(env, err) != 2 {
		t.Errorf("warnings with an unknown alliance: %v", err)
	}
}
