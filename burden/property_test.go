package burden_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"pgregory.net/rapid"
)

// genInput draws 1 to 12 members with delivered amounts (some zero) and
// capabilities (some missing or NaN).
func genInput(t *rapid.T) burden.Input {
	n := rapid.IntRange(1, 12).Draw(t, "n")
	in := burden.Input{Delivered: amounts{}, Capability: amounts{}}
	for i := range n {
		id := entente.ActorID(fmt.Sprintf("m%02d", i))
		in.Members = append(in.Members, id)
		in.Delivered[id] = rapid.SampledFrom([]float64{0, 1, 2.5, 1e3, 7e6}).Draw(t, "delivered")
		switch rapid.IntRange(0, 5).Draw(t, "capability kind") {
		case 0: // missing
		case 1:
			in.Capability[id] = nan
		default:
			in.Capability[id] = rapid.Float64Range(0.01, 1e4).Draw(t, "capability")
		}
	}
	return in
}

func TestPropertySharesSumToOne(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		res := burden.Analyze(in, burden.Options{})
		var share, capShare, compared float64
		for _, m := range res.Members {
			share += m.Share
			if !math.IsNaN(m.CapabilityShare) {
				capShare += m.CapabilityShare
				compared += m.ComparedShare
			}
		}
		if res.Total > 0 && math.Abs(share-1) > 1e-9 {
			t.Fatalf("shares sum to %v", share)
		}
		if len(res.Compared) > 0 && !contains(res.Flags, burden.NoContributions) {
			if math.Abs(capShare-1) > 1e-9 || math.Abs(compared-1) > 1e-9 {
				t.Fatalf("over the compared members: capability shares sum to %v, contribution shares to %v", capShare, compared)
			}
		}
	})
}

func TestPropertyMissingIsNeverZero(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		res := burden.Analyze(in, burden.Options{})
		for _, m := range res.Members {
			c, ok := in.Capability[m.Member]
			if ok && !math.IsNaN(c) {
				continue
			}
			if !math.IsNaN(m.Capability) || !math.IsNaN(m.CapabilityShare) || !math.IsNaN(m.Exploitation) || !contains(m.Flags, burden.MissingCapability) {
				t.Fatalf("member without capability: %+v", m)
			}
		}
	})
}

func TestPropertyProportionalMeansNoExploitation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 10).Draw(t, "n")
		k := rapid.Float64Range(0.001, 1000).Draw(t, "k")
		in := burden.Input{Delivered: amounts{}, Capability: amounts{}}
		for i := range n {
			id := entente.ActorID(fmt.Sprintf("m%d", i))
			c := rapid.Float64Range(0.01, 1e4).Draw(t, "capability")
			in.Capability[id], in.Delivered[id] = c, k*c
		}
		for _, m := range burden.Analyze(in, burden.Options{}).Members {
			if math.Abs(m.Exploitation) > 1e-9 {
				t.Fatalf("%s delivers in proportion to capability, exploitation %v", m.Member, m.Exploitation)
			}
		}
	})
}

func TestPropertySplitsShareOutTheTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		in.Budget = rapid.Float64Range(1, 1e6).Draw(t, "budget")
		for _, rule := range []burden.SplitRule{burden.SplitEqual, burden.SplitCapability} {
			sp := burden.CostSplit(rule, in.Budget, in)
			sum, known := 0.0, true
			for _, o := range sp.Owed {
				sum += o.Owed
				known = known && !math.IsNaN(o.Owed)
			}
			if known && math.Abs(sum-in.Budget) > 1e-6*in.Budget {
				t.Fatalf("%s split owes %v of %v", rule, sum, in.Budget)
			}
		}
	})
}

func TestPropertySpearmanBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 14).Draw(t, "n")
		vals := rapid.SampledFrom([]float64{0, 1, 2, 3, 5, 8, nan})
		x := rapid.SliceOfN(vals, n, n).Draw(t, "x")
		y := rapid.SliceOfN(vals, n, n).Draw(t, "y")
		c := burden.Spearman(x, y)
		if math.IsNaN(c.Rho) {
			return
		}
		if c.Rho < -1 || c.Rho > 1 {
			t.Fatalf("rho %v", c.Rho)
		}
		for _, p := range []float64{c.P, c.PT, c.PExact} {
			if p < 0 || p > 1 {
				t.Fatalf("p-value %v outside [0, 1]: %+v", p, c)
			}
		}
		// Swapping the variables changes nothing.
		if d := burden.Spearman(y, x); d.Rho != c.Rho || !(d.P == c.P || math.IsNaN(d.P) && math.IsNaN(c.P)) {
			t.Fatalf("not symmetric: %+v and %+v", c, d)
		}
	})
}
