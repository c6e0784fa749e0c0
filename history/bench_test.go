package history

import (
	"math"
	"slices"
	"testing"

	"github.com/entente/entente/fpsim"
)

// BenchmarkEarlyWarning times the early-warning pipeline on every ATOP
// alliance-year of the real files (the data loaded once, outside the
// timer): the components, the evaluation (5 folds and the time split, each
// with 1,000 bootstrap replicates), and both.
func BenchmarkEarlyWarning(b *testing.B) {
	d := loadReal(b)
	in := d.warningInput()
	rows, err := AllianceYears(in, WarningOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("components", func(b *testing.B) {
		for b.Loop() {
			if _, err := AllianceYears(in, WarningOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(rows)), "alliance-years")
	})
	b.Run("evaluate", func(b *testing.B) {
		for b.Loop() {
			if _, err := Evaluate(rows, EvalOptions{Seed: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pipeline", func(b *testing.B) {
		for b.Loop() {
			r, err := AllianceYears(in, WarningOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Evaluate(r, EvalOptions{Seed: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUNCohesion compares the vote cohesion of every alliance-year
// from 1946 through the bit-packed fpsim.VoteMatrix (the implementation)
// with a baseline that compares each member pair's raw vote vectors with
// fpsim.CompareVotes.
func BenchmarkUNCohesion(b *testing.B) {
	d := loadReal(b)
	groups := map[int][][]int{}
	for _, id := range d.alliances.IDs() {
		for y := FirstUNYear; y <= DefaultDataEnd; y++ {
			if m := d.alliances.Members(id, y); len(m) > 1 {
				groups[y] = append(groups[y], m)
			}
		}
	}
	b.Run("packed", func(b *testing.B) {
		for b.Loop() {
			for y, gs := range groups {
				v, err := NewVoteYear(d.votes, y)
				if err != nil {
					b.Fatal(err)
				}
				for _, g := range gs {
					v.Cohesion(g, nil)
				}
			}
		}
	})
	b.Run("baseline-pairwise", func(b *testing.B) {
		for b.Loop() {
			for y, gs := range groups {
				for _, g := range gs {
					naiveAgree(b, d, y, g)
				}
			}
		}
	})
}

// naiveAgree is the baseline: each pair's votes of the year copied out and
// compared one pair at a time.
func naiveAgree(b *testing.B, d *realData, year int, members []int) float64 {
	lo, hi := d.votes.YearRange(year)
	var vecs [][]int8
	for _, m := range members {
		c, ok := d.votes.CountryIndex(m)
		if !ok {
			continue
		}
		v := make([]int8, hi-lo)
		for r, x := range d.votes.Votes(c)[lo:hi] {
			v[r] = voteCode(x)
		}
		vecs = append(vecs, v)
	}
	var sum float64
	n := 0
	for i := range vecs {
		for j := i + 1; j < len(vecs); j++ {
			s, err := fpsim.CompareVotes(vecs[i], vecs[j])
			if err != nil {
				b.Fatal(err)
			}
			if !math.IsNaN(s.Agree) {
				sum += s.Agree
				n++
			}
		}
	}
	return sum / float64(n)
}

// BenchmarkClusterBootstrap compares the bootstrap as implemented (one
// weighted pass over the pre-sorted scores per replicate) with a baseline
// that materialises each replicate's rows and sorts them again, on the
// cross-validated scores of the real alliance-years.
func BenchmarkClusterBootstrap(b *testing.B) {
	rows := realRows(b)
	e, err := Evaluate(rows, EvalOptions{Seed: 1, Bootstrap: 1})
	if err != nil {
		b.Fatal(err)
	}
	var labels []bool
	var cl []int
	var m, a []float64
	for i, r := range rows {
		if r.Outcome != Censored {
			labels, cl = append(labels, r.Outcome == Ended), append(cl, r.Alliance)
			m, a = append(m, e.Scores[i].Model), append(a, e.Scores[i].Age)
		}
	}
	const reps = 200
	b.Run("weighted-pass", func(b *testing.B) {
		for b.Loop() {
			ClusterBootstrap(labels, cl, m, a, reps, 1)
		}
	})
	b.Run("baseline-resort", func(b *testing.B) {
		for b.Loop() {
			naiveBootstrap(labels, cl, m, a, reps, 1)
		}
	})
}

func naiveBootstrap(labels []bool, cl []int, a, b []float64, reps int, seed uint64) {
	byID := map[int][]int{}
	for i, c := range cl {
		byID[c] = append(byID[c], i)
	}
	var ids []int
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	members := make([][]int, len(ids))
	for k, id := range ids {
		members[k] = byID[id]
	}
	rng := newTestRNG(seed)
	for range reps {
		var lab []bool
		var xa, xb []float64
		for range ids {
			for _, i := range members[rng.IntN(len(ids))] {
				lab, xa, xb = append(lab, labels[i]), append(xa, a[i]), append(xb, b[i])
			}
		}
		AUC(xa, lab)
		AUC(xb, lab)
	}
}
