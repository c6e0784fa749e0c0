package landscape

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Limits of exhaustive search.
const (
	// MaxExhaustive is the most actors Exhaustive accepts: 2^(n−1)
	// configurations, about 2^31 at the limit.
	MaxExhaustive = 32
	// MaxExactBasins is the most actors for which Exhaustive computes basins
	// exactly: it keeps one 1-byte label per configuration (512 MiB at 30
	// actors). With more than 128 or 32,768 minima the labels are copied to
	// 2 or 4 bytes while resolving, so the peak at 30 actors is 1.5 or
	// 2.5 GiB, within the 4 GiB the other exact methods default to. Beyond
	// it basins are estimated from seeded descents.
	MaxExactBasins = 30
	// AutoExhaustive is the most actors for which Analyze searches
	// exhaustively; above it, it uses local search with restarts.
	AutoExhaustive = 26
	// DefaultMaxMinima bounds the number of local minima kept when
	// Options.MaxMinima is zero.
	DefaultMaxMinima = 100000
	// refreshEvery is how many incremental steps pass between direct
	// recomputations of the fields, bounding accumulated rounding.
	refreshEvery = 1 << 10
)

// ErrTooManyMinima is returned when a search finds more local minima than
// Options.MaxMinima: the landscape is flat or nearly so (e.g. zero
// propensities make every configuration a minimum).
var ErrTooManyMinima = errors.New("landscape: too many local minima")

// Options controls Exhaustive, Search and Analyze. The zero value is
// usable.
type Options struct {
	// Restarts is the number of random starting configurations of local
	// search, and of sampled descents used to estimate basins when
	// exhaustive search is too large for exact basins; default 1000.
	Restarts int
	// Seed seeds every random choice; equal seeds give equal results.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS. Results do
	// not depend on it.
	Workers int
	// NoBasins skips basin computation in exhaustive search (faster, and
	// no memory per configuration).
	NoBasins bool
	// MaxMinima bounds the number of local minima; DefaultMaxMinima when 0.
	MaxMinima int
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (o Options) restarts() int {
	if o.Restarts > 0 {
		return o.Restarts
	}
	return 1000
}

func (o Options) maxMinima() int {
	if o.MaxMinima > 0 {
		return o.MaxMinima
	}
	return DefaultMaxMinima
}

// Method names how a Result was obtained.
type Method string

// The methods.
const (
	MethodExhaustive Method = "exhaustive"
	MethodSearch     Method = "search"
)

// Minimum is a local minimum of the energy: no single actor can lower the
// energy by changing sides.
type Minimum struct {
	Config Config  `json:"config"` // canonical: actor 0 in bloc A
	Energy float64 `json:"energy"` // E(Config), computed directly
	// Basin is the number of configurations whose steepest descent ends
	// here: exact when Result.BasinsExact, otherwise Share·2^(n−1)
	// estimated from sampled descents; 0 when basins were not asked for.
	Basin float64 `json:"basin"`
	// Share is Basin as a fraction of all 2^(n−1) configurations.
	Share float64 `json:"share"`
	// Hits is the number of sampled descents (restarts) that ended here; 0
	// when basins are exact.
	Hits int `json:"hits,omitempty"`
}

// Result lists the local minima found, lowest energy first (ties by
// configuration); there is always at least one.
type Result struct {
	N              int       `json:"n"`              // number of actors
	Configurations uint64    `json:"configurations"` // 2^(n−1)
	Method         Method    `json:"method"`         // how the minima were found
	Minima         []Minimum `json:"minima"`         // lowest energy first
	// Complete is true when every local minimum is listed (exhaustive
	// search); local search lists only the minima its restarts reached.
	Complete bool `json:"complete"`
	// BasinsExact is true when basin sizes are exact counts.
	BasinsExact bool `json:"basins_exact"`
	// Restarts is the number of random descents behind estimated basins
	// (or behind the minima, for local search).
	Restarts int `json:"restarts,omitempty"`
}

// Global returns the lowest-energy minimum found: the global minimum when
// Complete.
func (r *Result) Global() Minimum { return r.Minima[0] }

// Analyze finds the local minima of s: exhaustively when n ≤
// AutoExhaustive, otherwise by local search with restarts.
func (s *System) Analyze(opt Options) (*Result, error) {
	if s.n <= AutoExhaustive {
		return s.Exhaustive(opt)
	}
	return s.Search(opt)
}

// Exhaustive visits all 2^(n−1) configurations (actor 0 fixed in bloc A)
// in Gray-code order, so that consecutive configurations differ by one
// actor and its fields update in O(n); it lists every local minimum and,
// unless opt.NoBasins, its basin under deterministic steepest descent:
// exact for n ≤ MaxExactBasins, estimated from opt.Restarts seeded descents
// beyond. The Gray sequence is split into chunks searched in parallel.
func (s *System) Exhaustive(opt Options) (*Result, error) {
	if s.n > MaxExhaustive {
		return nil, fmt.Errorf("landscape: exhaustive search takes at most %d actors, got %d", MaxExhaustive, s.n)
	}
	exact := !opt.NoBasins && s.n <= MaxExactBasins
	var labels []uint8
	if exact {
		labels = make([]uint8, s.Configurations())
	}
	found, err := s.sweep(opt, labels)
	if err != nil {
		return nil, err
	}
	res := &Result{N: s.n, Configurations: s.Configurations(), Method: MethodExhaustive, Minima: found, Complete: true}
	switch {
	case exact:
		if err := s.exactBasins(labels, res.Minima); err != nil {
			return nil, err
		}
		res.BasinsExact = true
	case !opt.NoBasins:
		res.Restarts = opt.restarts()
		s.sampleBasins(opt, res.Minima)
	}
	s.finish(res)
	return res, nil
}

// finish computes the minima's energies directly and sorts them.
func (s *System) finish(res *Result) {
	for i := range res.Minima {
		res.Minima[i].Energy = s.Energy(res.Minima[i].Config)
	}
	slices.SortFunc(res.Minima, func(a, b Minimum) int {
		if c := cmp.Compare(a.Energy, b.Energy); c != 0 {
			return c
		}
		return cmp.Compare(a.Config, b.Config)
	})
}

// chunkCount splits the 2^(n−1) Gray steps into equal power-of-two chunks:
// enough to balance the workers, few enough that loading each chunk's
// first configuration (O(n²)) costs nothing.
func chunkCount(n int) uint64 {
	return 1 << uint(min(n-1, 8))
}

// sweep runs the Gray-code search. It returns the local minima in order of
// configuration. When labels is not nil it records, per canonical index,
// the steepest-descent move (actor+1) or 0 for a minimum.
func (s *System) sweep(opt Options, labels []uint8) ([]Minimum, error) {
	chunks := chunkCount(s.n)
	per := s.Configurations() / chunks
	found := make([][]Config, chunks)
	limit := opt.maxMinima()
	var next atomic.Uint64
	var total atomic.Int64
	var wg sync.WaitGroup
	for range min(uint64(opt.workers()), chunks) {
		wg.Go(func() {
			f := newFields(s)
			for c := next.Add(1) - 1; c < chunks; c = next.Add(1) - 1 {
				found[c] = s.sweepChunk(f, c*per, (c+1)*per, labels, limit)
				if total.Add(int64(len(found[c]))) > int64(limit) {
					return
				}
			}
		})
	}
	wg.Wait()
	if total.Load() > int64(limit) {
		return nil, fmt.Errorf("%w: more than %d (raise Options.MaxMinima)", ErrTooManyMinima, limit)
	}
	var minima []Minimum
	for _, cs := range found {
		for _, c := range cs {
			minima = append(minima, Minimum{Config: c})
		}
	}
	slices.SortFunc(minima, func(a, b Minimum) int { return cmp.Compare(a.Config, b.Config) })
	return minima, nil
}

// sweepChunk searches Gray steps t in [t0, t1): step t is configuration
// index g = t ^ (t >> 1) (actor i+1 in bloc B when bit i of g is set), and
// step t differs from step t−1 by actor trailing-zeros(t)+1. It stops
// collecting after limit+1 minima. With labels it records each
// configuration's steepest move: the first actor within tol/2 of
// m = min_j x_j·L_j (bestFrom), or 0 at a minimum (m ≥ −tol/2).
//
// The steps are taken in blocks of refreshEvery: each block starts by
// loading its first configuration directly (discarding the rounding the
// incremental updates accumulate), then flips one actor per step. Inside
// a block only the fields L_j and the sign bits sx_j of x_j change; x_j·L_j
// is L_j with its sign bit XORed with sx_j, exactly as the product. The
// energy, which the sweep never reads, is not updated (load recomputes
// it). The steps run in sweepUntilMin and sweepLabelsUntilMin, which
// return at each minimum, so that their loops carry nothing else and keep
// their registers. These are the decisions of flip and bestFrom, operation for operation, so
// minima and labels are the same bit for bit: exhaustive_ref_test.go keeps
// the former sweep and checks it.
func (s *System) sweepChunk(f *fields, t0, t1 uint64, labels []uint8, limit int) []Config {
	var minima []Config
	n := f.n
	w, l := f.w[:n*n], f.l[:n]
	sx := make([]uint64, n)
	half := s.tol / 2
	for b := t0; b < t1; b += refreshEvery {
		cfg := Config(b^b>>1) << 1
		f.load(cfg)
		for j, v := range f.x[:n] {
			sx[j] = math.Float64bits(v) & signBit
		}
		switch m := f.minSat(); {
		case m >= -half:
			minima = appendMin(minima, cfg, limit)
			if labels != nil {
				labels[cfg>>1] = 0
			}
		case labels != nil:
			labels[cfg>>1] = firstBelow(l, sx, m+half)
		}
		end := min(b+refreshEvery, t1)
		for t := b + 1; t < end; t++ {
			if labels != nil {
				t = sweepLabelsUntilMin(t, end, w, l, sx, half, labels)
			} else {
				t = sweepUntilMin(t, end, w, l, sx, half)
			}
			if t < end {
				minima = appendMin(minima, Config(t^t>>1)<<1, limit)
			}
		}
	}
	return minima
}

// sweepUntilMin takes the Gray steps t0, t0+1, … before t1, the fields l
// and signs sx being those of step t0−1, and returns the first step whose
// configuration is a local minimum, or t1. Minima are rare, so the loop
// carries nothing else: the flip's loop keeps its registers.
//
//go:noinline
func sweepUntilMin(t0, t1 uint64, w, l []float64, sx []uint64, half float64) uint64 {
	n := len(l)
	for t := t0; t < t1; t++ {
		k := bits.TrailingZeros64(t) + 1
		sx[k] ^= signBit
		c := twoX(sx[k])
		row := w[k*n : k*n+n]
		l, sx := l[:len(row)], sx[:len(row)]
		var mb uint64
		for j, w := range row {
			v := l[j] + c*w
			l[j] = v
			mb = max(mb, math.Float64bits(v)^sx[j])
		}
		if mb&signBit == 0 || math.Float64frombits(mb) >= -half {
			return t
		}
	}
	return t1
}

// sweepLabelsUntilMin is sweepUntilMin recording each configuration's
// label, its steepest move (flipLabel), on the way; the minimum it stops
// at is labelled 0.
//
//go:noinline
func sweepLabelsUntilMin(t0, t1 uint64, w, l []float64, sx []uint64, half float64, labels []uint8) uint64 {
	n := len(l)
	for t := t0; t < t1; t++ {
		k := bits.TrailingZeros64(t) + 1
		sx[k] ^= signBit
		label, isMin := flipLabel(w[k*n:k*n+n], l, sx, twoX(sx[k]), half)
		labels[t^t>>1] = label
		if isMin {
			return t
		}
	}
	return t1
}

// flipLabel adds c·row to the fields l, as flipMaxBits, and applies the
// steepest-descent rule of bestFrom to the new fields: it returns the
// label of the configuration (the first j with x_j·L_j ≤ m + tol/2, plus
// one) and whether it is a local minimum (m ≥ −tol/2, label 0). Kept out
// of its caller so that its two loops have the registers to themselves.
//
//go:noinline
func flipLabel(row, l []float64, sx []uint64, c, half float64) (uint8, bool) {
	l, sx = l[:len(row)], sx[:len(row)]
	var mb uint64
	for j, w := range row {
		v := l[j] + c*w
		l[j] = v
		mb = max(mb, math.Float64bits(v)^sx[j])
	}
	m := math.Float64frombits(mb)
	if mb&signBit == 0 || m >= -half {
		return 0, true
	}
	return firstBelow(l, sx, m+half), false
}

// firstBelow returns the first j with x_j·L_j ≤ th, plus one, or 0 if
// there is none (as bestFrom's −1), x_j's sign bits being sx. It tests
// !(x_j·L_j > th), as the sweep always has: the same for every th but NaN,
// where it returns 1.
func firstBelow(l []float64, sx []uint64, th float64) uint8 {
	sx = sx[:len(l)]
	for j, v := range l {
		if !(math.Float64frombits(math.Float64bits(v)^sx[j]) > th) {
			return uint8(j + 1)
		}
	}
	return 0
}

// signBit is the sign bit of a float64.
const signBit = 1 << 63

// twoX is 2·x_k for the sign bit sx of x_k: ±2, the factor of row k in the
// update of the fields.
func twoX(sx uint64) float64 { return math.Float64frombits(math.Float64bits(2) | sx) }

// appendMin appends a minimum unless more than limit are already listed.
func appendMin(minima []Config, c Config, limit int) []Config {
	if len(minima) <= limit {
		minima = append(minima, c)
	}
	return minima
}

// exactBasins turns the per-configuration moves in labels (actor+1, or 0
// at a minimum; at most MaxExhaustive, so a byte each) into basin sizes.
// Resolving writes each configuration's minimum into its label: in the
// bytes themselves when there are at most 128 minima (the usual case), else
// in a copy widened to 2 or 4 bytes per configuration.
func (s *System) exactBasins(labels []uint8, minima []Minimum) error {
	var counts []float64
	var err error
	switch {
	case len(minima) <= 1<<7:
		counts, err = resolve(labels, minima, s.n)
	case len(minima) <= 1<<15:
		counts, err = resolve(widen[uint16](labels), minima, s.n)
	default:
		counts, err = resolve(widen[uint32](labels), minima, s.n)
	}
	if err != nil {
		return err
	}
	total := float64(len(labels))
	for i := range minima {
		minima[i].Basin, minima[i].Share = counts[i], counts[i]/total
	}
	return nil
}

// label is the type of a configuration's label while basins are resolved.
type label interface{ uint8 | uint16 | uint32 }

// widen copies byte labels into wider ones.
func widen[T label](labels []uint8) []T {
	wide := make([]T, len(labels))
	for i, l := range labels {
		wide[i] = T(l)
	}
	return wide
}

// resolve counts every minimum's basin from the moves in labels. The top
// bit of a label marks it resolved: the rest is then the index of its
// minimum in minima, so T must hold len(minima)−1 below its top bit. It
// follows each configuration's moves until it meets a resolved
// configuration, then walks the same path again labelling it with that
// minimum, so that every configuration is walked once. The second walk
// reads labels the first has just brought into the cache, which costs
// less than keeping the path.
//
// A descent lowers the energy at every move, so no path is longer than
// the number of configurations; a longer one means the moves form a cycle
// (a wrong label), reported as an error instead of looping for ever.
func resolve[T label](labels []T, minima []Minimum, n int) ([]float64, error) {
	resolved := ^(^T(0) >> 1)
	counts := make([]float64, len(minima))
	for i, m := range minima {
		labels[m.Config>>1] = resolved | T(i)
		counts[i] = 1
	}
	// move[label] is the index change of the move a label holds:
	// flipIndex(g, label−1, n) = g ^ move[label].
	var move [64]uint64
	move[1] = uint64(len(labels)) - 1
	for k := 1; k < n; k++ {
		move[k+1] = 1 << (k - 1)
	}
	limit := len(labels)
	for g, lab := range labels {
		if lab&resolved != 0 {
			continue
		}
		cur, steps := uint64(g), 0
		for lab&resolved == 0 {
			cur ^= move[lab&63]
			lab = labels[cur]
			if steps++; steps > limit {
				return nil, fmt.Errorf("landscape: steepest descent from configuration %s does not end after %d moves: the moves recorded by the sweep form a cycle", Config(g<<1).Format(n), limit)
			}
		}
		root := lab
		cur = uint64(g)
		for lab = labels[cur]; lab&resolved == 0; lab = labels[cur] {
			labels[cur] = root
			cur ^= move[lab&63]
		}
		counts[root&^resolved] += float64(steps)
	}
	return counts, nil
}

// Walk calls fn with every configuration (actor 0 in bloc A) and its
// energy, in Gray-code order, updating the energy incrementally as
// Exhaustive does; it stops early when fn returns false.
func (s *System) Walk(fn func(c Config, energy float64) bool) {
	f := newFields(s)
	f.load(0)
	for t := uint64(0); ; {
		if !fn(f.cfg, f.e) {
			return
		}
		t++
		if t == s.Configurations() {
			return
		}
		k := bits.TrailingZeros64(t) + 1
		if t%refreshEvery == 0 {
			f.load(f.cfg ^ 1<<uint(k))
			continue
		}
		f.flip(k)
	}
}
