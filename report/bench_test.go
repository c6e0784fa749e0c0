package report

import (
	"math"
	"testing"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// columnVotes is the baseline scorer: each hub-country dyad is scored
// with fpsim.CompareVotes on vote columns copied out of the matrix,
// instead of from the bit-packed year matrix.
type columnVotes struct {
	m    *unvotes.Matrix
	rows []int
}

func columnScorer(v *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (scorer, error) {
	lo, hi := v.YearRange(y)
	cv := columnVotes{m: v}
	for r := lo; r < hi; r++ {
		if keep == nil || keep(&v.RollCalls[r]) {
			cv.rows = append(cv.rows, r)
		}
	}
	return cv, nil
}

func (cv columnVotes) calls() int { return len(cv.rows) }

func (cv columnVotes) column(c int) []int8 {
	v := cv.m.Votes(c)
	out := make([]int8, len(cv.rows))
	for i, r := range cv.rows {
		out[i] = int8(v[r])
		if v[r] == unvotes.Unrecorded {
			out[i] = fpsim.VoteAbsent
		}
	}
	return out
}

func (cv columnVotes) agreement(hub int, counts func(int) bool) map[int]fpsim.VoteScores {
	h, ok := cv.m.CountryIndex(hub)
	if !ok {
		return nil
	}
	hv := cv.column(h)
	out := map[int]fpsim.VoteScores{}
	for c, code := range cv.m.Countries {
		if c == h || !counts(code) {
			continue
		}
		s, err := fpsim.CompareVotes(hv, cv.column(c))
		if err == nil && s.N > 0 {
			out[code] = s
		}
	}
	return out
}

// TestBaselineAgrees checks the benchmark's baseline against the report.
func TestBaselineAgrees(t *testing.T) {
	in := input(t)
	base, err := hubAndSpoke(in, HubOptions{}.withDefaults(), columnScorer)
	if err != nil {
		t.Fatal(err)
	}
	fast := rows(t)
	for i := range fast {
		f, b := fast[i], base[i]
		if f.States != b.States || f.StatesImportant != b.StatesImportant || math.Abs(f.Agree-b.Agree) > 1e-12 ||
			(math.IsNaN(f.Agree) != math.IsNaN(b.Agree)) || math.Abs(f.AgreeHalfImp-b.AgreeHalfImp) > 1e-12 {
			t.Fatalf("row %d: fast %+v, baseline %+v", i, f, b)
		}
	}
}

// BenchmarkHubAndSpoke times the whole report, 1946-2020 for two hubs, on
// the real files (loaded outside the timer): "fast" scores the dyads from
// fpsim's bit-packed year matrices, "per-dyad" copies vote columns and
// calls fpsim.CompareVotes for each hub-country dyad. Alliance groups and
// classes are computed the same way in both.
func BenchmarkHubAndSpoke(b *testing.B) {
	in := input(b)
	opt := HubOptions{}.withDefaults()
	for _, bc := range []struct {
		name  string
		score scoreYear
	}{{"fast", packVotes}, {"per-dyad", columnScorer}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := hubAndSpoke(in, opt, bc.score); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
