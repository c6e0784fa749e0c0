package coalition

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
)

// UniformValues returns a seeded table of 2^n worths drawn as in the
// coalition-structure literature's "uniform" distribution (Larson & Sandholm
// 2000; Rahwan et al. 2009): v(S) = |S|·U(0,1), independently, v(∅) = 0.
// For benchmarks and tests; it panics unless 1 ≤ n ≤ MaxTablePlayers.
func UniformValues(n int, seed uint64) []float64 {
	checkTableSize(n)
	r := newRand(seed)
	v := make([]float64, 1<<n)
	for s := 1; s < len(v); s++ {
		v[s] = float64(bits.OnesCount(uint(s))) * unit(r)
	}
	return v
}

// NDCSValues returns a seeded table of 2^n worths from the "normally
// distributed coalition structures" distribution (Rahwan et al. 2009):
// v(S) ~ N(|S|, √|S|), mean |S| and standard deviation √|S|, independently
// (so worths may be negative), v(∅) = 0. It is the distribution on which
// dynamic programming is hardest to beat. It panics unless
// 1 ≤ n ≤ MaxTablePlayers.
func NDCSValues(n int, seed uint64) []float64 {
	checkTableSize(n)
	r := newRand(seed)
	v := make([]float64, 1<<n)
	for s := 1; s < len(v); s++ {
		k := float64(bits.OnesCount(uint(s)))
		v[s] = k + math.Sqrt(k)*normal(r)
	}
	return v
}

func checkTableSize(n int) {
	if n < 1 || n > MaxTablePlayers {
		panic(fmt.Sprintf("coalition: %d players: tables hold 1 to %d", n, MaxTablePlayers))
	}
}

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0xda3e39cb94b95bdb))
}

// unit returns a uniform float64 in [0, 1) from the top 53 bits of one raw
// draw, so the stream depends only on the PCG generator.
func unit(r *rand.Rand) float64 { return float64(r.Uint64()>>11) / (1 << 53) }

// normal returns a standard normal draw (Box-Muller, one of the pair).
func normal(r *rand.Rand) float64 {
	u := 1 - unit(r) // (0, 1]: the logarithm stays finite
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*unit(r))
}
