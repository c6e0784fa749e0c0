package partner

import (
	"fmt"
	"math"
	"math/bits"
	"sort"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// History is the real-world data the historical validation reads.
type History struct {
	// System lists the members of the COW state system by year
	// (system2016.csv): the states ranked, and ranked as candidates, in a
	// year.
	System []cowstate.StateYear
	// Members are ATOP's member-level rows (atop5_1m.csv): the alliances in
	// force at t and those signed after it.
	Members []atop.Member
	// Capabilities are the NMC state-years, for CINC.
	Capabilities []nmc.Record
	// Votes are the UN General Assembly roll calls; nil leaves vote
	// agreement unknown throughout.
	Votes *unvotes.Matrix
	// Covariates, when not nil, are the data of the extended model (shared
	// rivals, contiguity, capital distance, regime similarity, shared IGOs,
	// cultural distance); nil fits the base model alone.
	Covariates *Covariates
}

// MinRollCalls is the fewest roll calls two states must both have voted
// on for their vote agreement to count; below it agreement is unknown.
const MinRollCalls = 10

// world is History indexed by dense state index.
type world struct {
	codes []int       // dense index → COW code, ascending
	index map[int]int // COW code → dense index
	n     int
	// system[y] lists the dense indexes of the system members in year y.
	system map[int][]int
	// cinc[y][i] is state i's CINC in year y, NaN when unknown.
	cinc map[int][]float64
	// ix is the shared ATOP index of the member rows.
	ix *atopindex.Index
	// lastYear is the last year the ATOP index covers.
	lastYear int
}

func newWorld(h *History) (*world, error) {
	if len(h.System) == 0 || len(h.Members) == 0 || len(h.Capabilities) == 0 {
		return nil, fmt.Errorf("partner: the historical validation needs the state system, ATOP members and NMC capabilities")
	}
	w := &world{index: map[int]int{}, system: map[int][]int{}, cinc: map[int][]float64{}}
	for _, s := range h.System {
		if _, ok := w.index[s.CCode]; !ok {
			w.index[s.CCode] = -1
			w.codes = append(w.codes, s.CCode)
		}
	}
	sort.Ints(w.codes)
	for i, c := range w.codes {
		w.index[c] = i
	}
	w.n = len(w.codes)
	for _, s := range h.System {
		w.system[s.Year] = append(w.system[s.Year], w.index[s.CCode])
	}
	for y := range w.system {
		sort.Ints(w.system[y])
	}
	for _, r := range h.Capabilities {
		i, ok := w.index[r.CCode]
		if !ok {
			continue
		}
		if w.cinc[r.Year] == nil {
			w.cinc[r.Year] = nanSlice(w.n)
		}
		w.cinc[r.Year][i] = r.CINC
	}
	ix, err := atopindex.New(h.Members, atopindex.LastYear)
	if err != nil {
		return nil, fmt.Errorf("partner: %w", err)
	}
	w.ix = ix
	_, w.lastYear = ix.Span()
	return w, nil
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// capability returns state i's CINC in year y, NaN when unknown.
func (w *world) capability(y, i int) float64 {
	if c := w.cinc[y]; c != nil {
		return c[i]
	}
	return math.NaN()
}

func level(o atop.Obligation) int8 {
	return fpsim.ATOPLevel(o.Has(atop.Defense), o.Has(atop.Offense), o.Has(atop.Neutrality),
		o.Has(atop.NonAggression), o.Has(atop.Consultation))
}

// alliances holds, for each year of the run, the directed level matrix
// and which pairs are allied by defense or offense, and for each year t
// which pairs begin such a tie in t+1..t+horizon.
type alliances struct {
	levels map[int][]int8 // n×n: levels[y][a*n+b] is a's highest level toward b
	defOff map[int][]bool // n×n, symmetric
	// formed[t][a*n+b] is the ATOP id of the alliance in which a defense
	// or offense tie between a and b begins in (t, t+horizon], 0 for none
	// (symmetric); with several, the earliest to begin, then the lowest id.
	formed map[int][]int32
}

// alliances reads the ties among system states in force in each year from
// the shared ATOP index under its default reading of a year: on 31
// December (atopindex.Index.InYear). A pair begins a tie in year y when it
// shares an alliance phase with a defense or offense pledge (by either
// side) on 31 December of y and did not share that phase on 31 December
// of y − 1; a pair allied only within one year, between two year ends, is
// not seen.
func (w *world) alliances(from, to, horizon int) *alliances {
	al := &alliances{levels: map[int][]int8{}, defOff: map[int][]bool{}, formed: map[int][]int32{}}
	n := w.n
	for y := from; y <= to; y++ {
		al.levels[y] = make([]int8, n*n)
		al.defOff[y] = make([]bool, n*n)
		al.formed[y] = make([]int32, n*n)
	}
	type key struct{ ab, id, phase int }
	var prev map[key]bool
	first, last := w.ix.Span()
	for y := max(from-1, first); y <= min(to+horizon, last); y++ {
		cur := map[key]bool{}
		ties := w.ix.InYear(y)
		// the lowest ATOP id first, so that it names a pair's tie when
		// several begin in one year
		sort.SliceStable(ties, func(a, b int) bool { return ties[a].ATOPID < ties[b].ATOPID })
		for _, t := range ties {
			a, okA := w.index[t.From]
			b, okB := w.index[t.To]
			if !okA || !okB {
				continue
			}
			ab, ba := a*n+b, b*n+a
			defOff := (t.Owes|t.OwedBy)&(atop.Defense|atop.Offense) != 0
			if y >= from && y <= to {
				al.levels[y][ab] = max(al.levels[y][ab], level(t.Owes))
				if defOff {
					al.defOff[y][ab], al.defOff[y][ba] = true, true
				}
			}
			if !defOff {
				continue
			}
			k := key{ab, t.ATOPID, t.Phase}
			cur[k] = true
			if prev == nil || prev[k] {
				continue // in force the year before, or the first year read
			}
			for s := max(y-horizon, from); s <= min(y-1, to); s++ {
				if al.formed[s][ab] == 0 {
					al.formed[s][ab], al.formed[s][ba] = int32(t.ATOPID), int32(t.ATOPID)
				}
			}
		}
		prev = cur
	}
	return al
}

// yearData holds one year t's candidate pairs and their features from
// data up to t.
type yearData struct {
	year   int
	states []int     // dense indexes of the system members, ascending
	cinc   []float64 // per local state
	// Per unordered local pair (i < j), at pairIndex(i, j):
	tau    []float64 // alliance-portfolio tau-b at t
	agree  []float64 // UN-vote agreement over t−2..t (AgreeHalf), NaN if unknown
	common []uint16  // allies in common at t (any ATOP tie)
	allied []bool    // already allied by defense or offense at t: not a candidate
	label  []bool    // begins a defense or offense tie in t+1..t+horizon
	treaty []int32   // the ATOP id of that tie's alliance (alliances.formed), 0 without
	cov    *covYear  // the extended model's covariates; nil without them
}

func (d *yearData) pairIndex(i, j int) int {
	if i > j {
		i, j = j, i
	}
	m := len(d.states)
	return i*m - i*(i+1)/2 + (j - i - 1)
}

// buildYear computes year t's features.
func (w *world) buildYear(h *History, al *alliances, t int, opt fpsim.Options) (*yearData, error) {
	st := w.system[t]
	m := len(st)
	d := &yearData{year: t, states: st, cinc: make([]float64, m)}
	for i, s := range st {
		d.cinc[i] = w.capability(t, s)
	}
	np := m * (m - 1) / 2
	d.tau, d.agree, d.common = nanSlice(np), nanSlice(np), make([]uint16, np)
	d.allied, d.label, d.treaty = make([]bool, np), make([]bool, np), make([]int32, np)
	w.pairFlags(d, al)
	if err := w.portfolios(d, al, opt); err != nil {
		return nil, err
	}
	if h.Votes != nil {
		if err := voteAgreement(d, h.Votes, w.codes, opt); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// pairFlags fills allied, label and common allies.
func (w *world) pairFlags(d *yearData, al *alliances) {
	m, n := len(d.states), w.n
	words := (m + 63) / 64
	rows := make([]uint64, m*words) // any ATOP tie at t, among the system members
	lv := al.levels[d.year]
	for i, a := range d.states {
		for j, b := range d.states {
			if i != j && (lv[a*n+b] > 0 || lv[b*n+a] > 0) {
				rows[i*words+j/64] |= 1 << (j % 64)
			}
		}
	}
	for i, a := range d.states {
		for j := i + 1; j < m; j++ {
			b, p := d.states[j], d.pairIndex(i, j)
			d.allied[p] = al.defOff[d.year][a*n+b]
			d.label[p] = !d.allied[p] && al.formed[d.year][a*n+b] != 0
			if d.label[p] {
				d.treaty[p] = al.formed[d.year][a*n+b]
			}
			c := 0
			for k := 0; k < words; k++ {
				c += bits.OnesCount64(rows[i*words+k] & rows[j*words+k])
			}
			d.common[p] = uint16(c)
		}
	}
}

// portfolios fills tau-b from the year's ATOP portfolios among the system
// members.
func (w *world) portfolios(d *yearData, al *alliances, opt fpsim.Options) error {
	m, n := len(d.states), w.n
	levels := fpsim.NewLevelMatrix(m, fpsim.DefensePact)
	lv := al.levels[d.year]
	for i, a := range d.states {
		for j, b := range d.states {
			if i != j {
				levels[i*m+j] = lv[a*n+b]
			}
		}
	}
	py, err := fpsim.NewPortfolioYear(m, levels, nil, fpsim.DefensePact)
	if err != nil {
		return fmt.Errorf("partner: portfolios of %d: %w", d.year, err)
	}
	return py.Dyads(opt, func(x fpsim.PortfolioDyad) error {
		d.tau[d.pairIndex(int(x.I), int(x.J))] = x.TauB
		return nil
	})
}

// voteAgreement fills agree from the roll calls of t−2..t pooled: Lijphart's
// index of agreement (fpsim AgreeHalf) over every roll call of the three
// sessions' years both states voted yes, no or abstain on, which is the
// mean of the three years' agreement weighted by their roll calls.
func voteAgreement(d *yearData, votes *unvotes.Matrix, codes []int, opt fpsim.Options) error {
	lo, hi := -1, -1
	for y := d.year - 2; y <= d.year; y++ {
		if a, b := votes.YearRange(y); a < b {
			if lo < 0 {
				lo = a
			}
			hi = b
		}
	}
	m := len(d.states)
	if lo < 0 || m < 2 {
		return nil
	}
	calls := hi - lo
	cm := make([]int8, calls*m)
	for i := range cm {
		cm[i] = fpsim.VoteAbsent
	}
	for c, s := range d.states {
		vi, ok := votes.CountryIndex(codes[s])
		if !ok {
			continue
		}
		for r, v := range votes.Votes(vi)[lo:hi] {
			if v.Cast() {
				cm[r*m+c] = int8(v)
			}
		}
	}
	vm, err := fpsim.NewVoteMatrix(calls, m, cm)
	if err != nil {
		return fmt.Errorf("partner: votes of %d: %w", d.year, err)
	}
	return vm.Dyads(opt, func(x fpsim.VoteDyad) error {
		if x.N >= MinRollCalls {
			d.agree[d.pairIndex(int(x.I), int(x.J))] = x.AgreeHalf
		}
		return nil
	})
}
