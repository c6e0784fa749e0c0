package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entente/entente/internal/sharedata"
)

// runIn runs the command in-process and returns its exit code and output.
func landscapeRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := program.Main(context.Background(), &cli{Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader("")}, args)
	return code, stdout.String(), stderr.String()
}

func landscapeWriteFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The five-actor system of the landscape package tests: minima AAABB
// (E = −24, basin 9), AABAB (−2, 4) and AAAAA (0, 3).
const landscapeFiveSizes = `actor,size
a,3
b,1
c,2
d,3
e,3
`

// The matrix with its columns in another order than the rows and the sizes.
const landscapeFiveProps = `# propensities of the five-actor example
,e,d,c,b,a
a,-1,1,2,2,
b,-1,-1,1,,2
c,1,-2,,1,2
d,1,,-2,-1,1
e,,1,1,-1,-1
`

type landscapeJSON struct {
	Actors         []string `json:"actors"`
	Configurations uint64   `json:"configurations"`
	Method         string   `json:"method"`
	Complete       bool     `json:"complete"`
	BasinsExact    bool     `json:"basins_exact"`
	Minima         []struct {
		Rank      int      `json:"rank"`
		Energy    float64  `json:"energy"`
		Basin     float64  `json:"basin"`
		Share     float64  `json:"share"`
		BlocA     []string `json:"bloc_a"`
		BlocB     []string `json:"bloc_b"`
		Misplaced []string `json:"misplaced"`
		VsPaper   []string `json:"vs_paper"`
	} `json:"minima"`
	History []string `json:"history_bloc_b"`
	Paper   []string `json:"paper_bloc_b"`
}

func TestLandscapeVerbFromFiles(t *testing.T) {
	dir := t.TempDir()
	sizes := landscapeWriteFile(t, dir, "sizes.csv", landscapeFiveSizes)
	props := landscapeWriteFile(t, dir, "props.csv", landscapeFiveProps)

	code, out, errOut := landscapeRun(t, "landscape", "--sizes", sizes, "--propensities", props)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	for i, want := range []string{
		"RANK ENERGY BASIN SHARE BLOC A BLOC B",
		"1 -24 9 56.2% a b c d e",
		"2 -2 4 25.0% a b d c e",
		"3 0 3 18.8% a b c d e",
	} {
		if got := strings.Join(strings.Fields(lines[i]), " "); got != want {
			t.Errorf("line %d = %q, want %q\n%s", i, got, want, out)
		}
	}
	if !strings.Contains(out, "exhaustive: every local minimum, exact basins") {
		t.Errorf("table does not say how it was computed:\n%s", out)
	}

	code, out, errOut = landscapeRun(t, "landscape", "--sizes", sizes, "--propensities", props, "--csv")
	if code != 0 {
		t.Fatalf("--csv: exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{
		{"rank", "energy", "basin", "share", "bloc_a", "bloc_b"},
		{"1", "-24", "9", "0.5625", "a;b;c", "d;e"},
		{"2", "-2", "4", "0.25", "a;b;d", "c;e"},
		{"3", "0", "3", "0.1875", "a;b;c;d;e", ""},
	}; !slices.EqualFunc(want, recs, slices.Equal) {
		t.Errorf("--csv = %q, want %q", recs, want)
	}

	code, out, errOut = landscapeRun(t, "landscape", "--sizes", sizes, "--propensities", props, "--json", "--method", "search", "--restarts", "200", "--top", "1")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errOut)
	}
	var got landscapeJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if got.Method != "search" || got.Complete || len(got.Minima) != 1 || got.Minima[0].Energy != -24 || !slices.Equal(got.Minima[0].BlocB, []string{"d", "e"}) {
		t.Errorf("--json --method search --top 1: %+v", got)
	}
}

func TestLandscapeVerbBadInput(t *testing.T) {
	dir := t.TempDir()
	sizes := landscapeWriteFile(t, dir, "sizes.csv", landscapeFiveSizes)
	props := landscapeWriteFile(t, dir, "props.csv", landscapeFiveProps)
	for _, tc := range []struct {
		name        string
		sizes, prop string
		args        []string
		code        int
		want        string
	}{
		{"bad size", "actor,size\na,1\nb,heavy\n", landscapeFiveProps, nil, 3, "sizes.csv: line 3: size of b"},
		{"negative size", "actor,size\na,1\nb,-2\n", landscapeFiveProps, nil, 3, "sizes.csv: line 3"},
		{"no header", "a,1\nb,2\n", landscapeFiveProps, nil, 3, "sizes.csv: line 1: want the header"},
		{"duplicate actor", "actor,size\na,1\na,2\n", landscapeFiveProps, nil, 3, "sizes.csv: line 3: actor \"a\" already on line 2"},
		{"asymmetric", landscapeFiveSizes, strings.Replace(landscapeFiveProps, "d,1,,-2,-1,1", "d,1,,-2,-1,5", 1), nil, 3,
			"props.csv: line 3: propensity of a with d is 1, but line 6 gives 5"},
		{"bad cell", landscapeFiveSizes, strings.Replace(landscapeFiveProps, "c,1,-2,,1,2", "c,1,x,,1,2", 1), nil, 3, "props.csv: line 5: propensity of c with d"},
		{"unknown column", landscapeFiveSizes, strings.Replace(landscapeFiveProps, ",e,d,c,b,a", ",e,d,c,b,z", 1), nil, 3, "props.csv: line 2: column 6: \"z\""},
		{"short row", landscapeFiveSizes, strings.Replace(landscapeFiveProps, "b,-1,-1,1,,2", "b,-1,-1,1", 1), nil, 3, "props.csv: line 4: row b has 3 values"},
		{"missing row", landscapeFiveSizes, strings.Replace(landscapeFiveProps, "e,,1,1,-1,-1\n", "", 1), nil, 3, "props.csv: no row for actor e"},
		{"json and csv", landscapeFiveSizes, landscapeFiveProps, []string{"--json", "--csv"}, 2, "exclude"},
		{"method", landscapeFiveSizes, landscapeFiveProps, []string{"--method", "annealing"}, 2, "--method"},
		{"restarts", landscapeFiveSizes, landscapeFiveProps, []string{"--restarts", "0"}, 2, "--restarts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			landscapeWriteFile(t, dir, "sizes.csv", tc.sizes)
			landscapeWriteFile(t, dir, "props.csv", tc.prop)
			code, _, errOut := landscapeRun(t, append([]string{"landscape", "--sizes", sizes, "--propensities", props}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	for _, args := range [][]string{
		{"landscape"},
		{"landscape", "--sizes", sizes},
		{"landscape", "--europe-1936", "--sizes", sizes},
		{"landscape", "--sizes", sizes, "--propensities", props, "extra"},
	} {
		if code, _, errOut := landscapeRun(t, args...); code != 2 {
			t.Errorf("%q: exit %d (%s), want 2", args, code, errOut)
		}
	}
	if code, _, errOut := landscapeRun(t, "landscape", "--europe-1936", "--data", filepath.Join(dir, "nowhere")); code != 2 || !strings.Contains(errOut, "nowhere") {
		t.Errorf("--europe-1936 without data: exit %d, %q", code, errOut)
	}
}

func TestLandscapeVerbEurope1936(t *testing.T) {
	sharedata.Path(t, "cow_nmc/NMC-60-abridged.csv")
	sharedata.Path(t, "atop_v5.1/atop5_1m.csv")
	sharedata.Path(t, "peacesciencer/ccode_democracy.csv")
	// The verb prints what package landscape computes (pinned there).
	// From Axelrod and Bennett's factors (the default): two minima, the
	// deeper holding 57,892 of 65,536 alignments and misplacing Denmark,
	// Poland, Portugal and Romania (the paper: Poland and Portugal).
	got := europe1936JSON(t)
	if len(got.Minima) != 2 || got.Minima[0].Basin != 57892 || strings.Join(got.Minima[0].Misplaced, " ") != "Denmark Poland Portugal Romania" {
		t.Errorf("factors: minima %+v, want two, the first of basin 57892 misplacing Denmark Poland Portugal Romania", got.Minima)
	}
	// From 1936 alliance portfolios: one minimum holding every alignment;
	// with ties read on 31 December 1936 (Germany out of Locarno) France
	// joins the USSR and the Little Entente in bloc B.
	got = europe1936JSON(t, "--basis", "alliances")
	if b := got.Minima[0].BlocB; len(got.Minima) != 1 || len(b) != 5 || b[0] != "France" || b[4] != "Romania" {
		t.Errorf("alliances: minima %+v, want one with France ... Romania in bloc B", got.Minima)
	}
	// The table names the comparison.
	code, out, _ := landscapeRun(t, "landscape", "--europe-1936", "--data", sharedata.Root())
	if code != 0 || !strings.Contains(out, "MISPLACED") || !strings.Contains(out, "VS PAPER") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"--basis", "religion"}, {"--basis", "factors", "--sizes", "s.csv", "--propensities", "p.csv"}} {
		if code, _, errOut := landscapeRun(t, append([]string{"landscape", "--europe-1936", "--data", sharedata.Root()}, args...)...); code != 2 || !strings.Contains(errOut, "--") {
			t.Errorf("%v: exit %d, %s; want a usage error", args, code, errOut)
		}
	}
}

// europe1936JSON runs the Europe 1936 case with args and checks what
// every basis must give: 17 actors, an exhaustive search with exact
// basins summing to 2^16, the reference blocs.
func europe1936JSON(t *testing.T, args ...string) landscapeJSON {
	t.Helper()
	code, out, errOut := landscapeRun(t, append([]string{"landscape", "--europe-1936", "--data", sharedata.Root(), "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	var got landscapeJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Actors) != 17 || got.Configurations != 1<<16 || !got.Complete || !got.BasinsExact || len(got.Minima) == 0 {
		t.Fatalf("Europe 1936 %v: %+v", args, got)
	}
	if len(got.History) != 8 || len(got.Paper) != 10 {
		t.Errorf("reference blocs B: history %v, paper %v; want 8 and 10 states", got.History, got.Paper)
	}
	var basins float64
	for _, m := range got.Minima {
		basins += m.Basin
		if len(m.BlocA)+len(m.BlocB) != 17 || m.BlocA[0] != "UK" {
			t.Errorf("minimum %d: blocs %v | %v", m.Rank, m.BlocA, m.BlocB)
		}
	}
	if basins != 1<<16 {
		t.Errorf("basins sum to %v, want 65536", basins)
	}
	return got
}
