package coalition

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkStructureMemory times OptimalStructure with the compact bound
// tables against the full tables of earlier versions (legacyRefine) on the
// same seeded worths, and reports the peak heap during the call above the
// heap before it ("peak-MiB": the DP table, the bound tables and the
// candidates; the game's own 2^n worths are not counted) and the structure's
// value ("value", equal on both lines). 20 and 23 players by default; 25
// players with COALITION_BENCH_25=1 (about a minute per line), 27 players,
// compact tables only, with COALITION_BENCH_27=1 (the full tables would
// need 6.5 GiB and are refused); COALITION_BENCH_SIZES=22,24 replaces the
// sizes. One process per size gives the maximum resident set of each
// under /usr/bin/time -v:
//
//	COALITION_BENCH_25=1 go test -run XXX -bench 'StructureMemory/.*/n=25' -benchtime 1x -timeout 30m ./coalition/
func BenchmarkStructureMemory(b *testing.B) {
	sizes := []int{20, 23}
	if os.Getenv("COALITION_BENCH_25") != "" {
		sizes = append(sizes, 25)
	}
	if os.Getenv("COALITION_BENCH_27") != "" {
		sizes = append(sizes, 27)
	}
	if list := os.Getenv("COALITION_BENCH_SIZES"); list != "" {
		sizes = nil
		for f := range strings.SplitSeq(list, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 2 || n > MaxTablePlayers {
				b.Fatalf("COALITION_BENCH_SIZES: %q is not a number of players from 2 to %d", f, MaxTablePlayers)
			}
			sizes = append(sizes, n)
		}
	}
	for _, dist := range benchDists {
		for _, n := range sizes {
			var g *Game
			for _, variant := range []string{"compact", "full"} {
				if variant == "full" && n > 25 {
					continue
				}
				b.Run(fmt.Sprintf("%s/n=%d/%s", dist.name, n, variant), func(b *testing.B) {
					if g == nil { // built here, so that filtered-out sizes cost nothing
						var err error
						if g, err = NewTable(n, dist.gen(n, 2026)); err != nil {
							b.Fatal(err)
						}
					}
					var s *Structure
					var err error
					var peak uint64
					for b.Loop() {
						b.StopTimer()
						runtime.GC()
						stop := heapPeak()
						b.StartTimer()
						if variant == "compact" {
							s, err = OptimalStructure(g)
							if err != nil {
								b.Fatal(err)
							}
						} else {
							d := &dpSolver{n: n, v: g.table, f: slices.Clone(g.table), refineWith: legacyRefine}
							d.run(true)
							s = d.structure(grand(n))
						}
						b.StopTimer()
						peak = max(peak, stop())
						b.StartTimer()
					}
					b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
					b.ReportMetric(s.Value, "value")
				})
			}
		}
	}
}

// heapPeak samples the heap (bytes in heap objects, live or not yet swept)
// every millisecond until the returned function is called, which returns
// the largest sample above the first.
func heapPeak() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := read(); h > base {
				peak = max(peak, h-base)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		if h := read(); h > base {
			peak = max(peak, h-base)
		}
		return peak
	}
}
