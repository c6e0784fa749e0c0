package coalition

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// The benchmarks run the exact method and its baseline side by side on the
// same seeded values, generated outside the timer. One iteration is enough:
//
//	go test -run XXX -bench . -benchtime 1x ./coalition/
//
// BenchmarkStructure compares OptimalStructure with the plain O(3^n) dynamic
// program over all submask splits (plainDP) at 18, 20 and 22 players, for
// the uniform (|S|·U(0,1)) and NDCS (N(|S|, √|S|)) distributions; the
// plain-dp line reports the speed-up as the metric "x-faster". 25 players
// run only when COALITION_BENCH_25=1 is set (tables of 256 MiB, about 1.2 GiB
// in all), and without the baseline, which would take about 27 times its
// 22-player time (some 17 minutes):
//
//	COALITION_BENCH_25=1 go test -run XXX -bench 'Structure/.*/n=25' -benchtime 1x -timeout 30m ./coalition/

var benchDists = []struct {
	name string
	gen  func(n int, seed uint64) []float64
}{
	{"uniform", UniformValues},
	{"NDCS", NDCSValues},
}

func benchSizes() []int {
	if os.Getenv("COALITION_BENCH_25") != "" {
		return []int{18, 20, 22, 25}
	}
	return []int{18, 20, 22}
}

func BenchmarkStructure(b *testing.B) {
	for _, dist := range benchDists {
		for _, n := range benchSizes() {
			v := dist.gen(n, 2026)
			g, err := NewTable(n, v)
			if err != nil {
				b.Fatal(err)
			}
			var exact float64
			var exactTime time.Duration
			b.Run(fmt.Sprintf("%s/n=%d/exact", dist.name, n), func(b *testing.B) {
				for b.Loop() {
					s, err := OptimalStructure(g)
					if err != nil {
						b.Fatal(err)
					}
					exact = s.Value
				}
				exactTime = b.Elapsed() / time.Duration(b.N)
			})
			if n > 22 {
				continue
			}
			b.Run(fmt.Sprintf("%s/n=%d/plain-dp", dist.name, n), func(b *testing.B) {
				for b.Loop() {
					if s := plainDP(v, n); s.Value != exact && exactTime > 0 {
						b.Fatalf("plain DP %v, exact method %v", s.Value, exact)
					}
				}
				if exactTime > 0 {
					b.ReportMetric(float64(b.Elapsed()/time.Duration(b.N))/float64(exactTime), "x-faster")
				}
			})
		}
	}
}

// BenchmarkSearchStructure runs the anytime search with a budget of 10^7
// steps at 22 players, reporting the proven ratio upper bound / value.
func BenchmarkSearchStructure(b *testing.B) {
	for _, dist := range benchDists {
		g, err := NewTable(22, dist.gen(22, 2026))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(dist.name+"/n=22/budget=1e7", func(b *testing.B) {
			var r *AnytimeResult
			for b.Loop() {
				if r, err = SearchStructure(g, AnytimeOptions{Budget: 1e7}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(r.UpperBound/r.Value, "bound-ratio")
		})
	}
}

// BenchmarkShapley times the exact Shapley value of a 22-player table game
// against permutation sampling with 10^5 orderings.
func BenchmarkShapley(b *testing.B) {
	g, err := NewTable(22, NDCSValues(22, 7))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("exact/n=22", func(b *testing.B) {
		for b.Loop() {
			if _, err := Shapley(g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sample/n=22/m=1e5", func(b *testing.B) {
		for b.Loop() {
			if _, err := ShapleySample(g, SampleOptions{Samples: 100000, Seed: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCoreNucleolus times the least core and the nucleolus of random
// games (NDCS worths: their cores are usually empty).
func BenchmarkCoreNucleolus(b *testing.B) {
	for _, n := range []int{8, 12, 16} {
		g, err := NewTable(n, NDCSValues(n, 3))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("core/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Core(g); err != nil {
					b.Fatal(err)
				}
			}
		})
		if n > 12 {
			continue
		}
		b.Run(fmt.Sprintf("nucleolus/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Nucleolus(g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
