package power

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Side-by-side benchmarks of the new paths against the old ones, in one run:
//
//	go test -run XXX -bench 'OldVsNew|IMFExact' -benchtime 1x ./power/
//
// "old" is the code before the one-word paths (multi-limb arithmetic for
// every game, one reduced fraction per size, whole-row table updates);
// "new" the default. BenchmarkIMFExact reports the peak memory of the Go
// runtime during the run (peak-MiB, sampled) and of the process (rss-MiB,
// VmHWM). The C reference in testdata/cref times the same dynamic programs.

// BenchmarkOldVsNew: the 2020 US electoral college, old and new paths.
func BenchmarkOldVsNew(b *testing.B) {
	g := mustWeighted(b, 270, electoralCollege2020)
	for _, c := range []struct {
		name string
		idx  Index
	}{
		{"banzhaf", BanzhafIndex},
		{"shapley-shubik", ShapleyShubikIndex},
		{"all", AllIndices},
	} {
		for _, path := range []string{"old", "new"} {
			b.Run("electoral-college/"+c.name+"/"+path, func(b *testing.B) {
				benchAnalyze(b, g, Options{Indices: c.idx, Exact: true, generic: path == "old"})
			})
		}
	}
}

// BenchmarkIMFExact: exact Banzhaf and Shapley-Shubik of the IMF's 190
// members (testdata/imf2023.csv) at 50% and 85%, within 2.5 GB; and
// Deegan-Packel and Holler within the default 4 GiB. Skipped with -short.
func BenchmarkIMFExact(b *testing.B) {
	if testing.Short() {
		b.Skip("IMF-size exact runs take minutes")
	}
	for _, p := range []int64{50, 85} {
		g := imfGame(b, p)
		name := "q" + strconv.FormatInt(p, 10) + "%"
		b.Run(name+"/banzhaf+ss/2.5GB", func(b *testing.B) {
			benchPeak(b, g, Options{Indices: BanzhafIndex | ShapleyShubikIndex, MaxMemory: 2_500_000_000, MaxWork: 1 << 50})
		})
		b.Run(name+"/banzhaf+ss/old-3-limb", func(b *testing.B) {
			benchPeak(b, g, Options{Indices: BanzhafIndex | ShapleyShubikIndex, MaxMemory: 16 << 30, MaxWork: 1 << 50, generic: true})
		})
		b.Run(name+"/deegan-packel+holler", func(b *testing.B) {
			benchPeak(b, g, Options{Indices: DeeganPackelIndex | HollerIndex, MaxWork: 1 << 50})
		})
	}
}

// benchPeak runs Analyze and reports the peak memory seen.
func benchPeak(b *testing.B, g Game, o Options) {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	for b.Loop() {
		if _, err := Analyze(g, o); err != nil {
			b.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	if rss := vmHWM(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "rss-MiB")
	}
}

// vmHWM returns the process's peak resident set (Linux), or 0.
func vmHWM() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
