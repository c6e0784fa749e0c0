package fpsim

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// genPortfolioYear draws a small year of portfolios: sparse or dense ties,
// often isolated states, sometimes missing cells and dropped states, and
// weights that may be absent, zero or unknown.
func genPortfolioYear(t *rapid.T) (n int, levels []int8, weights []float64, maxLevel int8) {
	n = rapid.IntRange(0, 12).Draw(t, "n")
	maxLevel = rapid.Int8Range(1, 3).Draw(t, "maxLevel")
	tiePct := rapid.SampledFrom([]int{0, 5, 30, 90}).Draw(t, "tiePct")
	missPct := rapid.SampledFrom([]int{0, 0, 10}).Draw(t, "missPct")
	levels = NewLevelMatrix(n, maxLevel)
	for i := range n {
		for k := range n {
			u := rapid.IntRange(0, 99).Draw(t, "cell")
			switch {
			case u < missPct:
				levels[i*n+k] = Missing
			case i == k && u < missPct+10:
				levels[i*n+k] = int8(u % int(maxLevel+1)) // an unconventional diagonal
			case i != k && u < missPct+tiePct:
				levels[i*n+k] = int8(1 + u%int(maxLevel))
			}
		}
	}
	for range rapid.IntRange(0, 2).Draw(t, "dropped") {
		if n > 0 {
			DropState(levels, n, rapid.IntRange(0, n-1).Draw(t, "drop"))
		}
	}
	if rapid.Bool().Draw(t, "weighted") {
		weights = make([]float64, n)
		for k := range weights {
			weights[k] = rapid.SampledFrom([]float64{0, 0.01, 0.1, 0.25, 0.5, 1, math.NaN()}).Draw(t, "w")
		}
	}
	return n, levels, weights, maxLevel
}

// TestPropertyPortfolioFastEqualsReference checks the sparse all-dyads path
// against the plain reference, dyad by dyad and in order.
func TestPropertyPortfolioFastEqualsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n, levels, weights, maxLevel := genPortfolioYear(t)
		p, err := NewPortfolioYear(n, levels, weights, maxLevel)
		if err != nil {
			t.Fatalf("NewPortfolioYear: %v", err)
		}
		workers := rapid.IntRange(1, 4).Draw(t, "workers")
		got := collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{Workers: workers}, fn) })
		want := refPortfolioYear(n, levels, weights, maxLevel)
		if len(got) != len(want) {
			t.Fatalf("%d dyads, want %d", len(got), len(want))
		}
		for k := range got {
			if got[k].I != want[k].I || got[k].J != want[k].J {
				t.Fatalf("dyad %d is %d-%d, want %d-%d", k, got[k].I, got[k].J, want[k].I, want[k].J)
			}
			checkFields(t, "dyad", got[k].fields(), want[k].fields())
			i, j := int(got[k].I), int(got[k].J)
			one, err := ComparePortfolios(levels[i*n:(i+1)*n], levels[j*n:(j+1)*n], weights, maxLevel)
			if err != nil {
				t.Fatalf("ComparePortfolios: %v", err)
			}
			checkFields(t, "ComparePortfolios", one.fields(), want[k].fields())
		}
	})
}

// TestPropertyPortfolioSymmetricAndBounded checks that every measure is
// the same for (i, j) and (j, i), exactly, and lies in its range.
func TestPropertyPortfolioSymmetricAndBounded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n, levels, weights, maxLevel := genPortfolioYear(t)
		if n < 2 {
			return
		}
		p, err := NewPortfolioYear(n, levels, weights, maxLevel)
		if err != nil {
			t.Fatalf("NewPortfolioYear: %v", err)
		}
		i := rapid.IntRange(0, n-1).Draw(t, "i")
		j := rapid.IntRange(0, n-1).Filter(func(j int) bool { return j != i }).Draw(t, "j")
		ij, ji := p.Dyad(i, j).fields(), p.Dyad(j, i).fields()
		for name, v := range ij {
			if w := ji[name]; v != w && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Fatalf("%s(%d,%d) = %v but %s(%d,%d) = %v", name, i, j, v, name, j, i, w)
			}
		}
		checkBounds(t, ij)
	})
}

// checkBounds fails unless S, S_w and tau-b are in [-1, 1] and kappa and
// pi at most 1 (they have no fixed lower bound), NaN aside.
func checkBounds(t tb, f map[string]float64) {
	t.Helper()
	const eps = 1e-12
	for _, name := range []string{"SAbs", "SSq", "SWAbs", "SWSq", "TauB", "Agree", "AgreeHalf"} {
		if v, ok := f[name]; ok && (v < -1-eps || v > 1+eps) {
			t.Fatalf("%s = %v outside [-1, 1]", name, v)
		}
	}
	for _, name := range []string{"KappaAbs", "KappaSq", "PiAbs", "PiSq"} {
		if v := f[name]; v > 1+eps {
			t.Fatalf("%s = %v above 1", name, v)
		}
	}
}

// genVotes draws a small vote matrix, with absences, non-members and
// enough roll calls to cross the 64-bit word boundaries.
func genVotes(t *rapid.T) (calls, countries int, codes []int8) {
	calls = rapid.IntRange(0, 140).Draw(t, "calls")
	countries = rapid.IntRange(0, 7).Draw(t, "countries")
	mix := rapid.SampledFrom([][]int8{
		{VoteYes, VoteYes, VoteYes, VoteNo, VoteAbstain, VoteAbsent, VoteNotMember},
		{VoteYes, VoteNo},
		{VoteAbstain, VoteAbsent},
		{VoteYes, VoteAbstain, VoteNo},
	}).Draw(t, "mix")
	codes = make([]int8, calls*countries)
	for k := range codes {
		codes[k] = mix[rapid.IntRange(0, len(mix)-1).Draw(t, "vote")]
	}
	return calls, countries, codes
}

// TestPropertyVotesFastEqualsReference checks the bit-packed all-dyads
// path, over all roll calls and over a random subset, against the plain
// reference.
func TestPropertyVotesFastEqualsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		calls, countries, codes := genVotes(t)
		m, err := NewVoteMatrix(calls, countries, codes)
		if err != nil {
			t.Fatalf("NewVoteMatrix: %v", err)
		}
		var keep []bool
		if rapid.Bool().Draw(t, "subset") {
			keep = make([]bool, calls)
			for r := range keep {
				keep[r] = rapid.Bool().Draw(t, "keep")
			}
			if m, err = m.Subset(keep); err != nil {
				t.Fatalf("Subset: %v", err)
			}
		}
		workers := rapid.IntRange(1, 4).Draw(t, "workers")
		got := collect(func(fn func(VoteDyad) error) error { return m.Dyads(Options{Workers: workers}, fn) })
		want := refVoteYear(calls, countries, codes, keep)
		if len(got) != len(want) {
			t.Fatalf("%d dyads, want %d", len(got), len(want))
		}
		for k := range got {
			if got[k].I != want[k].I || got[k].J != want[k].J {
				t.Fatalf("dyad %d is %d-%d, want %d-%d", k, got[k].I, got[k].J, want[k].I, want[k].J)
			}
			f := got[k].fields()
			checkFields(t, "dyad", f, want[k].fields())
			checkBounds(t, f)
			if !near(got[k].AgreeHalf, (1+got[k].SAbs)/2) {
				t.Fatalf("AgreeHalf %v, (1+S)/2 = %v", got[k].AgreeHalf, (1+got[k].SAbs)/2)
			}
		}
	})
}

// synthPortfolios makes a seeded year of n states in which a share density
// of the off-diagonal ties is non-zero (symmetric, levels 1..3), with
// right-skewed capability shares that sum to 1, as CINC shares do. A share
// isolated of the states has no ties at all; the others' ties are denser so
// the overall share stays density.
func synthPortfolios(n int, density, isolated float64, seed uint64) ([]int8, []float64) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	alone := make([]bool, n)
	for i := range alone {
		alone[i] = r.Float64() < isolated
	}
	p := density / ((1 - isolated) * (1 - isolated))
	levels := NewLevelMatrix(n, DefensePact)
	for i := range n {
		for j := i + 1; j < n; j++ {
			if !alone[i] && !alone[j] && r.Float64() < p {
				l := int8(1 + r.IntN(3))
				levels[i*n+j], levels[j*n+i] = l, l
			}
		}
	}
	w := make([]float64, n)
	var sum float64
	for k := range w {
		w[k] = math.Pow(r.ExpFloat64(), 3)
		sum += w[k]
	}
	for k := range w {
		w[k] /= sum
	}
	return levels, w
}

// synthVotes makes a seeded calls × countries vote matrix: mostly yes, some
// no and abstain, a few absences, and a few countries not members all year.
func synthVotes(calls, countries int, seed uint64) []int8 {
	r := rand.New(rand.NewPCG(seed, 0x7073))
	codes := make([]int8, calls*countries)
	member := make([]bool, countries)
	for c := range member {
		member[c] = r.Float64() > 0.03
	}
	for k := range codes {
		u := r.Float64()
		switch {
		case !member[k%countries]:
			codes[k] = VoteNotMember
		case u < 0.70:
			codes[k] = VoteYes
		case u < 0.80:
			codes[k] = VoteNo
		case u < 0.92:
			codes[k] = VoteAbstain
		default:
			codes[k] = VoteAbsent
		}
	}
	return codes
}

// TestWorkersDoNotMatter runs years big enough to be split over goroutines
// (and, for n = 300, over more than one block) and checks that every worker
// count gives bit-identical results in the same order, equal to computing
// each dyad alone.
func TestWorkersDoNotMatter(t *testing.T) {
	for _, n := range []int{60, 300} {
		levels, w := synthPortfolios(n, 0.05, 0.3, uint64(n))
		DropState(levels, n, n/2)
		p, err := NewPortfolioYear(n, levels, w, DefensePact)
		if err != nil {
			t.Fatal(err)
		}
		base := collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{Workers: 1}, fn) })
		for k, d := range base {
			if e := p.Dyad(int(d.I), int(d.J)); !sameBits(d.vector(), e.vector()) || k > 0 && !(base[k-1].I < d.I || base[k-1].I == d.I && base[k-1].J < d.J) {
				t.Fatalf("n %d: dyad %d (%d-%d) out of order or unlike Dyad", n, k, d.I, d.J)
			}
		}
		for _, workers := range []int{2, 3, 8} {
			got := collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{Workers: workers}, fn) })
			for k := range base {
				if !sameBits(got[k].vector(), base[k].vector()) {
					t.Fatalf("n %d, %d workers: dyad %d differs from 1 worker", n, workers, k)
				}
			}
		}

		codes := synthVotes(80, n, uint64(n))
		m, err := NewVoteMatrix(80, n, codes)
		if err != nil {
			t.Fatal(err)
		}
		vbase := collect(func(fn func(VoteDyad) error) error { return m.Dyads(Options{Workers: 1}, fn) })
		for _, workers := range []int{2, 5} {
			got := collect(func(fn func(VoteDyad) error) error { return m.Dyads(Options{Workers: workers}, fn) })
			for k := range vbase {
				if !sameBits(got[k].vector(), vbase[k].vector()) {
					t.Fatalf("votes n %d, %d workers: dyad %d differs from 1 worker", n, workers, k)
				}
			}
		}
	}
}

// TestRealisticYearEqualsReference checks the fast paths against the
// reference on one mid-sized synthetic year of each kind.
func TestRealisticYearEqualsReference(t *testing.T) {
	const n = 70
	levels, w := synthPortfolios(n, 0.05, 0.3, 7)
	p, err := NewPortfolioYear(n, levels, w, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	got := collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{Workers: 2}, fn) })
	for k, want := range refPortfolioYear(n, levels, w, DefensePact) {
		checkFields(t, "portfolio", got[k].fields(), want.fields())
	}
	codes := synthVotes(150, n, 7)
	m, err := NewVoteMatrix(150, n, codes)
	if err != nil {
		t.Fatal(err)
	}
	vgot := collect(func(fn func(VoteDyad) error) error { return m.Dyads(Options{Workers: 2}, fn) })
	for k, want := range refVoteYear(150, n, codes, nil) {
		checkFields(t, "votes", vgot[k].fields(), want.fields())
	}
}
