package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/entente/entente"
)

// Synthetic returns a made-up world of n actors for tests, benchmarks and
// experiments without data: log-normal capabilities (a few great powers,
// many small states, as in the NMC data), actors on a ring with their two
// neighbours on each side contiguous, about rivals strategic rivals per
// actor among its neighbours within five places, and positions uniform on
// [-1, 1]. The same n, rivals and seed give the same world.
func Synthetic(n int, rivals float64, start int, seed uint64) *World {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	w := &World{Start: start}
	id := func(i int) entente.ActorID { return entente.ActorID(fmt.Sprintf("a%03d", i)) }
	for i := 0; i < n; i++ {
		w.Actors = append(w.Actors, ActorSpec{ID: id(i), Capability: math.Exp(1.5 * rng.NormFloat64()),
			Position: 2*rng.Float64() - 1})
	}
	for i := 0; i < n && n > 2; i++ {
		w.Contiguous = append(w.Contiguous, MakePair(id(i), id((i+1)%n)))
		if n > 4 {
			w.Contiguous = append(w.Contiguous, MakePair(id(i), id((i+2)%n)))
		}
	}
	p := rivals / 10 // ten neighbours within five places
	seen := map[Pair]bool{}
	for i := 0; i < n; i++ {
		for d := 1; d <= 5 && d < n; d++ {
			pr := MakePair(id(i), id((i+d)%n))
			if !seen[pr] && rng.Float64() < p {
				seen[pr] = true
				w.Rivals = append(w.Rivals, pr)
			}
		}
	}
	return w
}
