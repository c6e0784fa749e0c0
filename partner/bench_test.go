package partner_test

import (
	"math/rand/v2"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

// BenchmarkValidate times the full historical validation on the real data
// (1950–2013, 1000 bootstrap replicates), the files read beforehand.
// The sub-benchmark without the bootstrap is its baseline: the difference
// is the cost of the intervals.
func BenchmarkValidate(b *testing.B) {
	h := loadHistory(b)
	for _, bc := range []struct {
		name string
		reps int
	}{{"bootstrap=none", -1}, {"bootstrap=1000", 1000}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := partner.Validate(h, partner.ValidateOptions{Bootstrap: bc.reps, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReplicateAUC compares one bootstrap replicate's AUC over a
// million pairs computed the way Validate does (sorted once, a replicate
// is one weighted pass) with the baseline of materialising the resample and
// sorting it again.
func BenchmarkReplicateAUC(b *testing.B) {
	const n, clusters = 1_000_000, 190
	rng := rand.New(rand.NewPCG(1, 2))
	scores, labels, cluster := make([]float64, n), make([]bool, n), make([]int, n)
	for i := range scores {
		scores[i], labels[i], cluster[i] = rng.Float64(), rng.IntN(100) == 0, rng.IntN(clusters)
	}
	draw := func() []int {
		w := make([]int, clusters)
		for range clusters {
			w[rng.IntN(clusters)]++
		}
		return w
	}
	b.Run("one-pass", func(b *testing.B) {
		r := partner.NewClusterRanking(scores, labels, cluster)
		for b.Loop() {
			r.AUC(draw())
		}
	})
	b.Run("resort", func(b *testing.B) {
		for b.Loop() {
			w := draw()
			var s []float64
			var l []bool
			for i := range scores {
				for range w[cluster[i]] {
					s, l = append(s, scores[i]), append(l, labels[i])
				}
			}
			partner.AUC(s, l)
		}
	})
}

// BenchmarkRank times ranking 1,000 candidates with every part known.
func BenchmarkRank(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	pct := func() *float64 { v := rng.Float64() * 100; return &v }
	mk := func(id string) *entente.Actor {
		return &entente.Actor{ID: entente.ActorID(id),
			Capabilities: map[string]float64{"economic": rng.Float64() * 1000, "technology": rng.Float64() * 100},
			Positions:    map[string]float64{"trade": rng.Float64()*2 - 1, "climate": rng.Float64()*2 - 1},
			Culture:      &entente.Culture{PowerDistance: pct(), Individualism: pct(), Masculinity: pct()}}
	}
	u := mk("u")
	var pool []*entente.Actor
	var rivals []partner.Rivalry
	for i := range 1000 {
		pool = append(pool, mk("c"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676))))
		rivals = append(rivals, partner.Rivalry{pool[i].ID, pool[rng.IntN(i+1)].ID})
	}
	opts := partner.Options{Rivalries: rivals, PowerMeasure: "economic"}
	obj := partner.Objective{"economic": 2000, "technology": 300}
	for b.Loop() {
		partner.Rank(u, pool, obj, opts)
	}
}
