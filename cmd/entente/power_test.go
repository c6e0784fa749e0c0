package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/power"
)

// powerRun runs 'entente ARGS' in this process, with buffers for streams,
// on a Main of its own that it closes.
func powerRun(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := &Main{cli: cli{Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader("")}}
	code := m.Run(context.Background(), args)
	if err := m.Close(); err != nil {
		t.Errorf("entente %s: closing: %v", strings.Join(args, " "), err)
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// powerExits runs 'entente power ARGS' in process and checks the exit code.
func powerExits(t *testing.T, code int, args ...string) result {
	t.Helper()
	r := powerRun(t, append([]string{"power"}, args...)...)
	if r.code != code {
		t.Fatalf("entente power %s: want exit %d, got %s", strings.Join(args, " "), code, r)
	}
	return r
}

// powerTable splits the table 'entente power' prints into its header and
// its rows by member, each a list of fields.
func powerTable(t *testing.T, stdout string) (header []string, rows map[string][]string) {
	t.Helper()
	rows = map[string][]string{}
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "MEMBER":
			header = f
		case header != nil && len(f) == 0: // the summary follows
			return header, rows
		case header != nil:
			rows[f[0]] = f
		}
	}
	if header == nil {
		t.Fatalf("no table in:\n%s", stdout)
	}
	return header, rows
}

// column returns the field of row under header name.
func column(t *testing.T, header, row []string, name string) string {
	t.Helper()
	for i, h := range header {
		if h == name {
			return row[i]
		}
	}
	t.Fatalf("no column %s in %v", name, header)
	return ""
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The UN Security Council: [39; 7,7,7,7,7,1,...,1]. A permanent member is
// pivotal in 421/2145 of the orderings, an elected one in 4/2145.
func TestPowerUNSCExact(t *testing.T) {
	r := powerExits(t, 0, "--quota", "39", "--weights", "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1", "--exact")
	header, rows := powerTable(t, r.stdout)
	if len(rows) != 15 {
		t.Fatalf("%d rows:\n%s", len(rows), r.stdout)
	}
	for member, want := range map[string][]string{"p1": {"421/2145", "yes"}, "p5": {"421/2145", "yes"}, "p6": {"4/2145", "no"}, "p15": {"4/2145", "no"}} {
		if got := column(t, header, rows[member], "SHAPLEY-SHUBIK"); got != want[0] {
			t.Errorf("%s: Shapley-Shubik %s, want %s", member, got, want[0])
		}
		if got := column(t, header, rows[member], "VETO"); got != want[1] {
			t.Errorf("%s: veto %s, want %s", member, got, want[1])
		}
	}
	if !strings.Contains(r.stdout, "winning coalitions: 848 of 32768; minimal winning: 210; collectivity to act: 53/2048") {
		t.Errorf("summary missing:\n%s", r.stdout)
	}
}

// The EEC Council of Ministers of 1958: Luxembourg's vote never decides
// anything under [12; 4,4,4,2,2,1].
func TestPowerEEC1958ShowsLuxembourgAsDummy(t *testing.T) {
	r := powerExits(t, 0, "--file", filepath.Join("testdata", "eec1958.csv"), "--quota", "12")
	header, rows := powerTable(t, r.stdout)
	if header[1] != "VOTES" || len(rows) != 6 {
		t.Fatalf("header %v, %d rows:\n%s", header, len(rows), r.stdout)
	}
	for member, row := range rows {
		want := map[bool]string{true: "yes", false: "no"}[member == "Luxembourg"]
		if got := column(t, header, row, "DUMMY"); got != want {
			t.Errorf("%s: dummy %s, want %s", member, got, want)
		}
	}
	if got := column(t, header, rows["Luxembourg"], "BANZHAF"); got != "0.000000" {
		t.Errorf("Luxembourg's Banzhaf index %s", got)
	}
}

// The help's EU example (two weight columns, one of them counting states,
// and a blocking minority) is the EU Council rule of the power package.
func TestPowerEUFlagsMatchEUCouncil(t *testing.T) {
	var file strings.Builder
	file.WriteString("name,states,population\n")
	pop := make([]int64, 27)
	for i := range pop {
		pop[i] = int64(1000 + 37*i*i) // unequal, small enough for the dynamic program
		fmt.Fprintf(&file, "m%d,1,%d\n", i+1, pop[i])
	}
	path := writeFile(t, "eu.csv", file.String())
	r := powerExits(t, 0, "--file", path, "--quota", "55%", "--quota2", "65%", "--min-blockers", "4", "--indices", "ss", "--exact", "--json")
	var rep power.PowerReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	g, err := power.EUCouncil(pop)
	if err != nil {
		t.Fatal(err)
	}
	want, err := power.Analyze(g, power.Options{Indices: power.ShapleyShubikIndex, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range rep.Players {
		if p.Exact == nil || p.Exact.ShapleyShubik != want.Exact.ShapleyShubik[i].RatString() {
			t.Errorf("%s: Shapley-Shubik %+v, EUCouncil %s", p.Name, p.Exact, want.Exact.ShapleyShubik[i].RatString())
		}
	}
	// --quota 55%,65% says the same.
	same := powerExits(t, 0, "--file", path, "--quota", "55%,65%", "--min-blockers", "4", "--indices", "ss", "--exact", "--json")
	if same.stdout != r.stdout {
		t.Error("--quota 55%,65% differs from --quota 55% --quota2 65%")
	}
}

func TestPowerBadInputs(t *testing.T) {
	negative := writeFile(t, "negative.csv", "name,weight\na,3\nb,-2\nc,1\n")
	words := writeFile(t, "words.csv", "a,3\nb,two\n")
	missing := writeFile(t, "missing.csv", "a,3\nb,\n")
	empty := writeFile(t, "empty.csv", "")
	two := writeFile(t, "two.csv", "a,1,10\nb,1,20\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"negative weight in a file names the line", []string{"--file", negative, "--quota", "2"}, 3, "negative.csv: line 3, column 2: negative value"},
		{"non-numeric weight in a file", []string{"--file", words, "--quota", "2"}, 3, "line 2, column 2: not a decimal number"},
		{"missing weight in a file", []string{"--file", missing, "--quota", "2"}, 3, "line 2, column 2: missing value"},
		{"empty file", []string{"--file", empty, "--quota", "2"}, 3, "no players"},
		{"negative weight in the flag", []string{"--weights", "3,-2", "--quota", "2"}, 2, "--weights: value 2: negative value"},
		{"non-numeric weight in the flag", []string{"--weights", "3,x", "--quota", "2"}, 2, "--weights: value 2: not a decimal number"},
		{"quota above the total", []string{"--weights", "7,7,7", "--quota", "100"}, 2, "--quota: quota 100 exceeds the total weight 21"},
		{"quota above a decimal total", []string{"--weights", "0.25,0.5", "--quota", "5"}, 2, "--quota: 5 is not a quota a coalition can reach"},
		{"second quota above its total", []string{"--file", two, "--quota", "1", "--quota2", "31"}, 2, "--quota2: quota 31 exceeds the total weight 30"},
		{"one quota for two columns", []string{"--file", two, "--quota", "1"}, 2, "--quota: 1 quota(s) for 2 weight column(s)"},
		{"no quota", []string{"--weights", "1,2"}, 2, "--quota"},
		{"unknown index", []string{"--weights", "1,2", "--quota", "2", "--indices", "banzhaf,influence"}, 2, `--indices: unknown index "influence"`},
		{"index Monte Carlo cannot estimate", []string{"--weights", "1,2", "--quota", "2", "--samples", "10", "--indices", "johnston"}, 2, "--indices: johnston"},
		{"no game", nil, 2, "exactly one of --weights, --file and --pact"},
		{"two games", []string{"--weights", "1,2", "--file", two, "--quota", "2"}, 2, "exactly one of"},
		{"names do not match", []string{"--weights", "1,2", "--names", "a,b,c", "--quota", "2"}, 2, "--names: 3 names for 2 weights"},
		{"blockers above players", []string{"--weights", "1,2", "--quota", "2", "--min-blockers", "3"}, 2, "--min-blockers"},
		{"exact and samples", []string{"--weights", "1,2", "--quota", "2", "--samples", "10", "--exact"}, 2, "--exact"},
		{"quota with a pact", []string{"--pact", jv, "--quota", "2"}, 2, "--quota: not with --pact"},
		{"unknown matter", []string{"--pact", jv, "--matter", "coup"}, 2, "--matter"},
		{"no store", []string{"--pact", jv, "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "no store"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := powerExits(t, tc.code, tc.args...)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q, want it to say %q", r.stderr, tc.want)
			}
		})
	}
}

// On the demo store, the joint venture's budget rule weighs the eur_k each
// firm has delivered against a 60% threshold. Helios has delivered more than
// 60% (4000 of 6400 when this test was written, 5500 of 8650 by the demo's
// third tranche), so it decides alone: index 1, the others dummies.
func TestPowerOfTheDemoJointVenture(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	r := powerExits(t, 0, "--pact", jv, "--matter", "budget", "--db", db, "--exact")
	header, rows := powerTable(t, r.stdout)
	svc, err := backend.OpenLedger(context.Background(), db, false, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	st, err := svc.Pact(jv)
	if err != nil {
		t.Fatal(err)
	}
	delivered := st.Delivered("eur_k")
	for member, want := range map[string][]string{"helios": {"1", "no", "yes"}, "nordcell": {"0", "yes", "no"}, "quanta": {"0", "yes", "no"}} {
		row := rows[member]
		if row == nil {
			t.Fatalf("no row for %s:\n%s", member, r.stdout)
		}
		for _, index := range []string{"BANZHAF", "SHAPLEY-SHUBIK", "DEEGAN-PACKEL", "HOLLER", "JOHNSTON", "COLEMAN-PREVENT"} {
			if got := column(t, header, row, index); got != want[0] {
				t.Errorf("%s: %s %s, want %s", member, index, got, want[0])
			}
		}
		if column(t, header, row, "DUMMY") != want[1] || column(t, header, row, "VETO") != want[2] {
			t.Errorf("%s: row %v, want dummy %s veto %s", member, row, want[1], want[2])
		}
		if got := column(t, header, row, "WEIGHT"); got != number.Fixed(delivered[entente.ActorID(member)], -1) {
			t.Errorf("%s: weight %s, delivered %v", member, got, delivered[entente.ActorID(member)])
		}
	}
	for _, want := range []string{"solid-state-jv, budget matters: weighted rule, 60% of the weight", "collectivity to act: 1/2", "assumes: every member"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	// Admission is by unanimity: every firm holds a veto.
	r = powerExits(t, 0, "--pact", jv, "--matter", "admission", "--db", db, "--exact", "--indices", "ss")
	header, rows = powerTable(t, r.stdout)
	for member, row := range rows {
		if column(t, header, row, "SHAPLEY-SHUBIK") != "1/3" || column(t, header, row, "VETO") != "yes" {
			t.Errorf("%s under unanimity: %v", member, row)
		}
	}
}

func TestPowerJSONAndCSV(t *testing.T) {
	args := []string{"--file", filepath.Join("testdata", "eec1958.csv"), "--quota", "12"}
	r := powerExits(t, 0, append(args, "--json", "--exact")...)
	var rep power.PowerReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	if rep.Game != "[12; 4,4,4,2,2,1]" || rep.Winning != "14" || rep.MinimalWinning != "4" || len(rep.Players) != 6 {
		t.Errorf("report %+v", rep)
	}
	lux := rep.Players[5]
	if lux.Name != "Luxembourg" || lux.Dummy == nil || !*lux.Dummy || lux.Exact.ShapleyShubik != "0" || lux.Weights[0] != 1 {
		t.Errorf("Luxembourg %+v", lux)
	}
	if rep.Players[0].Exact.ShapleyShubik != "7/30" {
		t.Errorf("France %+v", rep.Players[0].Exact)
	}

	r = powerExits(t, 0, append(args, "--csv", "--indices", "ss,coleman")...)
	records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("--csv: %v\n%s", err, r.stdout)
	}
	wantHeader := "member,votes,shapley-shubik,coleman-prevent,coleman-initiate,dummy,veto"
	if len(records) != 7 || strings.Join(records[0], ",") != wantHeader {
		t.Fatalf("--csv:\n%s", r.stdout)
	}
	if ss, _ := new(big.Rat).SetString(records[1][2]); ss == nil || ss.FloatString(6) != "0.233333" {
		t.Errorf("France's Shapley-Shubik in CSV: %q", records[1][2])
	}
}

// Monte Carlo estimates are reproducible from their seed, print their bound,
// and lie within it.
func TestPowerMonteCarlo(t *testing.T) {
	args := []string{"--quota", "39", "--weights", "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1", "--samples", "20000", "--seed", "5", "--json"}
	a, b := powerExits(t, 0, args...), powerExits(t, 0, args...)
	if a.stdout != b.stdout {
		t.Error("the same seed gave different estimates")
	}
	var rep power.PowerReport
	if err := json.Unmarshal([]byte(a.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.MonteCarlo == nil || rep.MonteCarlo.Samples != 20000 || rep.MonteCarlo.Seed != 5 {
		t.Fatalf("report %+v", rep)
	}
	exact := map[string]float64{"p1": 421.0 / 2145, "p15": 4.0 / 2145}
	for _, p := range rep.Players {
		if want, ok := exact[p.Name]; ok && (p.ShapleyShubik == nil || *p.ShapleyShubik-want > rep.MonteCarlo.Bound || want-*p.ShapleyShubik > rep.MonteCarlo.Bound) {
			t.Errorf("%s: estimate %v, exact %v, bound %v", p.Name, p.ShapleyShubik, want, rep.MonteCarlo.Bound)
		}
		if p.DeeganPackel != nil || p.Exact != nil {
			t.Errorf("%s: %+v", p.Name, p)
		}
	}
	table := powerExits(t, 0, args[:len(args)-1]...)
	if !strings.Contains(table.stdout, "monte carlo: 20000 samples, seed 5: with 95% confidence") {
		t.Errorf("no bound in:\n%s", table.stdout)
	}
}

// A game too large for the memory allowed names the real limit and the
// flags that get past it, not the meet-in-the-middle bound.
func TestPowerLimitNamesTheFlag(t *testing.T) {
	w := make([]string, 40)
	for i := range w {
		w[i] = fmt.Sprint(100000 + 7919*i)
	}
	r := powerRun(t, "power", "--weights", strings.Join(w, ","), "--quota", "50%", "--indices", "banzhaf,ss", "--max-memory", "1MB")
	if r.code == 0 {
		t.Fatalf("want a failure, got %s", r)
	}
	for _, want := range []string{"needs", "in 32-bit residues (for Shapley-Shubik) needs 161.0 MiB, limit 1000000 bytes", "raise --max-memory to", "leave ss out of --indices", "--samples"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q, want it to say %q", r.stderr, want)
		}
	}
	if strings.Contains(r.stderr, "meet-in-the-middle") {
		t.Errorf("stderr names the wrong limit: %q", r.stderr)
	}
	bad := powerExits(t, 2, "--weights", "1,2", "--quota", "2", "--max-memory", "lots")
	if !strings.Contains(bad.stderr, "--max-memory") {
		t.Errorf("stderr %q", bad.stderr)
	}
}
