package power

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// refWithout returns, with plain big.Int arithmetic and no deconvolution,
// the counts by (size, weight) of the coalitions of all players but skip.
func refWithout(w []int64, skip int) [][]*big.Int {
	var total int64
	for _, x := range w {
		total += x
	}
	c := make([][]*big.Int, len(w)+1)
	for s := range c {
		c[s] = make([]*big.Int, total+1)
		for k := range c[s] {
			c[s][k] = new(big.Int)
		}
	}
	c[0][0].SetInt64(1)
	m := 0
	for j, wj := range w {
		if j == skip {
			continue
		}
		m++
		for s := m; s >= 1; s-- {
			for k := total; k >= wj; k-- {
				c[s][k].Add(c[s][k], c[s-1][k-wj])
			}
		}
	}
	return c
}

// refPlayer returns player i's swings and Shapley-Shubik numerator by the
// definition, from refWithout.
func refPlayer(w []int64, q int64, i int) (swings, ss *big.Int) {
	n := len(w)
	c := refWithout(w, i)
	fact := factorials(n)
	swings, ss = new(big.Int), new(big.Int)
	for s := 0; s < n; s++ {
		for k := max(0, q-w[i]); k < q && k < int64(len(c[s])); k++ {
			swings.Add(swings, c[s][k])
			ss.Add(ss, new(big.Int).Mul(c[s][k], ssCoef(fact, n, s)))
		}
	}
	return swings, ss
}

// TestManyPlayersMatchesReference checks the multi-limb arithmetic (n >= 64
// needs two or more 64-bit limbs) against plain big.Int sums.
func TestManyPlayersMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(60, 140).Draw(t, "n")
		w := rapid.SliceOfN(rapid.Int64Range(0, 4), n, n).Draw(t, "w")
		w[0]++
		var total int64
		for _, x := range w {
			total += x
		}
		q := rapid.Int64Range(1, total).Draw(t, "q")
		g, err := NewWeighted(q, w)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Analyze(g, Options{Indices: BanzhafIndex | ShapleyShubikIndex, Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		u, err := Analyze(g, Options{Indices: BanzhafIndex})
		if err != nil {
			t.Fatal(err)
		}
		nf := factorials(n)[n]
		for _, i := range []int{0, n / 2, n - 1} {
			sw, ss := refPlayer(w, q, i)
			if r.Swings[i].Cmp(sw) != 0 || u.Swings[i].Cmp(sw) != 0 {
				t.Fatalf("player %d swings %s / %s, want %s", i, r.Swings[i], u.Swings[i], sw)
			}
			if want := new(big.Rat).SetFrac(ss, nf); r.Exact.ShapleyShubik[i].Cmp(want) != 0 {
				t.Fatalf("player %d Shapley-Shubik %s, want %s", i, r.Exact.ShapleyShubik[i], want)
			}
		}
	})
}

// TestEqualPlayers checks 193 equal players (UN General Assembly size) with
// quota 97 against the closed forms: swings C(192, 96), Shapley-Shubik 1/193,
// winning coalitions 2^192 (exactly half, n odd).
func TestEqualPlayers(t *testing.T) {
	g := mustWeighted(t, 97, ones(1, 193))
	r, err := Analyze(g, Options{Exact: true, Indices: BanzhafIndex | ShapleyShubikIndex | ColemanIndices | HollerIndex | DeeganPackelIndex | JohnstonIndex})
	if err != nil {
		t.Fatal(err)
	}
	sw := new(big.Int).Binomial(192, 96)
	for i := range 193 {
		if r.Swings[i].Cmp(sw) != 0 {
			t.Fatalf("swings[%d] = %s, want %s", i, r.Swings[i], sw)
		}
		if r.Exact.Johnston[i].Cmp(big.NewRat(1, 193)) != 0 || r.Exact.DeeganPackel[i].Cmp(big.NewRat(1, 193)) != 0 {
			t.Fatalf("Johnston[%d] = %s, Deegan-Packel %s", i, r.Exact.Johnston[i], r.Exact.DeeganPackel[i])
		}
		if r.Exact.ShapleyShubik[i].Cmp(big.NewRat(1, 193)) != 0 {
			t.Fatalf("SS[%d] = %s", i, r.Exact.ShapleyShubik[i])
		}
	}
	if want := new(big.Int).Lsh(big.NewInt(1), 192); r.Winning.Cmp(want) != 0 {
		t.Fatalf("winning %s, want %s", r.Winning, want)
	}
	// Minimal winning coalitions are exactly the C(193, 97) coalitions of 97.
	if want := new(big.Int).Binomial(193, 97); r.MinimalWinning.Cmp(want) != 0 {
		t.Fatalf("minimal winning %s, want %s", r.MinimalWinning, want)
	}
}

// TestLimbArithmetic checks the modular multi-limb operations against
// math/big on random numbers.
func TestLimbArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := rapid.IntRange(1, 5).Draw(t, "limbs")
		x := rapid.SliceOfN(rapid.Uint64(), l, l).Draw(t, "x")
		y := rapid.SliceOfN(rapid.Uint64(), l, l).Draw(t, "y")
		acc := rapid.SliceOfN(rapid.Uint64(), l, l).Draw(t, "acc")
		mod := new(big.Int).Lsh(big.NewInt(1), uint(64*l))
		want := new(big.Int).Mul(natBig(x), natBig(y))
		want.Add(want, natBig(acc)).Mod(want, mod)
		got := append([]uint64(nil), acc...)
		mulAddAt(got, x, y)
		if natBig(got).Cmp(want) != 0 {
			t.Fatalf("mulAdd: got %s want %s", natBig(got), want)
		}
		sum := append([]uint64(nil), x...)
		addVec(sum, y, l)
		if w := new(big.Int).Add(natBig(x), natBig(y)); natBig(sum).Cmp(w.Mod(w, mod)) != 0 {
			t.Fatal("addVec")
		}
		diff := append([]uint64(nil), x...)
		subVec(diff, y, l)
		if w := new(big.Int).Sub(natBig(x), natBig(y)); natBig(diff).Cmp(w.Mod(w, mod)) != 0 {
			t.Fatal("subVec")
		}
		dot := append([]uint64(nil), acc...)
		dotAdd(dot, x, y, l)
		if natBig(dot).Cmp(want) != 0 {
			t.Fatal("dotAdd")
		}
	})
}
