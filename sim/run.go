package sim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
)

// Options are how a run is carried out, as opposed to the behaviour
// (Params) it simulates.
type Options struct {
	// Years is how many years to simulate.
	Years int
	// KeepLogs keeps every pact's events and final state in the Result.
	KeepLogs bool
	// naive switches off the caches that leave the output unchanged, for
	// the benchmarks' baseline and the tests that show they are exact.
	naive bool
	// fullAssess runs the path as it was before the score-only
	// assessment, for the benchmarks' baseline: the yearly assessment
	// writes the whole health report (health.AssessPact) and every pact's
	// events are kept.
	fullAssess bool
	// slow runs the hot paths as they were before the second speed pass
	// (partner ranking with its explanation text, trust with its
	// evidence lists), for the benchmarks' baseline; the output is the
	// same.
	slow bool
}

// Result is what one run produced.
type Result struct {
	Run  int
	Rows []Row
	// Pacts holds each pact's log and final state when Options.KeepLogs
	// is set, in the order the pacts were founded.
	Pacts []PactLog
}

// PactLog is a pact's whole log and the state the run left it in.
type PactLog struct {
	Events []entente.Event
	State  *entente.PactState
}

// Row is one tidy observation: a statistic of a run in a year.
type Row struct {
	Run       int
	Year      int
	Statistic string
	Value     float64
}

// Run simulates one replication of w under p: run is the replication's
// number, and together with seed it fixes every random draw, so the same
// (seed, run) always gives the same result.
func Run(w *World, p Params, opts Options, seed uint64, run int) (*Result, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	p = p.Clone()
	for _, s := range w.Params {
		if err := p.Set(s.Name, s.Value); err != nil {
			return nil, fmt.Errorf("line %d: %w", s.Line, err)
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	r := newRunner(w, p, rand.New(rand.NewPCG(seed, uint64(run))))
	r.naive = opts.naive
	r.keepLogs = opts.KeepLogs || opts.fullAssess
	r.fullAssess = opts.fullAssess || opts.naive
	r.slow = opts.slow || opts.naive
	if err := r.foundInitial(); err != nil {
		return nil, err
	}
	res := &Result{Run: run}
	for y := 0; y < opts.Years; y++ {
		if err := r.step(w.Start + y); err != nil {
			return nil, fmt.Errorf("run %d, year %d: %w", run, w.Start+y, err)
		}
		res.Rows = append(res.Rows, r.stats.rows(run, w.Start+y)...)
	}
	if opts.KeepLogs {
		for _, sp := range r.pacts {
			res.Pacts = append(res.Pacts, PactLog{Events: sp.log, State: sp.s})
		}
	}
	return res, nil
}

// runner is one run in progress. Actors are indexed 0..n-1 in ID order;
// every loop over actors or pacts runs in a fixed order, so the random
// draws, and with them the run, depend on the seed alone.
type runner struct {
	p      Params
	w      *World
	rng    *rand.Rand
	year   int
	ids    []entente.ActorID
	index  map[entente.ActorID]int
	actors []*entente.Actor
	cap    []float64
	pos    []float64
	traj   []map[int]float64
	rivals [][]int
	contig [][]int
	// entry and exit are each actor's first and last year (0: none), and
	// present says who exists this year (Entry, Exit); states counts them.
	entry, exit []int
	present     []bool
	states      int
	// memory holds remembered militarized disputes per pair (i < j).
	memory map[[2]int]float64
	// fought holds the pairs that fought this year.
	fought map[[2]int]bool
	pacts  []*simPact
	// byID finds a pact by ID.
	byID     map[entente.PactID]*simPact
	nextPact int
	rules    map[entente.Matter]entente.RuleKind
	threat   []threatView
	reput    []float64
	stats    *yearStats
	// alive caches live(); nil after a pact was founded or dissolved.
	alive []*simPact
	// naive switches off the caches that leave the output unchanged
	// (live, members, idle): the benchmarks' and tests' reference.
	naive      bool
	fullAssess bool
	// slow is Options.slow: the hot paths as before the second speed
	// pass, for the benchmarks' baseline.
	slow bool
	// stamp marks states by the call that saw them last (newStamp).
	stamp    []uint32
	stampGen uint32
	// keepLogs keeps each pact's events (simPact.log); a sweep reads only
	// the statistics, and the states hold everything the agents read.
	keepLogs  bool
	totalCap  float64
	maxCap    float64
	commonRiv bool
}

// simPact is a pact of the run: its state, its log, and what the agents
// remember of it from year to year.
type simPact struct {
	id        entente.PactID
	s         *entente.PactState
	log       []entente.Event
	defense   bool
	delivered map[int]float64 // each member's delivery last year
	pledges   map[int]int     // this year's commitment of each member, its index in s.Commitments
	trust     *trust.Result
	// tm is trust's scores by actor index, built on first use after an
	// assessment (scores).
	tm        *trustMatrix
	health    float64
	failYears int
	ended     bool
	// window is where the record its health is assessed on starts.
	window window
	// inPact and canVote are the members bound and those who may vote,
	// as of the state after listed events (refresh).
	inPact, canVote []int
	listed          int64
	// settled is how many of the first commitments are fulfilled or
	// overdue, and decided how many of the first proposals are decided:
	// neither can come due again (idle).
	settled, decided int
}

func newRunner(w *World, p Params, rng *rand.Rand) *runner {
	ids := w.sortedActorIDs()
	n := len(ids)
	r := &runner{p: p, w: w, rng: rng, ids: ids, index: make(map[entente.ActorID]int, n),
		actors: make([]*entente.Actor, n), cap: make([]float64, n), pos: make([]float64, n),
		traj: make([]map[int]float64, n), rivals: make([][]int, n), contig: make([][]int, n),
		memory: map[[2]int]float64{}, byID: map[entente.PactID]*simPact{},
		rules: map[entente.Matter]entente.RuleKind{}, reput: make([]float64, n),
		entry: make([]int, n), exit: make([]int, n), present: make([]bool, n)}
	for i, id := range ids {
		r.index[id] = i
	}
	for _, a := range w.Actors {
		i := r.index[a.ID]
		r.cap[i], r.pos[i], r.traj[i] = a.Capability, a.Position, a.Trajectory
		r.entry[i], r.exit[i] = a.Entry, a.Exit
		name := a.Name
		if name == "" {
			name = string(a.ID)
		}
		r.actors[i] = &entente.Actor{ID: a.ID, Name: name, Kind: entente.State,
			Capabilities: map[string]float64{Military: a.Capability}}
	}
	r.rivals = r.adjacency(w.Rivals)
	r.contig = r.adjacency(w.Contiguous)
	for pr, v := range w.Disputes {
		r.memory[r.key(r.index[pr[0]], r.index[pr[1]])] = v
	}
	if p.GeneralRule != "" {
		r.rules[entente.General] = p.GeneralRule
	}
	if p.AdmitRule != "" {
		r.rules[entente.Admission] = p.AdmitRule
	}
	r.commonRiv = p.On(Threat) && p.CommonThreat > 0
	for i := range r.reput {
		r.reput[i] = trustNeutral
	}
	return r
}

// Military is the capability the simulator's actors hold and its pacts
// measure power by.
const Military = "military"

// trustNeutral is the beta model's trust with no evidence.
const trustNeutral = 0.5

func (r *runner) adjacency(pairs []Pair) [][]int {
	adj := make([][]int, len(r.ids))
	seen := map[[2]int]bool{}
	for _, pr := range pairs {
		i, j := r.index[pr[0]], r.index[pr[1]]
		k := r.key(i, j)
		if seen[k] {
			continue
		}
		seen[k] = true
		adj[i] = append(adj[i], j)
		adj[j] = append(adj[j], i)
	}
	for _, a := range adj {
		sort.Ints(a)
	}
	return adj
}

func (r *runner) key(i, j int) [2]int {
	if j < i {
		i, j = j, i
	}
	return [2]int{i, j}
}

// env is the domain's environment at t: the time and the run's actors.
func (r *runner) env(t time.Time) entente.Env {
	return entente.Env{Now: t, Actors: r.actor}
}

func (r *runner) actor(id entente.ActorID) *entente.Actor {
	if i, ok := r.index[id]; ok {
		return r.actors[i]
	}
	return nil
}

// exec runs one command on a pact through entente.Execute and keeps its
// events. Agents check what they ask for, so a refusal is a bug in the
// simulator and ends the run.
func (r *runner) exec(sp *simPact, by entente.ActorID, cmd entente.Command, at time.Time) error {
	// The run owns its pacts' states and drops the old one at once, so the
	// command runs on it in place (a refusal ends the run anyway).
	s, events, err := entente.ExecuteOwned(sp.s, by, cmd, r.env(at))
	if err != nil {
		return fmt.Errorf("pact %s: %T by %s: %w", sp.id, cmd, by, err)
	}
	sp.s = s
	r.record(sp, events)
	return nil
}

// advance records what time alone brought about in a pact by t. When
// nothing can have come due (idle), entente.Advance would record nothing
// and leave the state as it is, so it is not called.
func (r *runner) advance(sp *simPact, at time.Time) error {
	if !r.naive && r.idle(sp, at) {
		return nil
	}
	s, events, err := entente.AdvanceOwned(sp.s, r.env(at))
	if err != nil {
		return fmt.Errorf("pact %s: advance: %w", sp.id, err)
	}
	sp.s = s
	r.record(sp, events)
	return nil
}

// record keeps a pact's new events and counts what they mean for the year.
func (r *runner) record(sp *simPact, events []entente.Event) {
	if r.keepLogs {
		sp.log = append(sp.log, events...)
	}
	r.stats.events += len(events)
	for _, e := range events {
		r.stats.count(e)
	}
	if sp.s.Dissolved != nil && !sp.ended {
		sp.ended = true
		r.stats.terminations++
		r.alive = nil
	}
}

// at is a moment in the simulated year: day d (1-based) of year y.
func at(y, d int) time.Time {
	return time.Date(y, time.January, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d-1)
}

// The days of the year on which each phase acts.
const (
	dayPower    = 1
	dayRules    = 10
	dayForm     = 32
	dayPledge   = 60
	dayDeliver  = 152
	dayPropose  = 182
	dayDisputes = 213
	dayLeave    = 244
	dayDue      = 334
	dayYearEnd  = 365
)

// step simulates one year.
func (r *runner) step(y int) error {
	r.year = y
	r.stats = newYearStats()
	r.arrive(y)
	r.shiftPower(y)
	r.conflict()
	r.perceive()
	for _, ph := range []struct {
		day int
		run func(int) error
	}{{dayPower, r.depart}, {dayRules, r.changeRules}, {dayForm, r.form}, {dayForm, r.consult}, {dayPledge, r.pledge},
		{dayDeliver, r.deliver}, {dayPropose, r.propose}, {dayDisputes, r.disputes}, {dayLeave, r.leave},
		{dayYearEnd, r.yearEnd}} {
		// Agents act on the pacts as they stand on the phase's day: what
		// came due since (a notice run out, a vote closed) is recorded
		// first, so that no one acts for a member who has left.
		for _, sp := range r.live() {
			if t := at(y, ph.day); !r.idle(sp, t) {
				if err := r.advance(sp, t); err != nil {
					return err
				}
			}
		}
		if err := ph.run(y); err != nil {
			return err
		}
	}
	r.observe()
	return nil
}

// arrive marks who exists in year y: the actors that have entered and not
// yet exited.
func (r *runner) arrive(y int) {
	r.states = 0
	for i := range r.present {
		r.present[i] = r.entry[i] <= y && (r.exit[i] == 0 || y <= r.exit[i])
		if r.present[i] {
			r.states++
		}
	}
}

// depart has every actor that left the system last year give notice in
// each pact it is an active member of.
func (r *runner) depart(y int) error {
	for i, x := range r.exit {
		if x == 0 || x != y-1 {
			continue
		}
		for _, sp := range r.live() {
			if m := sp.s.Members.Get(r.ids[i]); m != nil && m.Status == entente.Active {
				if err := r.exec(sp, r.ids[i], entente.GiveNotice{}, at(y, dayPower)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// live returns the pacts not yet dissolved, in founding order. The list
// is rebuilt, as a new slice, only after a pact was founded or dissolved,
// so a caller ranging over it sees the pacts live when it started, and must
// not change it.
func (r *runner) live() []*simPact {
	if r.alive != nil && !r.naive {
		return r.alive
	}
	out := []*simPact{}
	for _, sp := range r.pacts {
		if sp.s.Dissolved == nil {
			out = append(out, sp)
		}
	}
	r.alive = out
	return out
}

// members returns the indices of a pact's members bound by it now, in ID
// order. The list is kept until the pact's next event; callers must not
// change it.
func (r *runner) members(sp *simPact) []int {
	r.refresh(sp)
	return sp.inPact
}

// others returns the indices of sp's members other than m, in ID order,
// in a new slice.
func (r *runner) others(sp *simPact, m int) []int {
	var out []int
	for _, j := range r.members(sp) {
		if j != m {
			out = append(out, j)
		}
	}
	return out
}

// voters returns the indices of the members who may vote now, in ID
// order; callers must not change the list.
func (r *runner) voters(sp *simPact) []int {
	r.refresh(sp)
	return sp.canVote
}

// refresh recomputes a pact's members and voters if an event has changed
// its state since they were last listed: a state is the fold of its
// events, so the same number of events means the same members.
func (r *runner) refresh(sp *simPact) {
	if sp.listed == sp.s.Len && sp.inPact != nil && !r.naive {
		return
	}
	sp.listed = sp.s.Len
	// New slices, never the old ones reused: a caller may be ranging over
	// the old list while the pact changes.
	sp.inPact, sp.canVote = []int{}, []int{}
	if r.slow {
		for _, id := range sp.s.InPact() {
			sp.inPact = append(sp.inPact, r.index[id])
		}
		for _, id := range sp.s.Voters() {
			sp.canVote = append(sp.canVote, r.index[id])
		}
		return
	}
	// Indices are in ID order, so sorting them sorts the IDs, as InPact
	// and Voters do, in one pass and without comparing strings.
	for id, m := range sp.s.Members.All() {
		if m.InPact() {
			sp.inPact = append(sp.inPact, r.index[id])
		}
		if m.CanVote() {
			sp.canVote = append(sp.canVote, r.index[id])
		}
	}
	slices.Sort(sp.inPact)
	slices.Sort(sp.canVote)
}

// trustMatrix holds a trust result's scores by actor index: the agents
// read trust many times between assessments, and a dense lookup by index
// costs less than hashing a pair of IDs.
type trustMatrix struct {
	at  map[int]int // actor index → row
	n   int
	v   []float64
	has []bool
}

// setTrust keeps a pact's new trust result.
func (sp *simPact) setTrust(tr *trust.Result) { sp.trust, sp.tm = tr, nil }

// score returns i's trust in j in sp's last trust result, as
// trust.Result.Score does.
func (r *runner) score(sp *simPact, i, j int) (float64, bool) {
	if sp.trust == nil {
		return 0, false
	}
	if r.naive {
		sc, ok := sp.trust.Score(r.ids[i], r.ids[j])
		return sc.Value, ok
	}
	if sp.tm == nil {
		ms := sp.trust.Members
		tm := &trustMatrix{at: make(map[int]int, len(ms)), n: len(ms), v: make([]float64, len(ms)*len(ms)), has: make([]bool, len(ms)*len(ms))}
		for a, x := range ms {
			tm.at[r.index[x]] = a
			if tab := sp.trust.Table; tab != nil && !r.slow { // Score(x, y) for every y but x
				for b := range ms {
					if b != a {
						tm.v[a*tm.n+b], tm.has[a*tm.n+b] = tab[a*tm.n+b].Value, true
					}
				}
				continue
			}
			for b, y := range ms {
				if sc, ok := sp.trust.Score(x, y); ok {
					tm.v[a*tm.n+b], tm.has[a*tm.n+b] = sc.Value, true
				}
			}
		}
		sp.tm = tm
	}
	a, ok1 := sp.tm.at[i]
	b, ok2 := sp.tm.at[j]
	if !ok1 || !ok2 || !sp.tm.has[a*sp.tm.n+b] {
		return 0, false
	}
	return sp.tm.v[a*sp.tm.n+b], true
}
