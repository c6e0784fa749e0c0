package numfmt

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/entente/entente/internal/cputime"
)

// oldCSV and oldJSON are the forms the writers used before this package:
// panel.AppendFloat and number.Float's MarshalJSON.
func oldCSV(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func oldJSON(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "null"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var special = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 2.0 / 3, 1e-300, 5e-324, -1e-7,
	math.MaxFloat64, -math.MaxFloat64, 1e21, 123456789012345678, math.NaN(), math.Inf(1), math.Inf(-1), math.Pi}

// TestWriterMatchesStrconv: a Writer's output equals the old forms for
// sequences drawn from a small pool (so that values repeat, collide in the
// table and replace each other), arbitrary bit patterns and special
// values, with and without spare capacity in the buffer.
func TestWriterMatchesStrconv(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pool := rapid.SliceOfN(rapid.OneOf(
			rapid.Float64(),
			rapid.Map(rapid.Uint64(), math.Float64frombits),
			rapid.SampledFrom(special),
			rapid.Map(rapid.IntRange(0, 97), func(k int) float64 { return float64(k) / 97 }),
		), 1, 40).Draw(t, "pool")
		seq := rapid.SliceOfN(rapid.IntRange(0, len(pool)-1), 1, 400).Draw(t, "seq")
		csv, json := NewCSV(), NewJSON()
		roomy := make([]byte, 0, 4096)
		for _, k := range seq {
			v := pool[k]
			var tight []byte
			if got := string(csv.Append(tight, v)); got != oldCSV(v) {
				t.Fatalf("CSV %v (%#x): %q, want %q", v, math.Float64bits(v), got, oldCSV(v))
			}
			roomy = append(roomy[:0], 'x')
			if got := string(csv.Append(roomy, v)); got != "x"+oldCSV(v) {
				t.Fatalf("CSV %v with room: %q, want %q", v, got, "x"+oldCSV(v))
			}
			if got := string(json.Append(roomy[:0], v)); got != oldJSON(v) {
				t.Fatalf("JSON %v: %q, want %q", v, got, oldJSON(v))
			}
			if got := string(AppendCSV(nil, v)); got != oldCSV(v) {
				t.Fatalf("AppendCSV %v: %q", v, got)
			}
			if got := string(AppendJSON(nil, v)); got != oldJSON(v) {
				t.Fatalf("AppendJSON %v: %q", v, got)
			}
		}
	})
}

// TestWriterCollisions fills the table with far more distinct values than
// it holds, then repeats them: every text still right.
func TestWriterCollisions(t *testing.T) {
	w := NewCSV()
	buf := make([]byte, 0, 64)
	for round := range 3 {
		for k := range 5 * slots {
			v := float64(k)/7 + float64(round%2)
			if got := string(w.Append(buf[:0], v)); got != oldCSV(v) {
				t.Fatalf("%v: %q, want %q", v, got, oldCSV(v))
			}
		}
	}
}

func TestAppendAllocs(t *testing.T) {
	w := NewCSV()
	buf := make([]byte, 0, 64)
	if a := testing.AllocsPerRun(100, func() { buf = w.Append(buf[:0], 0.123456789) }); a != 0 {
		t.Fatalf("%v allocations", a)
	}
	if a := testing.AllocsPerRun(100, func() { buf = AppendCSV(buf[:0], 2.0/3) }); a != 0 {
		t.Fatalf("%v allocations", a)
	}
}

func BenchmarkAppend(b *testing.B) {
	vals := make([]float64, 4096)
	for i := range vals {
		vals[i] = float64(i%300) / 299 // repeating, as research tables do
	}
	buf := make([]byte, 0, 64)
	b.Run("strconv", func(b *testing.B) {
		for b.Loop() {
			for _, v := range vals {
				buf = strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
			}
		}
	})
	b.Run("writer", func(b *testing.B) {
		w := NewCSV()
		for b.Loop() {
			for _, v := range vals {
				buf = w.Append(buf[:0], v)
			}
		}
	})
}

// TestWriterBypass runs a Writer through windows without repeats (which
// turn the table off for a while) and back to repeats: the text is right
// throughout, and the table is used again after the bypass.
func TestWriterBypass(t *testing.T) {
	w := NewCSV()
	buf := make([]byte, 0, 64)
	for k := range probeLen + skipLen + 3*probeLen {
		v := float64(k) / 3
		if k > probeLen+skipLen {
			v = float64(k%7) / 3 // repeats again
		}
		if got := string(w.Append(buf[:0], v)); got != oldCSV(v) {
			t.Fatalf("value %d (%v): %q, want %q", k, v, got, oldCSV(v))
		}
	}
	if w.skip != 0 || w.hits == 0 {
		t.Fatalf("after repeats: skip %d, hits %d", w.skip, w.hits)
	}
}

// BenchmarkShortest formats values that do not repeat (uniform in
// (-1, 1), as kappa and tau-b columns mostly are; and arbitrary bit
// patterns) with strconv and with the package's own shortest-digit
// search, side by side; cpu-ns/number is process CPU time.
func BenchmarkShortest(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	unit := make([]float64, 4096)
	wide := make([]float64, 4096)
	for i := range unit {
		unit[i] = r.Float64()*2 - 1
		for {
			wide[i] = math.Float64frombits(r.Uint64())
			if !math.IsNaN(wide[i]) && !math.IsInf(wide[i], 0) {
				break
			}
		}
	}
	buf := make([]byte, 0, 512)
	for _, set := range []struct {
		name string
		vals []float64
	}{{"unit", unit}, {"bits", wide}} {
		for _, c := range []struct {
			name string
			json bool
			fmt  byte
		}{{"csv", false, 'f'}, {"json", true, 'g'}} {
			b.Run(set.name+"/"+c.name+"/strconv", func(b *testing.B) {
				defer reportCPU(b, cputime.Process(), len(set.vals))
				for b.Loop() {
					for _, v := range set.vals {
						buf = strconv.AppendFloat(buf[:0], v, c.fmt, -1, 64)
					}
				}
			})
			b.Run(set.name+"/"+c.name+"/old", func(b *testing.B) {
				defer reportCPU(b, cputime.Process(), len(set.vals))
				for b.Loop() {
					for _, v := range set.vals {
						buf = oldAppendShortest(buf[:0], v, c.json)
					}
				}
			})
			b.Run(set.name+"/"+c.name+"/numfmt", func(b *testing.B) {
				defer reportCPU(b, cputime.Process(), len(set.vals))
				for b.Loop() {
					for _, v := range set.vals {
						buf = appendShortest(buf[:0], v, c.json)
					}
				}
			})
		}
	}
}

// reportCPU reports the CPU time since start per number formatted.
func reportCPU(b *testing.B, start time.Duration, per int) {
	b.Helper()
	b.ReportMetric(float64(cputime.Process()-start)/float64(b.N*per), "cpu-ns/number")
}

// TestWriterEveryShare: the shares the vote writers put through a Writer
// (agreement and S: k/d for d up to twice the most roll calls a dyad has
// voted on in a year, 160) come out as strconv writes float64(k)/float64(d),
// in both forms, the first time (formatted) and again (from the table).
func TestWriterEveryShare(t *testing.T) {
	csv, json := NewCSV(), NewJSON()
	for d := 1; d <= 320; d++ {
		for k := -d; k <= d; k++ {
			v := float64(k) / float64(d)
			for range 2 {
				if got := string(csv.Append(nil, v)); got != oldCSV(v) {
					t.Fatalf("CSV %d/%d: %q, want %q", k, d, got, oldCSV(v))
				}
				if got := string(json.Append(nil, v)); got != oldJSON(v) {
					t.Fatalf("JSON %d/%d: %q, want %q", k, d, got, oldJSON(v))
				}
			}
		}
	}
}
