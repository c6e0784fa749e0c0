package power

import (
	"errors"
	"fmt"
	"math/big"
)

// Index is a set of power indices to compute (a bit mask).
type Index uint

// The indices Analyze can compute. Penrose and the swing counts come with
// BanzhafIndex; ColemanIndices are the three Coleman measures.
const (
	BanzhafIndex Index = 1 << iota
	ShapleyShubikIndex
	DeeganPackelIndex
	HollerIndex
	JohnstonIndex
	ColemanIndices
	// AllIndices selects every index.
	AllIndices = BanzhafIndex | ShapleyShubikIndex | DeeganPackelIndex | HollerIndex | JohnstonIndex | ColemanIndices
)

// mwcIndices need the minimal winning coalitions; swingIndices the swings.
const (
	mwcIndices   = DeeganPackelIndex | HollerIndex
	swingIndices = BanzhafIndex | ColemanIndices
)

// Method names the algorithm that produced a Result.
type Method string

// The algorithms. MethodAuto lets Analyze choose the fastest exact one.
const (
	MethodAuto         Method = ""
	MethodDP           Method = "dp"             // generating functions over weights
	MethodMeetInMiddle Method = "meet-in-middle" // sorted half-enumerations
	MethodEnumeration  Method = "enumeration"    // all 2^n coalitions
	MethodMonteCarlo   Method = "monte-carlo"    // sampling with error bounds
)

// ErrTooLarge is returned (wrapped) when an exact computation would exceed
// the limits in Options; restrict Options.Indices, raise the limit, or use
// Options.MonteCarlo.
var ErrTooLarge = errors.New("power: game too large for this exact method")

// DefaultMaxMemory is the default bound on the memory of the dynamic-
// programming tables (bytes); see Options.MaxMemory.
const DefaultMaxMemory = 4 << 30

// Options controls Analyze. The zero value computes every index exactly with
// float64 results.
type Options struct {
	// Indices selects the indices; zero means AllIndices.
	Indices Index
	// Exact also fills Result.Exact with exact fractions.
	Exact bool
	// MonteCarlo, if set, estimates Banzhaf, Penrose, Shapley-Shubik and
	// Coleman by sampling instead of computing them exactly (the other
	// indices, swing counts and dummies are then left nil).
	MonteCarlo *MCOptions
	// Method forces an algorithm (for comparisons); MethodAuto chooses.
	Method Method
	// MaxEnumPlayers bounds enumeration of all coalitions; zero means
	// DefaultMaxEnumPlayers, and more than 30 is never allowed.
	MaxEnumPlayers int
	// MaxMemory bounds the bytes of dynamic-programming tables; zero means
	// DefaultMaxMemory.
	MaxMemory int64
	// MaxWork bounds the estimated word steps of a dynamic program (one
	// addition of a 64-bit word, or of a 32-bit residue, of a table entry);
	// zero means DefaultMaxWork.
	MaxWork int64

	// residues forces the residue passes (4 or 8 bytes) for tests; generic
	// the multi-limb code and per-size fractions of the old path, for the
	// benchmarks that compare the two.
	residues int
	generic  bool
}

func (o Options) indices() Index {
	if o.Indices == 0 {
		return AllIndices
	}
	return o.Indices
}

func (o Options) maxEnum() int {
	if o.MaxEnumPlayers <= 0 {
		return DefaultMaxEnumPlayers
	}
	return min(o.MaxEnumPlayers, hardMaxEnumPlayers)
}

func (o Options) limits() limits {
	l := limits{memory: o.MaxMemory, work: o.MaxWork, residues: o.residues, generic: o.generic}
	if l.memory <= 0 {
		l.memory = DefaultMaxMemory
	}
	if l.work <= 0 {
		l.work = DefaultMaxWork
	}
	return l
}

// Coleman holds Coleman's (1971) measures: a player's power to prevent action
// (its swings over the winning coalitions), to initiate action (its swings
// over the losing coalitions) and the power of the collectivity to act (the
// share of winning coalitions).
type Coleman struct {
	Prevent, Initiate []float64
	Collectivity      float64
}

// ExactResult holds the exact values of the indices that were computed.
type ExactResult struct {
	Banzhaf, Penrose, ShapleyShubik, DeeganPackel, Holler, Johnston []*big.Rat
	Prevent, Initiate                                               []*big.Rat
	Collectivity                                                    *big.Rat
}

// Result holds the indices of one game, indexed by player. Slices of indices
// that were not requested are nil. Normalized indices (Banzhaf,
// ShapleyShubik, DeeganPackel, Holler, Johnston) sum to 1.
type Result struct {
	N      int
	Method Method
	// Swings[i] is the number of coalitions without i that lose but win
	// when i joins (Banzhaf's count); nil for Monte Carlo results.
	Swings                                                          []*big.Int
	Banzhaf, Penrose, ShapleyShubik, DeeganPackel, Holler, Johnston []float64
	Coleman                                                         Coleman
	// Winning and MinimalWinning count the winning and the minimal winning
	// coalitions (nil when not computed).
	Winning, MinimalWinning *big.Int
	// Dummies lists the null players (no swing), known when swings were
	// computed exactly; Vetoes the players without whom no coalition wins.
	Dummies, Vetoes []int
	// Exact holds exact fractions when Options.Exact was set.
	Exact *ExactResult
	// MonteCarlo describes the sampling and its error bounds, if used.
	MonteCarlo *MCReport
}

// Analyze computes the requested power indices of g, choosing the fastest
// exact algorithm for the game's type (see the package documentation), or
// estimates them by sampling when opts.MonteCarlo is set.
func Analyze(g Game, opts Options) (*Result, error) {
	if g == nil || g.N() < 1 {
		return nil, ErrEmptyGame
	}
	if opts.MonteCarlo != nil || opts.Method == MethodMonteCarlo {
		mc := opts.MonteCarlo
		if mc == nil {
			mc = &MCOptions{}
		}
		return monteCarlo(g, opts.indices(), *mc)
	}
	t, method, err := computeTally(g, opts)
	if err != nil {
		return nil, err
	}
	r := finish(t, opts.indices(), opts.Exact)
	r.Method = method
	r.Vetoes = vetoes(g)
	return r, nil
}

// ShapleyShubik returns the exact Shapley-Shubik index of g as float64.
func ShapleyShubik(g Game) ([]float64, error) {
	r, err := Analyze(g, Options{Indices: ShapleyShubikIndex})
	if err != nil {
		return nil, err
	}
	return r.ShapleyShubik, nil
}

// Banzhaf returns the exact normalized Banzhaf index of g as float64.
func Banzhaf(g Game) ([]float64, error) {
	r, err := Analyze(g, Options{Indices: BanzhafIndex})
	if err != nil {
		return nil, err
	}
	return r.Banzhaf, nil
}

// computeTally runs the algorithm chosen by opts.Method or, for MethodAuto,
// the fastest exact one available for the game.
func computeTally(g Game, opts Options) (*tally, Method, error) {
	idx := opts.indices()
	switch opts.Method {
	case MethodEnumeration:
		t, err := enumerate(g, opts.maxEnum())
		return t, MethodEnumeration, err
	case MethodDP, MethodMeetInMiddle, MethodAuto:
	default:
		return nil, "", fmt.Errorf("power: unknown method %q", opts.Method)
	}
	if opts.Method == MethodMeetInMiddle && idx&(mwcIndices|JohnstonIndex) != 0 {
		return nil, "", fmt.Errorf("power: meet in the middle does not compute Deegan-Packel, Holler or Johnston")
	}
	// When the dynamic program is refused by a limit, meet in the middle is
	// tried only where it can run; otherwise the program's own limit is the
	// one to report.
	mitmFits := g.N() <= maxMITMPlayers
	switch g := g.(type) {
	case *Weighted:
		if opts.Method != MethodMeetInMiddle {
			t, err := weightedTally(g, idx, opts.limits())
			if err == nil || opts.Method == MethodDP || !errors.Is(err, ErrTooLarge) || !mitmFits || idx&(mwcIndices|JohnstonIndex) != 0 {
				return t, MethodDP, err
			}
		}
		if idx&(mwcIndices|JohnstonIndex) == 0 {
			t, err := mitmTally(thresholdOf(g), idx)
			return t, MethodMeetInMiddle, err
		}
	case *MultiWeighted:
		if th, ok := multiThreshold(g); ok && idx&(mwcIndices|JohnstonIndex) == 0 {
			if opts.Method != MethodMeetInMiddle {
				t, err := thresholdDPTally(th, idx, opts.limits())
				if err == nil || opts.Method == MethodDP || !errors.Is(err, ErrTooLarge) || !mitmFits {
					return t, MethodDP, err
				}
			}
			t, err := mitmTally(th, idx)
			return t, MethodMeetInMiddle, err
		}
	}
	if opts.Method != MethodAuto {
		return nil, "", fmt.Errorf("power: method %q is not available for this game and these indices", opts.Method)
	}
	t, err := enumerate(g, opts.maxEnum())
	return t, MethodEnumeration, err
}

// vetoes lists the players whose absence makes the grand coalition lose.
func vetoes(g Game) []int {
	if w, ok := g.(*Weighted); ok {
		// i is a veto player when the others together fall short.
		var out []int
		for i, x := range w.weights {
			if w.total-x < w.quota {
				out = append(out, i)
			}
		}
		return out
	}
	n := g.N()
	c := make([]bool, n)
	var out []int
	for i := range n {
		for j := range c {
			c[j] = j != i
		}
		if !g.Wins(c) {
			out = append(out, i)
		}
	}
	return out
}

// finish derives the indices from the raw counts.
func finish(t *tally, idx Index, exact bool) *Result {
	n := t.n
	r := &Result{N: n}
	ex := &ExactResult{}
	// each builds one fraction per player, copying those of players whose
	// counts repeat an earlier player's (t.same) instead of reducing again.
	each := func(f func(i int) *big.Rat) []*big.Rat {
		out := make([]*big.Rat, n)
		for i := range out {
			if t.same != nil && t.same[i] != i {
				out[i] = new(big.Rat).Set(out[t.same[i]])
			} else {
				out[i] = f(i)
			}
		}
		return out
	}
	total := new(big.Int).Lsh(big.NewInt(1), uint(n)) // 2^n coalitions
	if t.swings != nil {
		r.Swings = t.swings
		for i, s := range t.swings {
			if s.Sign() == 0 {
				r.Dummies = append(r.Dummies, i)
			}
		}
	}
	// One-word counts (n < 64, sums checked for carries) are reduced and
	// rounded in machine words (wordfrac.go).
	var sw64 []*big.Int // t.swings when they and their sum fit in words
	var swSum uint64
	if t.swings != nil && n < 64 && !t.generic {
		var ok bool
		if swSum, ok = words64(t.swings); ok {
			sw64 = t.swings
		}
	}
	if idx&BanzhafIndex != 0 && sw64 != nil {
		half := constant(1 << (n - 1))
		r.Banzhaf, r.Penrose = wordFloats(sw64, constant(swSum), t.same), wordFloats(sw64, half, t.same)
		if exact {
			ex.Banzhaf, ex.Penrose = wordRats(sw64, constant(swSum), t.same), wordRats(sw64, half, t.same)
		}
	} else if idx&BanzhafIndex != 0 && t.swings != nil {
		sum := sumInts(t.swings)
		half := new(big.Int).Rsh(total, 1)
		if exact {
			ex.Banzhaf = each(func(i int) *big.Rat { return safeFrac(t.swings[i], sum) })
			ex.Penrose = each(func(i int) *big.Rat { return new(big.Rat).SetFrac(t.swings[i], half) })
		} else {
			// Floats only: each ratio rounded once, no fraction reduced.
			r.Banzhaf, r.Penrose = floatsOf(t.swings, sum, t.same), floatsOf(t.swings, half, t.same)
		}
	}
	if idx&ShapleyShubikIndex != 0 && t.ssNum != nil {
		nf := factorial(n)
		if exact {
			ex.ShapleyShubik = each(func(i int) *big.Rat { return new(big.Rat).SetFrac(t.ssNum[i], nf) })
		} else {
			r.ShapleyShubik = floatsOf(t.ssNum, nf, t.same)
		}
	}
	if sum, ok := words64(t.holler); ok && idx&HollerIndex != 0 && t.holler != nil && !t.generic {
		ex.Holler = wordRats(t.holler, constant(sum), t.same)
		r.Holler = wordFloats(t.holler, constant(sum), t.same)
	} else if idx&HollerIndex != 0 && t.holler != nil {
		sum := sumInts(t.holler)
		ex.Holler = each(func(i int) *big.Rat { return safeFrac(t.holler[i], sum) })
	}
	if idx&DeeganPackelIndex != 0 && t.dpNum != nil && t.mwc != nil {
		// dp[i]/|M| = dpNum[i] / (dpDen·|M|)
		den := new(big.Int).Mul(t.dpDen, t.mwc)
		if exact {
			ex.DeeganPackel = each(func(i int) *big.Rat { return safeFrac(t.dpNum[i], den) })
		} else {
			r.DeeganPackel = floatsOf(t.dpNum, den, t.same)
		}
	} else if idx&DeeganPackelIndex != 0 && t.dp != nil && t.mwc != nil {
		for _, d := range t.dp {
			q := new(big.Rat)
			if t.mwc.Sign() > 0 {
				q.Quo(d, new(big.Rat).SetInt(t.mwc))
			}
			ex.DeeganPackel = append(ex.DeeganPackel, q)
		}
	}
	if idx&JohnstonIndex != 0 && t.johnstonNum != nil {
		// The common denominator cancels in the normalization.
		sum := sumInts(t.johnstonNum)
		if exact {
			ex.Johnston = each(func(i int) *big.Rat { return safeFrac(t.johnstonNum[i], sum) })
		} else {
			r.Johnston = floatsOf(t.johnstonNum, sum, t.same)
		}
	} else if idx&JohnstonIndex != 0 && t.johnston != nil {
		ex.Johnston = normalize(t.johnston)
	}
	if t.winning != nil {
		r.Winning = t.winning
	}
	if t.mwc != nil && idx&(mwcIndices) != 0 {
		r.MinimalWinning = t.mwc
	}
	if idx&ColemanIndices != 0 && sw64 != nil && t.winning.IsUint64() {
		win := t.winning.Uint64()
		lose := uint64(1)<<n - win
		r.Coleman = Coleman{Prevent: wordFloats(sw64, constant(win), t.same), Initiate: wordFloats(sw64, constant(lose), t.same)}
		r.Coleman.Collectivity = divRound(win, 1<<n)
		if exact {
			ex.Prevent, ex.Initiate = wordRats(sw64, constant(win), t.same), wordRats(sw64, constant(lose), t.same)
			ex.Collectivity = wordRats([]*big.Int{t.winning}, constant(1<<n), nil)[0]
		}
	} else if idx&ColemanIndices != 0 && t.swings != nil && t.winning != nil {
		losing := new(big.Int).Sub(total, t.winning)
		ex.Prevent = each(func(i int) *big.Rat { return safeFrac(t.swings[i], t.winning) })
		ex.Initiate = each(func(i int) *big.Rat { return safeFrac(t.swings[i], losing) })
		ex.Collectivity = safeFrac(t.winning, total)
		r.Coleman = Coleman{Prevent: floatsSame(ex.Prevent, t.same), Initiate: floatsSame(ex.Initiate, t.same)}
		r.Coleman.Collectivity, _ = ex.Collectivity.Float64()
	}
	if exact && sw64 == nil {
		r.Banzhaf, r.Penrose = floatsSame(ex.Banzhaf, t.same), floatsSame(ex.Penrose, t.same)
	}
	if exact {
		r.ShapleyShubik = floatsSame(ex.ShapleyShubik, t.same)
	}
	if r.Holler == nil {
		r.Holler = floatsSame(ex.Holler, t.same)
	}
	if r.DeeganPackel == nil {
		r.DeeganPackel = floatsSame(ex.DeeganPackel, t.same)
	}
	if r.Johnston == nil {
		r.Johnston = floatsSame(ex.Johnston, t.same)
	}
	if exact {
		r.Exact = ex
	}
	return r
}

// sumInts returns the sum of xs.
func sumInts(xs []*big.Int) *big.Int {
	sum := new(big.Int)
	for _, x := range xs {
		sum.Add(sum, x)
	}
	return sum
}

// floatsSame is floats, converting only the first of equal players (same
// as in tally; nil converts all).
func floatsSame(xs []*big.Rat, same []int) []float64 {
	if xs == nil {
		return nil
	}
	out := make([]float64, len(xs))
	for i, x := range xs {
		if same != nil && same[i] != i {
			out[i] = out[same[i]]
		} else {
			out[i], _ = x.Float64()
		}
	}
	return out
}

// normalize divides each value by their sum (all zero stays all zero).
func normalize(xs []*big.Rat) []*big.Rat {
	sum := new(big.Rat)
	for _, x := range xs {
		sum.Add(sum, x)
	}
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = new(big.Rat)
		if sum.Sign() != 0 {
			out[i].Quo(x, sum)
		}
	}
	return out
}

// safeFrac returns a/b, or 0 when b is 0.
func safeFrac(a, b *big.Int) *big.Rat {
	if b.Sign() == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).SetFrac(a, b)
}

// floats converts exact values to the nearest float64 values.
func floats(xs []*big.Rat) []float64 {
	if xs == nil {
		return nil
	}
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i], _ = x.Float64()
	}
	return out
}
