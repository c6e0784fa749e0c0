package power

import (
	"bufio"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The C reference testdata/cref/all.c computes every index of a weighted
// game under 64 players with the same dynamic programs; testdata/cref/
// compare.sh runs it and BenchmarkCrefAll side by side and reports the
// ratios. POWER_CREF_VALUES=FILE (the output of `all ... print`) makes
// TestCrefValues compare the C figures with Go's.

// crefGame reads a cref weight table ("name,weight") at quota "50" (more
// than half) or a percent, as all.c does.
func crefGame(tb testing.TB, path string, percent int64) *Weighted {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	tab, err := ParseCSV(f)
	if err != nil {
		tb.Fatal(err)
	}
	w := tab.Weights[0]
	var total int64
	for _, x := range w {
		total += x
	}
	q := total/2 + 1
	if percent != 50 {
		q = (total*percent + 99) / 100
	}
	g, err := NewWeighted(q, w)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// BenchmarkCrefAll: the 2020 electoral college, every index, as all.c
// computes them (exact counts, float64 results), and with exact fractions.
func BenchmarkCrefAll(b *testing.B) {
	g := crefGame(b, "testdata/cref/ec2020.csv", 50)
	b.Run("float", func(b *testing.B) { benchCPU(b, g, Options{}) })
	b.Run("exact", func(b *testing.B) { benchCPU(b, g, Options{Exact: true}) })
	b.Run("old-float", func(b *testing.B) { benchCPU(b, g, Options{generic: true}) })
}

// benchCPU is benchAnalyze reporting the process CPU time per run as well
// ("cpu-ns/op", all threads, the garbage collector's included): on a
// shared, busy machine wall time mostly measures waiting for a core.
func benchCPU(b *testing.B, g Game, o Options) {
	start := cpuTime()
	benchAnalyze(b, g, o)
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the process's user and system CPU time in nanoseconds
// (0 where getrusage is not available).
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestCrefValues compares the indices printed by all.c with Go's (to 1e-12
// relative: C sums doubles, Go rounds exact fractions). Without
// POWER_CREF_VALUES it checks California's line, printed by all.c once and
// kept here. Players are named s1, s2, ... in the table's order.
func TestCrefValues(t *testing.T) {
	g := crefGame(t, "testdata/cref/ec2020.csv", 50)
	r, err := Analyze(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var in io.Reader = strings.NewReader(crefCalifornia)
	if path := os.Getenv("POWER_CREF_VALUES"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		in = f
	}
	sc := bufio.NewScanner(in)
	n := 0
	row := -1
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "n=") || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "name,") {
			row = 0
			continue
		}
		if row < 0 {
			continue
		}
		f := strings.Split(line, ",")
		row, _ = strconv.Atoi(strings.TrimPrefix(f[0], "s"))
		row--
		n++
		got := []float64{r.Banzhaf[row], r.Penrose[row], r.ShapleyShubik[row], r.DeeganPackel[row], r.Holler[row], r.Johnston[row], r.Coleman.Prevent[row], r.Coleman.Initiate[row]}
		for k, s := range f[1:] {
			c, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(c-got[k]) > 1e-12*math.Abs(got[k]) {
				t.Errorf("player %d column %d: C %v, Go %v", row, k+1, c, got[k])
			}
		}
	}
	if n == 0 {
		t.Fatal("no players read")
	}
}

// crefCalifornia is the line of all.c's output for California (s5).
const crefCalifornia = `name,banzhaf,penrose,shapley_shubik,deegan_packel,holler,johnston,prevent,initiate
s5,0.11360822958596903,0.47114725781470934,0.11029686127090113,0.021252769633234952,0.020084743069225044,0.39310293843582378,0.47472625314134914,0.46762182329506102
`

// BenchmarkCrefSingle: the 2020 electoral college, Banzhaf alone and
// Shapley-Shubik alone, as testdata/cref/dp.c computes them ("banzhaf
// w64", "ss w64"), with float64 results and with exact fractions.
func BenchmarkCrefSingle(b *testing.B) {
	g := crefGame(b, "testdata/cref/ec2020.csv", 50)
	for _, c := range []struct {
		name string
		idx  Index
	}{{"banzhaf", BanzhafIndex}, {"shapley-shubik", ShapleyShubikIndex}} {
		b.Run(c.name+"/float", func(b *testing.B) { benchCPU(b, g, Options{Indices: c.idx}) })
		b.Run(c.name+"/exact", func(b *testing.B) { benchCPU(b, g, Options{Indices: c.idx, Exact: true}) })
	}
}
