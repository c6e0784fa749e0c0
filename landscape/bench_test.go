package landscape

import (
	"fmt"
	"os"
	"testing"
)

// Benchmarks of exhaustive search, each with its baseline in the same run:
//
//	go test -run XXX -bench . -benchtime 1x ./landscape/
//
// At 20 actors the Gray-code search (O(n) per configuration) runs beside a
// direct search that recomputes every configuration's fields from scratch
// (O(n²) per configuration), on one worker each and then on all. 25 actors
// run the Gray-code search with and without exact basins. 30 actors (2^29
// configurations) run only when LANDSCAPE_BENCH_30=1 is set, since they take
// seconds; basins there are exact (MaxExactBasins), 512 MiB of labels.
//
// BenchmarkCref (cref_test.go) runs the same search on the inputs of the C
// reference in testdata/cref, for the side-by-side comparison described in
// its README.

// exhaustiveDirect is the baseline: every configuration evaluated from
// scratch, O(n²) each. It returns the local minima.
func exhaustiveDirect(s *System) []Config {
	f := newFields(s)
	half := s.tol / 2
	var minima []Config
	for g := range s.Configurations() {
		f.load(Config(g << 1))
		if f.minSat() >= -half {
			minima = append(minima, f.cfg)
		}
	}
	return minima
}

func reportPerConfig(b *testing.B, s *System) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(s.Configurations()), "ns/config")
}

func BenchmarkExhaustive20(b *testing.B) {
	s := randomSystem(b, 20, 1)
	want, err := s.Exhaustive(Options{NoBasins: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("direct-baseline/workers=1", func(b *testing.B) {
		for b.Loop() {
			if got := exhaustiveDirect(s); len(got) != len(want.Minima) {
				b.Fatalf("direct found %d minima, Gray %d", len(got), len(want.Minima))
			}
		}
		reportPerConfig(b, s)
	})
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("gray/workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Exhaustive(Options{NoBasins: true, Workers: w}); err != nil {
					b.Fatal(err)
				}
			}
			reportPerConfig(b, s)
		})
	}
	b.Run("gray+basins", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Exhaustive(Options{}); err != nil {
				b.Fatal(err)
			}
		}
		reportPerConfig(b, s)
	})
}

func BenchmarkExhaustive25(b *testing.B) {
	s := randomSystem(b, 25, 1)
	for _, basins := range []bool{false, true} {
		b.Run(fmt.Sprintf("gray/basins=%v", basins), func(b *testing.B) {
			var res *Result
			for b.Loop() {
				var err error
				if res, err = s.Exhaustive(Options{NoBasins: !basins}); err != nil {
					b.Fatal(err)
				}
			}
			reportPerConfig(b, s)
			b.ReportMetric(float64(len(res.Minima)), "minima")
		})
	}
}

func BenchmarkExhaustive30(b *testing.B) {
	if os.Getenv("LANDSCAPE_BENCH_30") == "" {
		b.Skip("set LANDSCAPE_BENCH_30=1 to run the 30-actor exhaustive search (2^29 configurations)")
	}
	s := randomSystem(b, 30, 1)
	for _, basins := range []bool{false, true} {
		b.Run(fmt.Sprintf("gray/basins=%v", basins), func(b *testing.B) {
			var res *Result
			for b.Loop() {
				var err error
				if res, err = s.Exhaustive(Options{NoBasins: !basins}); err != nil {
					b.Fatal(err)
				}
			}
			reportPerConfig(b, s)
			b.ReportMetric(float64(len(res.Minima)), "minima")
		})
	}
}

func BenchmarkSearch40(b *testing.B) {
	s := randomSystem(b, 40, 1)
	for b.Loop() {
		if _, err := s.Search(Options{Restarts: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
