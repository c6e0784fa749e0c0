// Package simdata builds a simulation's starting World from the real data:
// the COW state system, NMC capabilities, ATOP alliances, UN ideal points
// and the conflict data of the peacesciencer package (strategic
// rivalries, direct contiguity, militarized disputes). It reads files;
// package sim stays pure.
package simdata

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/sim"
)

// The files Load reads, relative to the data folder.
const (
	SystemFile     = "cow_state_system/system2016.csv"
	NMCFile        = "cow_nmc/NMC-60-abridged.csv"
	MembersFile    = "atop_v5.1/atop5_1m.csv"
	IdealFile      = "unga_ideal_points/IdealpointsJuly2025.csv"
	RivalriesFile  = "peacesciencer/td_rivalries.csv"
	ContiguityFile = "peacesciencer/cow_contdir.csv"
	DisputesFile   = "peacesciencer/cow_mid_ddydisps.csv"
)

// Files lists every file Load needs.
var Files = []string{SystemFile, NMCFile, MembersFile, IdealFile, RivalriesFile, ContiguityFile, DisputesFile}

// Options say what Load takes from the data.
type Options struct {
	// Year is the start year; Years the run's length, for the NMC
	// trajectories.
	Year, Years int
	// MaxContiguity is the largest COW contiguity type counted (1 land or
	// river border, 2 up to 12 miles of water, ..., 5 up to 400 miles); 0
	// means 2.
	MaxContiguity int
	// DisputeYears is how many years of militarized disputes before Year
	// are remembered, each fading by memory a year; 0 means 10.
	DisputeYears int
	Memory       float64
}

// Load builds the World of opts.Year from the data folder dir: the
// states in the COW system that year, and those entering it during the
// run's years (Entry, their first year in the system; Exit, the last year
// of their first spell in it when they leave within the run), each with
// capability CINC × 1000 from NMC 6.0 in its first year, then its NMC
// trajectory; position half the Bailey–Strezhnev–Voeten ideal point
// nearest that year, clamped to [-1, 1], 0 if unknown; the Thompson–Dreyer
// strategic rivalries and the contiguity in force in the first year both
// states exist; the militarized disputes of the years before the start;
// and the ATOP alliances in force at the start with the members and
// obligations they had.
func Load(dir string, opts Options) (*sim.World, error) {
	if opts.MaxContiguity == 0 {
		opts.MaxContiguity = 2
	}
	if opts.DisputeYears == 0 {
		opts.DisputeYears = 10
	}
	if opts.Memory == 0 {
		opts.Memory = sim.DefaultParams().DisputeMemory
	}
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	b := &builder{w: &sim.World{Start: opts.Year}, ids: map[int]entente.ActorID{}}
	steps := []func() error{
		func() error { return b.states(path(SystemFile), opts) },
		func() error { return b.capabilities(path(NMCFile), opts) },
		func() error { return b.positions(path(IdealFile)) },
		func() error { return b.rivalries(path(RivalriesFile)) },
		func() error { return b.contiguity(path(ContiguityFile), opts) },
		func() error { return b.disputes(path(DisputesFile), opts) },
		func() error { return b.alliances(path(MembersFile), opts.Year) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	b.dropUnmeasured()
	return b.w, b.w.Validate()
}

type builder struct {
	w   *sim.World
	ids map[int]entente.ActorID // ccode → actor
	at  map[int]int             // ccode → index in w.Actors
	// first is each state's first year in the run (the start, or its
	// entry into the system).
	first map[int]int
}

// states adds the states in the system in the start year or entering it
// during the run's years, in the order of their first year, then of their
// COW code.
func (b *builder) states(path string, opts Options) error {
	sys, err := cowstate.LoadSystem(path)
	if err != nil {
		return err
	}
	end := opts.Year + max(opts.Years, 1) // the first year after the run
	in := map[int]map[int]bool{}          // ccode → years in the system during the run
	abb := map[int]string{}
	for _, s := range sys {
		if s.Year < opts.Year || s.Year >= end {
			continue
		}
		if in[s.CCode] == nil {
			in[s.CCode] = map[int]bool{}
		}
		in[s.CCode][s.Year] = true
		abb[s.CCode] = s.Abb
	}
	type state struct{ ccode, entry, exit int }
	var states []state
	for c, years := range in {
		st := state{ccode: c, entry: end}
		for y := range years {
			st.entry = min(st.entry, y)
		}
		for y := st.entry; y < end && years[y]; y++ {
			st.exit = y
		}
		if st.exit == end-1 {
			st.exit = 0 // still in the system when the run ends
		}
		states = append(states, st)
	}
	sort.Slice(states, func(i, j int) bool {
		if states[i].entry != states[j].entry {
			return states[i].entry < states[j].entry
		}
		return states[i].ccode < states[j].ccode
	})
	taken := map[entente.ActorID]bool{}
	b.at, b.first = map[int]int{}, map[int]int{}
	for _, s := range states {
		id := entente.ActorID(strings.ToLower(abb[s.ccode]))
		if taken[id] || !entente.ValidID(string(id)) {
			id = entente.ActorID(fmt.Sprintf("%s-%d", strings.ToLower(abb[s.ccode]), s.ccode))
		}
		taken[id] = true
		b.ids[s.ccode] = id
		b.at[s.ccode] = len(b.w.Actors)
		b.first[s.ccode] = s.entry
		a := sim.ActorSpec{ID: id, Name: abb[s.ccode], Exit: s.exit}
		if s.entry > opts.Year {
			a.Entry = s.entry
		}
		b.w.Actors = append(b.w.Actors, a)
	}
	if len(b.w.Actors) == 0 || b.w.Actors[0].Entry != 0 {
		return fmt.Errorf("%s: no state in the system in %d", path, opts.Year)
	}
	return nil
}

func (b *builder) capabilities(path string, opts Options) error {
	recs, err := nmc.Load(path, nmc.V6)
	if err != nil {
		return err
	}
	for _, r := range recs {
		k, ok := b.at[r.CCode]
		if !ok || math.IsNaN(r.CINC) || r.CINC <= 0 || r.Year < b.first[r.CCode] || r.Year >= opts.Year+max(opts.Years, 1) {
			continue
		}
		a := &b.w.Actors[k]
		if a.Trajectory == nil {
			a.Trajectory = map[int]float64{}
		}
		a.Trajectory[r.Year] = 1000 * r.CINC
	}
	// Each state starts with its capability in its first year: a state
	// unmeasured at the start is left out (dropUnmeasured), an entrant
	// unmeasured when it enters enters in its first measured year.
	end := opts.Year + max(opts.Years, 1)
	for c, k := range b.at {
		a := &b.w.Actors[k]
		first := b.first[c]
		if first == opts.Year {
			a.Capability = a.Trajectory[first]
			continue
		}
		for y := first; y < end && (a.Exit == 0 || y <= a.Exit); y++ {
			if v, ok := a.Trajectory[y]; ok {
				a.Capability, a.Entry, b.first[c] = v, y, y
				break
			}
		}
	}
	return nil
}

// dropUnmeasured leaves out states with no capability in the start year.
func (b *builder) dropUnmeasured() {
	var kept []sim.ActorSpec
	ok := map[entente.ActorID]bool{}
	for _, a := range b.w.Actors {
		if a.Capability > 0 {
			kept = append(kept, a)
			ok[a.ID] = true
		}
	}
	b.w.Actors = kept
	keep := func(ps []sim.Pair) []sim.Pair {
		var out []sim.Pair
		for _, p := range ps {
			if ok[p[0]] && ok[p[1]] {
				out = append(out, p)
			}
		}
		return out
	}
	b.w.Rivals, b.w.Contiguous = keep(b.w.Rivals), keep(b.w.Contiguous)
	for p := range b.w.Disputes {
		if !ok[p[0]] || !ok[p[1]] {
			delete(b.w.Disputes, p)
		}
	}
	var pacts []sim.PactSpec
	for _, p := range b.w.Pacts {
		var ms []entente.ActorID
		for _, m := range p.Members {
			if ok[m] {
				ms = append(ms, m)
			}
		}
		if len(ms) >= 2 {
			p.Members = ms
			pacts = append(pacts, p)
		}
	}
	b.w.Pacts = pacts
}

func (b *builder) positions(path string) error {
	recs, err := idealpoints.Load(path)
	if err != nil {
		return err
	}
	best := map[int]idealpoints.Record{} // the year nearest the state's first with an estimate
	for _, r := range recs {
		if _, ok := b.at[r.CCode]; !ok || math.IsNaN(r.All) {
			continue
		}
		year := b.first[r.CCode]
		if old, ok := best[r.CCode]; !ok || abs(r.Year-year) < abs(old.Year-year) {
			best[r.CCode] = r
		}
	}
	for c, r := range best {
		b.w.Actors[b.at[c]].Position = math.Max(-1, math.Min(1, r.All/2))
	}
	return nil
}

func abs(x int) int { return max(x, -x) }

func (b *builder) pair(c1, c2 int) (sim.Pair, bool) {
	a, ok1 := b.ids[c1]
	c, ok2 := b.ids[c2]
	if !ok1 || !ok2 || a == c {
		return sim.Pair{}, false
	}
	return sim.MakePair(a, c), true
}

// both is the first year in which both states exist in the run.
func (b *builder) both(c1, c2 int) int { return max(b.first[c1], b.first[c2]) }

func (b *builder) rivalries(path string) error {
	seen := map[sim.Pair]bool{}
	return eachRow(path, []string{"ccode1", "ccode2", "styear", "endyear"}, func(v []int) {
		if year := b.both(v[0], v[1]); v[2] <= year && year <= v[3] {
			if p, ok := b.pair(v[0], v[1]); ok && !seen[p] {
				seen[p] = true
				b.w.Rivals = append(b.w.Rivals, p)
			}
		}
	})
}

func (b *builder) contiguity(path string, opts Options) error {
	seen := map[sim.Pair]bool{}
	return eachRow(path, []string{"ccode1", "ccode2", "conttype", "stdate", "enddate"}, func(v []int) {
		if year := b.both(v[0], v[1]); v[2] <= opts.MaxContiguity && v[3] <= year && year <= v[4] {
			if p, ok := b.pair(v[0], v[1]); ok && !seen[p] {
				seen[p] = true
				b.w.Contiguous = append(b.w.Contiguous, p)
			}
		}
	})
}

func (b *builder) disputes(path string, opts Options) error {
	b.w.Disputes = map[sim.Pair]float64{}
	seen := map[[3]int]bool{}
	return eachRow(path, []string{"ccode1", "ccode2", "year"}, func(v []int) {
		age := opts.Year - v[2]
		if age < 1 || age > opts.DisputeYears {
			return
		}
		p, ok := b.pair(v[0], v[1])
		ok = ok && b.both(v[0], v[1]) == opts.Year // states before the start
		k := [3]int{min(v[0], v[1]), max(v[0], v[1]), v[2]}
		if ok && !seen[k] { // directed rows list each dyad-year twice
			seen[k] = true
			b.w.Disputes[p] += math.Pow(opts.Memory, float64(age-1))
		}
	})
}

// alliances adds the ATOP alliances in force on 1 January of the start
// year (package dataset/atopindex, the shared reading of ATOP), each with
// its members then that are states of the run and the obligations any of
// them undertook.
func (b *builder) alliances(path string, year int) error {
	ms, err := atop.LoadMembers(path)
	if err != nil {
		return err
	}
	ix, err := atopindex.New(ms, atopindex.LastYear)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	byID := map[int]*sim.PactSpec{}
	var order []int
	day := atopindex.YearStart(year)
	for _, m := range ix.Members(day, day) {
		id, ok := b.ids[m.CCode]
		if !ok || b.first[m.CCode] != year {
			continue
		}
		p := byID[m.ATOPID]
		if p == nil {
			p = &sim.PactSpec{ID: entente.PactID(fmt.Sprintf("atop-%d", m.ATOPID)), Name: fmt.Sprintf("ATOP %d", m.ATOPID)}
			byID[m.ATOPID] = p
			order = append(order, m.ATOPID)
		}
		if !contains(p.Members, id) {
			p.Members = append(p.Members, id)
		}
		p.Obligations = mergeObligations(p.Obligations, m.Owes)
	}
	sort.Ints(order)
	for _, k := range order {
		b.w.Pacts = append(b.w.Pacts, *byID[k])
	}
	return nil
}

func contains(ids []entente.ActorID, id entente.ActorID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// mergeObligations adds ATOP obligations o to the domain's list.
func mergeObligations(have []entente.Obligation, o atop.Obligation) []entente.Obligation {
	for _, m := range []struct {
		a atop.Obligation
		e entente.Obligation
	}{{atop.Defense, entente.Defense}, {atop.Offense, entente.Offense}, {atop.Neutrality, entente.Neutrality},
		{atop.NonAggression, entente.NonAggression}, {atop.Consultation, entente.Consultation}} {
		if o.Has(m.a) && !slicesContains(have, m.e) {
			have = append(have, m.e)
		}
	}
	return have
}

func slicesContains(s []entente.Obligation, o entente.Obligation) bool {
	for _, x := range s {
		if x == o {
			return true
		}
	}
	return false
}

// eachRow reads a CSV file with a header and calls fn with the named
// columns as integers (dates YYYY-MM-DD give their year); rows with an
// empty or unreadable value in them are an error naming the line, except
// an empty end, which reads as open (9999).
func eachRow(path string, cols []string, fn func([]int)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: reading the header: %w", path, err)
	}
	idx := make([]int, len(cols))
	for k, c := range cols {
		idx[k] = -1
		for i, h := range head {
			if h == c {
				idx[k] = i
			}
		}
		if idx[k] < 0 {
			return fmt.Errorf("%s: no column %q in the header", path, c)
		}
	}
	v := make([]int, len(cols))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for k, i := range idx {
			if v[k], err = intOrYear(rec[i], cols[k]); err != nil {
				line, _ := cr.FieldPos(i)
				return fmt.Errorf("%s:%d: %s: %w", path, line, cols[k], err)
			}
		}
		fn(v)
	}
}

func intOrYear(s, col string) (int, error) {
	if s == "" && (col == "endyear" || col == "enddate") {
		return 9999, nil
	}
	if len(s) == 10 && s[4] == '-' {
		s = s[:4]
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("expected a whole number or a date, got %q", s)
	}
	return n, nil
}
