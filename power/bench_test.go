package power

import (
	"math/big"
	"testing"
	"time"
)

// Benchmarks run the fast exact path and a baseline side by side: full
// enumeration where 2^n is feasible (EU-27), otherwise n separate DP passes
// (one count polynomial per player, without the deconvolution), measured on
// a few players and extrapolated to all n when a full run would take
// minutes (reported as the metric "baseline-s").
//
//	go test -run XXX -bench . -benchtime 1x ./power/

// baseline computes the swings and Shapley-Shubik numerators of the given
// players of g by building, for each, the count polynomial of the others
// from scratch: O(n*D) (or O(n*cells) with sizes) per player.
func baseline(tb testing.TB, g *Weighted, sized bool, players []int) (swings, ss []*big.Int) {
	n := g.N()
	th := thresholdOf(g)
	d, comp := th.orientation(false)
	fact := factorials(n)
	for _, i := range players {
		w := append(append([]int64(nil), g.weights[:i]...), g.weights[i+1:]...)
		tab, err := newCountTable(w, d, sized, 1<<40)
		if err != nil {
			tb.Fatal(err)
		}
		tab.build(w)
		tab.prefix()
		hi, lo := g.quota-1, g.quota-1-g.weights[i] // direct: weight in (lo, hi]
		if comp {
			hi, lo = g.total-g.quota, g.total-g.quota-g.weights[i]
		}
		acc := make([]uint64, tab.l)
		sw, sn := new(big.Int), new(big.Int)
		sizes := 1
		if sized {
			sizes = n
		}
		for s := range sizes {
			clear(acc)
			tab.at(acc, s, hi, false)
			if lo >= 0 {
				tab.at(acc, s, lo, true)
			}
			c := natBig(acc)
			sw.Add(sw, c)
			sn.Add(sn, c.Mul(c, ssCoef(fact, n, s)))
		}
		swings, ss = append(swings, sw), append(ss, sn)
	}
	return swings, ss
}

// benchBaseline times baseline on `sample` players, checks them against
// the fast result and reports the time extrapolated to all players.
func benchBaseline(b *testing.B, g *Weighted, sized bool, sample int) {
	idx := BanzhafIndex
	if sized {
		idx |= ShapleyShubikIndex
	}
	fast, err := Analyze(g, Options{Indices: idx, Exact: sized, MaxMemory: 16 << 30, MaxWork: 1 << 50})
	if err != nil {
		b.Fatal(err)
	}
	players := make([]int, 0, sample)
	for k := range sample {
		players = append(players, k*g.N()/sample)
	}
	b.ResetTimer()
	var elapsed time.Duration
	for b.Loop() {
		start := time.Now()
		sw, ss := baseline(b, g, sized, players)
		elapsed += time.Since(start)
		for k, i := range players {
			if sw[k].Cmp(fast.Swings[i]) != 0 {
				b.Fatalf("player %d: baseline swings %s, fast %s", i, sw[k], fast.Swings[i])
			}
			if sized && new(big.Rat).SetFrac(ss[k], factorials(g.N())[g.N()]).Cmp(fast.Exact.ShapleyShubik[i]) != 0 {
				b.Fatalf("player %d: baseline Shapley-Shubik differs", i)
			}
		}
	}
	per := elapsed.Seconds() / float64(b.N) / float64(sample)
	b.ReportMetric(per*float64(g.N()), "baseline-s")
	b.ReportMetric(float64(sample), "players-timed")
}

func benchAnalyze(b *testing.B, g Game, o Options) {
	if o.MaxMemory == 0 {
		o.MaxMemory = 16 << 30
	}
	if o.MaxWork == 0 {
		o.MaxWork = 1 << 50
	}
	for b.Loop() {
		if _, err := Analyze(g, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkElectoralCollege: the 2020 US electoral college, [270; 51 states
// and DC with 3..55 electors]. Goal: every exact index under 50 ms.
func BenchmarkElectoralCollege(b *testing.B) {
	g := mustWeighted(b, 270, electoralCollege2020)
	for _, c := range []struct {
		name string
		idx  Index
	}{
		{"banzhaf+coleman", BanzhafIndex | ColemanIndices},
		{"shapley-shubik", ShapleyShubikIndex},
		{"deegan-packel+holler", DeeganPackelIndex | HollerIndex},
		{"johnston", JohnstonIndex},
		{"all", AllIndices},
	} {
		b.Run("dp/"+c.name, func(b *testing.B) { benchAnalyze(b, g, Options{Indices: c.idx}) })
	}
	b.Run("baseline-n-passes/banzhaf", func(b *testing.B) { benchBaseline(b, g, false, g.N()) })
	b.Run("baseline-n-passes/shapley-shubik", func(b *testing.B) { benchBaseline(b, g, true, g.N()) })
}

// BenchmarkUNGeneralAssembly: 193 equal players, quota 97.
func BenchmarkUNGeneralAssembly(b *testing.B) {
	g := mustWeighted(b, 97, ones(1, 193))
	b.Run("dp/all", func(b *testing.B) { benchAnalyze(b, g, Options{}) })
	b.Run("dp/banzhaf+shapley-shubik", func(b *testing.B) {
		benchAnalyze(b, g, Options{Indices: BanzhafIndex | ShapleyShubikIndex})
	})
	b.Run("baseline-n-passes/shapley-shubik", func(b *testing.B) { benchBaseline(b, g, true, g.N()) })
}

// BenchmarkEUCouncil: the Lisbon double majority for EU-27 with 2020
// populations (55% of members, at least 15; 65% of the population; a
// blocking minority needs 4 members).
func BenchmarkEUCouncil(b *testing.B) {
	g, err := EUCouncil(euPopulation2020)
	if err != nil {
		b.Fatal(err)
	}
	idx := BanzhafIndex | ShapleyShubikIndex | ColemanIndices
	b.Run("meet-in-middle/banzhaf+ss+coleman", func(b *testing.B) { benchAnalyze(b, g, Options{Indices: idx}) })
	b.Run("enumeration/banzhaf+ss+coleman", func(b *testing.B) {
		benchAnalyze(b, g, Options{Indices: idx, Method: MethodEnumeration})
	})
	b.Run("enumeration/all", func(b *testing.B) { benchAnalyze(b, g, Options{}) })
}

// BenchmarkIMFSize: 190 players with synthetic weights 10000..50000 (total
// about 5.6 million), quotas 50%+1 and 85%. Goals: Banzhaf under 2 s,
// Shapley-Shubik within minutes.
func BenchmarkIMFSize(b *testing.B) {
	for _, p := range []int64{50, 85} {
		g := imfLike(b, p)
		name := map[int64]string{50: "q50%", 85: "q85%"}[p]
		b.Run(name+"/dp/banzhaf+coleman", func(b *testing.B) {
			benchAnalyze(b, g, Options{Indices: BanzhafIndex | ColemanIndices})
		})
		b.Run(name+"/baseline-n-passes/banzhaf", func(b *testing.B) { benchBaseline(b, g, false, 4) })
		b.Run(name+"/dp/shapley-shubik", func(b *testing.B) {
			benchAnalyze(b, g, Options{Indices: ShapleyShubikIndex})
		})
		if p == 85 {
			b.Run(name+"/baseline-n-passes/shapley-shubik", func(b *testing.B) { benchBaseline(b, g, true, 2) })
		}
	}
}
