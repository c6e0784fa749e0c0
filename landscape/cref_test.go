package landscape

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The C reference (testdata/cref/gray.c) and the Go benchmarks
// BenchmarkCref* read the same systems: testdata/cref/n{25,30}_sizes.csv and
// n{25,30}_propensities.csv, written from randomSystem(n, 1) with
// shortest round-trip formatting, so both sides load bit-identical weights.
// LANDSCAPE_WRITE_CREF=1 go test -run TestCrefInput ./landscape/ rewrites
// them.

var crefSizes = []int{25, 30}

func crefPaths(n int) (sizes, prop string) {
	dir := filepath.Join("testdata", "cref")
	return filepath.Join(dir, fmt.Sprintf("n%d_sizes.csv", n)), filepath.Join(dir, fmt.Sprintf("n%d_propensities.csv", n))
}

func crefName(i int) string { return fmt.Sprintf("A%02d", i) }

// crefFiles formats randomSystem(n, 1) as the two CSV texts of ReadCase.
func crefFiles(tb testing.TB, n int) (sizes, prop string) {
	s := randomSystem(tb, n, 1)
	var sb, pb strings.Builder
	fmt.Fprintf(&sb, "# randomSystem(%d, 1): sizes 0.1 + 0.9·U, seeded PCG(1, 0)\nactor,size\n", n)
	fmt.Fprintf(&pb, "# randomSystem(%d, 1): propensities 2·U − 1, symmetric\n", n)
	for i := range n {
		fmt.Fprintf(&sb, "%s,%s\n", crefName(i), strconv.FormatFloat(s.Size(i), 'g', -1, 64))
		pb.WriteString("," + crefName(i))
	}
	pb.WriteString("\n")
	for i := range n {
		pb.WriteString(crefName(i))
		for j := range n {
			pb.WriteString(",")
			if i != j {
				pb.WriteString(strconv.FormatFloat(s.Propensity(i, j), 'g', -1, 64))
			}
		}
		pb.WriteString("\n")
	}
	return sb.String(), pb.String()
}

// readCref loads a reference system as the benchmarks and the C program do.
func readCref(tb testing.TB, n int) *System {
	tb.Helper()
	sp, pp := crefPaths(n)
	sf, err := os.Open(sp)
	if err != nil {
		tb.Fatal(err)
	}
	defer sf.Close()
	pf, err := os.Open(pp)
	if err != nil {
		tb.Fatal(err)
	}
	defer pf.Close()
	c, err := ReadCase(sf, pf)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := NewSystem(c.Sizes, c.Propensities)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestCrefInput checks that the reference inputs are randomSystem(n, 1)
// exactly (same weights bit for bit), or rewrites them.
func TestCrefInput(t *testing.T) {
	for _, n := range crefSizes {
		sizes, prop := crefFiles(t, n)
		sp, pp := crefPaths(n)
		if os.Getenv("LANDSCAPE_WRITE_CREF") != "" {
			if err := os.WriteFile(sp, []byte(sizes), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pp, []byte(prop), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, want := readCref(t, n), randomSystem(t, n, 1)
		if got.total != want.total || got.tol != want.tol {
			t.Fatalf("n=%d: total/tol differ", n)
		}
		for i, w := range want.w {
			if got.w[i] != w {
				t.Fatalf("n=%d: weight %d is %v, want %v", n, i, got.w[i], w)
			}
		}
	}
}

// crefChecksum is the checksum gray.c prints: the minima in configuration
// order, each configuration times (its exact basin + 1), summed modulo 2^64
// (basin 0 without basins).
func crefChecksum(res *Result) uint64 {
	var sum uint64
	for _, m := range res.Minima { // ordered by energy; the sum is order-free
		sum += uint64(m.Config) * (uint64(m.Basin) + 1)
	}
	return sum
}

// crefWant are gray.c's checksums on the reference inputs: the benchmarks
// fail unless Go finds the same minima and basins.
var crefWant = map[string]uint64{
	"n=25/basins":   0x000157fc7532b636,
	"n=25/nobasins": 0x00000000123c87b8,
	"n=30/nobasins": 0x00000002e9e69f56,
	"n=30/basins":   0x04ca32753a1f778a,
}

// TestExactBasinsAtLimit runs Exhaustive at MaxExactBasins actors on the
// 30-actor reference input and checks that its basins are exact and equal
// gray.c's (checksum). It takes 2^29 configurations, 512 MiB of labels and
// tens of CPU seconds, so -short skips it.
func TestExactBasinsAtLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("2^29 configurations and 512 MiB of labels")
	}
	res, err := readCref(t, 30).Exhaustive(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.BasinsExact || res.Restarts != 0 {
		t.Fatalf("basins exact %v, restarts %d; want exact basins", res.BasinsExact, res.Restarts)
	}
	if got, want := crefChecksum(res), crefWant["n=30/basins"]; got != want {
		t.Fatalf("checksum %016x, gray.c %016x", got, want)
	}
}

// BenchmarkCref runs the Go side of the C comparison: Exhaustive on the
// reference inputs, with exact basins and without, on one worker as gray.c
// and on every worker. The exact basins at 30 actors check that
// MaxExactBasins reaches them.
// See testdata/cref/README.md.
//
//	go test -run XXX -bench Cref -benchtime 1x -count 5 ./landscape/
//
// 30 actors run only with LANDSCAPE_BENCH_30=1.
func BenchmarkCref(b *testing.B) {
	for _, n := range crefSizes {
		if n > 25 && os.Getenv("LANDSCAPE_BENCH_30") == "" {
			continue
		}
		s := readCref(b, n)
		for _, basins := range []bool{true, false} {
			mode := map[bool]string{true: "basins", false: "nobasins"}[basins]
			for _, w := range []int{1, 0} {
				b.Run(fmt.Sprintf("n=%d/%s/workers=%d", n, mode, w), func(b *testing.B) {
					var res *Result
					for b.Loop() {
						var err error
						res, err = s.Exhaustive(Options{NoBasins: !basins, Workers: w})
						if err != nil {
							b.Fatal(err)
						}
					}
					reportPerConfig(b, s)
					got := crefChecksum(res)
					if want, ok := crefWant[fmt.Sprintf("n=%d/%s", n, mode)]; ok && got != want {
						b.Fatalf("checksum %016x, gray.c %016x", got, want)
					}
					b.Logf("minima=%d checksum=%016x", len(res.Minima), got)
				})
			}
		}
	}
}
