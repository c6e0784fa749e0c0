package coalition

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// BenchmarkCrefStructure runs the exact method and the plain dynamic
// program on the seeded worths the C reference (testdata/cref/plain.c)
// reads. With COALITION_CREF_DIR set it first writes them there, one file
// per distribution and size (DIST_nN.f64: 2^n little-endian float64), and
// COALITION_CREF_VALUE_uniform and _NDCS, if set, are the optimal values C
// found, which both Go methods must equal (to 1e-12 relative).
// COALITION_CREF_DIST (uniform or NDCS), if set, limits the run to one
// distribution, so that a process's peak memory is that of one method on
// one input (select the method with -bench .../exact or .../plain-dp).
// testdata/cref/compare.sh drives it.
//
//	COALITION_CREF_N=20 go test -run XXX -bench CrefStructure -benchtime 1x ./coalition/
func BenchmarkCrefStructure(b *testing.B) {
	n := 18
	if s := os.Getenv("COALITION_CREF_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	only := os.Getenv("COALITION_CREF_DIST")
	for _, dist := range benchDists {
		if only != "" && only != dist.name {
			continue
		}
		v := dist.gen(n, 2026)
		if dir := os.Getenv("COALITION_CREF_DIR"); dir != "" {
			buf := make([]byte, 8*len(v))
			for i, x := range v {
				binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(x))
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s_n%d.f64", dist.name, n)), buf, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		g, err := NewTable(n, v)
		if err != nil {
			b.Fatal(err)
		}
		check := func(b *testing.B, got float64) {
			want, ok := os.LookupEnv("COALITION_CREF_VALUE_" + dist.name)
			if !ok {
				return
			}
			// Structure.Value adds the chosen worths in coalition order,
			// C's f[N] in split order: equal up to rounding.
			if w, err := strconv.ParseFloat(want, 64); err != nil || math.Abs(w-got) > 1e-12*math.Abs(w) {
				b.Fatalf("%s n=%d: value %v, C %s", dist.name, n, got, want)
			}
		}
		b.Run(fmt.Sprintf("%s/n=%d/exact", dist.name, n), func(b *testing.B) {
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				s, err := OptimalStructure(g)
				if err != nil {
					b.Fatal(err)
				}
				check(b, s.Value)
			}
		})
		if os.Getenv("COALITION_CREF_NOPLAIN") == "" {
			b.Run(fmt.Sprintf("%s/n=%d/plain-dp", dist.name, n), func(b *testing.B) {
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					check(b, plainDP(v, n).Value)
				}
			})
		}
	}
}

// reportCPU reports the process CPU time per iteration since start
// ("cpu-ns/op", all threads): on a shared, busy machine wall time mostly
// measures waiting for a core, and the exact method may use both cores.
func reportCPU(b *testing.B, start int64) {
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
