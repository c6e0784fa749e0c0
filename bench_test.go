package entente_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cputime"
	"github.com/google/go-cmp/cmp"
)

// benchEvents is the size of the log the replay benchmarks fold.
const benchEvents = 100_000

// benchLog is a realistic pact log, built once per process by running
// commands through Execute and Advance, and its canonical bytes.
type benchLog struct {
	events  []entente.Event
	encoded [][]byte
	bytes   int64
	actors  map[entente.ActorID]*entente.Actor
	built   time.Duration
	refused int // commands the simulation tried that were refused
}

var (
	benchOnce sync.Once
	benchData *benchLog
	benchErr  error
)

// loadBenchLog returns the shared 100k-event log, building it on first use.
func loadBenchLog(b *testing.B) *benchLog {
	b.Helper()
	benchOnce.Do(func() {
		start := time.Now()
		benchData, benchErr = buildBenchLog(benchEvents)
		if benchData != nil {
			benchData.built = time.Since(start)
		}
	})
	if benchErr != nil {
		b.Fatalf("building the benchmark log: %v", benchErr)
	}
	return benchData
}

// benchSim is a pact with 40 registered actors living through simulated
// months: members pledge and deliver, propose and vote, outsiders ask to
// join, members give notice, quarrel and settle, and the clock moves on
// with Advance recording what falls due.
//
// Every event comes from the domain's own command code. Commands run
// through ExecuteInPlace (the same code on the state itself,
// bench_export_test.go; it dates from when Execute's fork copied every
// record pointer, which made building the log quadratic), and every
// verifyEvery-th step also through Execute and Advance on the same state,
// which must return the same events.
type benchSim struct {
	rng     *rand.Rand
	actors  map[entente.ActorID]*entente.Actor
	ids     []entente.ActorID
	state   *entente.PactState
	log     []entente.Event
	now     time.Time
	steps   int
	refused int
	// Indexes kept from the events, so that picking a target does not scan
	// the whole state.
	openProposals   []string
	openCommitments map[entente.ActorID][]string
	openDisputes    []string
}

// verifyEvery is how often a step is checked against Execute or Advance.
const verifyEvery = 1000

func (s *benchSim) env() entente.Env {
	return entente.Env{Now: s.now, Actors: func(id entente.ActorID) *entente.Actor { return s.actors[id] }}
}

func buildBenchLog(n int) (*benchLog, error) {
	s := &benchSim{
		rng:             rand.New(rand.NewPCG(2026, 1)),
		actors:          map[entente.ActorID]*entente.Actor{},
		now:             t0,
		openCommitments: map[entente.ActorID][]string{},
	}
	for i := 1; i <= 40; i++ {
		id := entente.ActorID(fmt.Sprintf("m%02d", i))
		s.actors[id] = &entente.Actor{ID: id, Name: string(id), Kind: entente.Firm,
			Capabilities: map[string]float64{"economic": float64(10 + s.rng.IntN(990))}}
		s.ids = append(s.ids, id)
	}
	pact := entente.Pact{ID: "bench", Name: "Benchmark coalition", Kind: entente.Coalition,
		Purposes: []entente.Purpose{entente.Economic, entente.Knowledge},
		Duration: entente.Duration{Kind: entente.Permanent},
		Agreement: entente.Agreement{
			Join: entente.JoinConsent,
			Rules: map[entente.Matter]entente.DecisionRule{
				entente.General:   {Kind: entente.SimpleMajority, Window: entente.Days(3)},
				entente.Budget:    {Kind: entente.Weighted, Threshold: 0.5, WeightBy: "contributions:eur", Window: entente.Days(5)},
				entente.Admission: {Kind: entente.QualifiedMajority, Threshold: 0.6, Window: entente.Days(3)},
			},
			Exit:     entente.ExitClause{Notice: entente.Days(14)},
			Disputes: entente.DisputeLadder{Negotiation: entente.Days(7), Mediation: entente.Days(14), Arbitration: entente.Days(30)},
		},
	}
	founded, events, err := entente.Execute(nil, s.ids[0], entente.FoundPact{Pact: pact, Founders: s.ids[:12]}, s.env())
	if err != nil {
		return nil, err
	}
	s.take(founded, events)
	for len(s.log) < n {
		s.now = s.now.Add(time.Duration(1+s.rng.IntN(6)) * time.Hour)
		if err := s.do("", nil); err != nil {
			return nil, err
		}
		for range 1 + s.rng.IntN(6) {
			if err := s.step(); err != nil {
				return nil, err
			}
		}
		if s.state.Dissolved != nil {
			return nil, fmt.Errorf("the benchmark pact dissolved after %d events", len(s.log))
		}
	}
	// The log must replay to the state the commands built.
	replayed, err := entente.Fold(s.log)
	if err != nil {
		return nil, fmt.Errorf("the benchmark log does not replay: %w", err)
	}
	if diff := cmp.Diff(s.state, replayed); diff != "" {
		return nil, fmt.Errorf("the benchmark log replays to another state (-built +replayed):\n%s", diff)
	}
	l := &benchLog{events: s.log[:n], actors: s.actors, refused: s.refused}
	for _, e := range l.events {
		b, err := entente.EncodeEvent(e)
		if err != nil {
			return nil, err
		}
		l.encoded = append(l.encoded, b)
		l.bytes += int64(len(b))
	}
	return l, nil
}

// do runs a command (or, for a nil cmd, Advance) in place. A refusal is
// counted; an internal error, or a difference from what Execute or Advance
// return on a checked step, ends the build.
func (s *benchSim) do(by entente.ActorID, cmd entente.Command) error {
	var want []entente.Event
	var wantErr error
	s.steps++
	check := s.steps%verifyEvery == 0
	if check {
		if cmd == nil {
			_, want, wantErr = entente.Advance(s.state, s.env())
		} else {
			_, want, wantErr = entente.Execute(s.state, by, cmd, s.env())
		}
	}
	events, err := entente.ExecuteInPlace(s.state, by, cmd, s.env())
	if check && (entente.ErrorCode(err) != entente.ErrorCode(wantErr) || (err == nil && !cmp.Equal(want, events))) {
		return fmt.Errorf("step %d, %s %T%+v: in place %v %s, but Execute/Advance %v:\n%s",
			s.steps, by, cmd, cmd, err, eventTypes(events), wantErr, cmp.Diff(want, events))
	}
	s.take(s.state, events)
	if err != nil {
		if entente.ErrorCode(err) == entente.EINTERNAL {
			return fmt.Errorf("%s %T: %w", by, cmd, err)
		}
		s.refused++
	}
	return nil
}

// take appends events and keeps the indexes up to date.
func (s *benchSim) take(next *entente.PactState, events []entente.Event) {
	s.state = next
	s.log = append(s.log, events...)
	for _, e := range events {
		switch d := e.Data.(type) {
		case entente.ProposalOpened:
			s.openProposals = append(s.openProposals, d.Proposal.ID)
		case entente.ProposalDecided:
			s.openProposals = remove(s.openProposals, d.Proposal)
		case entente.CommitmentMade:
			c := d.Commitment
			s.openCommitments[c.Member] = append(s.openCommitments[c.Member], c.ID)
		case entente.ContributionMade:
			if k := d.Contribution; k.Commitment != "" {
				if c := s.state.Commitment(k.Commitment); c.Status() == entente.Fulfilled {
					s.openCommitments[c.Member] = remove(s.openCommitments[c.Member], c.ID)
				}
			}
		case entente.DisputeOpened:
			s.openDisputes = append(s.openDisputes, d.Dispute.ID)
		case entente.DisputeResolved:
			s.openDisputes = remove(s.openDisputes, d.Dispute)
		}
	}
}

func remove(ids []string, id string) []string {
	for i, v := range ids {
		if v == id {
			return append(ids[:i], ids[i+1:]...)
		}
	}
	return ids
}

// step runs one command chosen the way a busy pact's traffic goes: mostly
// deliveries and votes, some pledges and proposals, few joins, exits and
// disputes.
func (s *benchSim) step() error {
	members := s.state.InPact()
	if len(members) == 0 {
		return fmt.Errorf("the benchmark pact has no members left after %d events", len(s.log))
	}
	member := members[s.rng.IntN(len(members))]
	switch r := s.rng.IntN(1000); {
	case r < 330: // a delivery, against an open commitment when there is one
		if open := s.openCommitments[member]; len(open) > 0 {
			c := s.state.Commitment(open[s.rng.IntN(len(open))])
			amount := c.Amount - c.Delivered
			if s.rng.IntN(3) > 0 {
				amount = float64(1 + s.rng.IntN(int(c.Amount/2)+1))
			}
			return s.do(member, entente.Contribute{Commitment: c.ID, Amount: amount})
		}
		return s.do(member, entente.Contribute{Resource: "eur", Amount: float64(1 + s.rng.IntN(500))})
	case r < 450:
		resource := []string{"eur", "eur", "staff_months", "compute_hours"}[s.rng.IntN(4)]
		return s.do(member, entente.Pledge{Resource: resource, Amount: float64(10 + s.rng.IntN(990)),
			Due: s.now.Add(time.Duration(7+s.rng.IntN(60)) * entente.Day)})
	case r < 760: // a vote on an open proposal by someone who has not voted
		if len(s.openProposals) == 0 {
			return nil
		}
		p := s.state.Proposal(s.openProposals[s.rng.IntN(len(s.openProposals))])
		for range 4 {
			voter := p.Electorate[s.rng.IntN(len(p.Electorate))]
			if voted := p.Votes.Has(voter); voted || !s.state.Members.Get(voter).CanVote() {
				continue
			}
			choice := []entente.Choice{entente.Yes, entente.Yes, entente.Yes, entente.No, entente.No, entente.Abstain}[s.rng.IntN(6)]
			if p.Matter == entente.Admission && s.rng.IntN(4) > 0 {
				choice = entente.Yes // most outsiders who ask are welcome
			}
			return s.do(voter, entente.CastVote{Proposal: p.ID, Choice: choice})
		}
		return nil
	case r < 820:
		matter := []entente.Matter{entente.General, entente.General, entente.Budget}[s.rng.IntN(3)]
		return s.do(member, entente.Propose{Matter: matter, Title: fmt.Sprintf("%s question %d", matter, s.state.Proposals.Len()+1)})
	case r < 850: // an outsider asks to join
		var outsiders []entente.ActorID
		for _, id := range s.ids {
			if m := s.state.Members.Get(id); m == nil || m.Status == entente.Former || m.Status == entente.Refused {
				outsiders = append(outsiders, id)
			}
		}
		if len(outsiders) == 0 {
			return nil
		}
		return s.do(outsiders[s.rng.IntN(len(outsiders))], entente.RequestJoin{})
	case r < 860:
		if len(members) < 10 {
			return nil
		}
		return s.do(member, entente.GiveNotice{})
	case r < 890:
		other := members[s.rng.IntN(len(members))]
		if other == member {
			return nil
		}
		return s.do(member, entente.RaiseDispute{Against: []entente.ActorID{other}, Subject: "late delivery"})
	case r < 920:
		if len(s.openDisputes) == 0 {
			return nil
		}
		d := s.state.Dispute(s.openDisputes[s.rng.IntN(len(s.openDisputes))])
		party := d.Parties[s.rng.IntN(len(d.Parties))]
		if s.rng.IntN(3) == 0 {
			return s.do(party, entente.EscalateDispute{Dispute: d.ID})
		}
		return s.do(party, entente.ResolveDispute{Dispute: d.ID, Outcome: "settled"})
	case r < 940:
		return s.do(member, entente.SetObjective{Metric: "members_reached", Target: 1e6, Deadline: s.now.Add(365 * entente.Day)})
	default:
		if s.state.Objectives.Len() == 0 {
			return nil
		}
		o := s.state.Objectives.At(s.rng.IntN(s.state.Objectives.Len()))
		return s.do(member, entente.ReportProgress{Objective: o.ID, Value: o.Progress + float64(s.rng.IntN(1000))})
	}
}

// BenchmarkFold100k replays a 100,000-event log: from events already in
// memory, and from their canonical bytes (decode each entry and fold it,
// as the ledger does when it opens a log).
func BenchmarkFold100k(b *testing.B) {
	l := loadBenchLog(b)
	b.Logf("log: %d events, %.1f MB, built through Execute in %s (%d commands refused)",
		len(l.events), float64(l.bytes)/1e6, l.built.Round(time.Millisecond), l.refused)
	decoded := make([]entente.Event, len(l.events))
	for i, raw := range l.encoded {
		e, err := entente.DecodeEvent(raw)
		if err != nil {
			b.Fatal(err)
		}
		decoded[i] = e
	}
	b.Run("events", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			s, err := entente.Fold(decoded)
			if err != nil || s.Len != int64(len(decoded)) {
				b.Fatalf("fold: %v", err)
			}
			n++
		}
		reportEventsPerSecond(b, n*len(decoded))
	})
	// A reader's view (FoldReadable, for the pages of a reader who may
	// not read every entry): every entry readable (the cost of forking
	// before each event, against "events"), and one in 50 hidden, with
	// what builds on it.
	for _, v := range []struct {
		name string
		read func(entente.Event) bool
	}{
		{"readable_all", func(entente.Event) bool { return true }},
		{"readable_2pct_hidden", func(e entente.Event) bool { return e.Seq%50 != 7 }},
	} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				s, _, err := entente.FoldReadable(decoded, v.read)
				if err != nil || s.Len != int64(len(decoded)) {
					b.Fatalf("fold: %v", err)
				}
				n++
			}
			reportEventsPerSecond(b, n*len(decoded))
		})
	}
	b.Run("events_old", func(b *testing.B) { // the fold before Lists and indexes (ref_test.go)
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			if _, err := entente.RefFold(decoded); err != nil {
				b.Fatalf("fold: %v", err)
			}
			n++
		}
		reportEventsPerSecond(b, n*len(decoded))
	})
	b.Run("bytes", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(l.bytes)
		n := 0
		for b.Loop() {
			s := &entente.PactState{}
			for _, raw := range l.encoded {
				e, err := entente.DecodeEvent(raw)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Apply(e); err != nil {
					b.Fatal(err)
				}
			}
			n++
		}
		reportEventsPerSecond(b, n*len(l.encoded))
	})
}

func reportEventsPerSecond(b *testing.B, events int) {
	b.Helper()
	if secs := b.Elapsed().Seconds(); secs > 0 {
		b.ReportMetric(float64(events)/secs, "events/s")
	}
}

// BenchmarkExecute measures one command, a contribution, on the state of
// the 100k-event log and, as a baseline, on the state after its first 100
// events. Execute forks the state in O(1) and reads what fell due from an
// index, so it costs O(log n) per command (see BenchmarkCommand for the
// comparison with the fold as it was). The sub-benchmarks:
//
//   - execute: Execute as the ledger calls it;
//   - clone: PactState.Clone alone (a deep copy: O(state));
//   - in_place: the same command without the fork (ExecuteInPlace on a
//     private copy).
func BenchmarkExecute(b *testing.B) {
	l := loadBenchLog(b)
	for _, size := range []int{100, benchEvents} {
		b.Run(fmt.Sprintf("state=%d", size), func(b *testing.B) {
			s, err := entente.Fold(l.events[:size])
			if err != nil {
				b.Fatal(err)
			}
			env := entente.Env{Now: s.Updated, Actors: func(id entente.ActorID) *entente.Actor { return l.actors[id] }}
			// Record what is due at that moment once, so that every
			// iteration below does the same work: the command alone.
			if s, _, err = entente.Advance(s, env); err != nil {
				b.Fatal(err)
			}
			by := s.InPact()[0]
			cmd := entente.Contribute{Resource: "eur", Amount: 100}
			if _, events, err := entente.Execute(s, by, cmd, env); err != nil || len(events) != 1 {
				b.Fatalf("contribution: %v, %d events", err, len(events))
			}
			b.Run("execute", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := entente.Execute(s, by, cmd, env); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(s.Len), "state_events")
			})
			b.Run("clone", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					s.Clone()
				}
				b.ReportMetric(float64(s.Len), "state_events")
			})
			b.Run("in_place", func(b *testing.B) {
				b.ReportAllocs()
				var own *entente.PactState
				for i := range b.N {
					// Each command adds a contribution to own: start again
					// from s now and then, off the clock, to keep its size.
					if i%10 == 0 {
						b.StopTimer()
						own = s.Clone()
						b.StartTimer()
					}
					if _, err := entente.ExecuteInPlace(own, by, cmd, env); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(s.Len), "state_events")
			})
		})
	}
}

// BenchmarkCommand measures one command (a pledge, a contribution, a vote,
// a budget proposal weighted by contributions) and an Advance with nothing due, on the state after the first 100,
// 10,000 and 100,000 events of the benchmark log: "new" through Execute and
// Advance, "old" through the fold and commands as they were before the
// state kept its records in Lists and indexed what comes due (ref_test.go),
// whose fork copies every record pointer and whose Advance scans every
// member, commitment, dispute and proposal. Goal: the new cost at 100,000
// events within 2× of the cost at 100.
func BenchmarkCommand(b *testing.B) {
	l := loadBenchLog(b)
	actor := func(id entente.ActorID) *entente.Actor { return l.actors[id] }
	for _, size := range []int{100, 10_000, benchEvents} {
		s, err := entente.Fold(l.events[:size])
		if err != nil {
			b.Fatal(err)
		}
		env := entente.Env{Now: s.Updated.Add(time.Minute), Actors: actor}
		// Record what is due at that moment once, so that every iteration
		// does the same work: the command alone.
		log := append([]entente.Event(nil), l.events[:size]...)
		var events []entente.Event
		if s, events, err = entente.Advance(s, env); err != nil {
			b.Fatal(err)
		}
		log = append(log, events...)
		by := s.InPact()[0]
		// A proposal open for the vote, and a voter who has not voted.
		if s, events, err = entente.Execute(s, by, entente.Propose{Matter: entente.General, Title: "benchmark question"}, env); err != nil {
			b.Fatal(err)
		}
		log = append(log, events...)
		p := s.Proposals.Last()
		var voter entente.ActorID
		for _, id := range p.Electorate {
			if !p.Votes.Has(id) && id != by {
				voter = id
				break
			}
		}
		if voter == "" {
			b.Fatalf("no one left to vote on %s", p.ID)
		}
		commands := []struct {
			name string
			by   entente.ActorID
			cmd  entente.Command // nil: Advance
		}{
			{"pledge", by, entente.Pledge{Resource: "eur", Amount: 100, Due: env.Now.Add(30 * entente.Day)}},
			{"contribution", by, entente.Contribute{Resource: "eur", Amount: 100}},
			{"vote", voter, entente.CastVote{Proposal: p.ID, Choice: entente.Yes}},
			// A budget vote weighs the members by what they delivered.
			{"propose_budget", by, entente.Propose{Matter: entente.Budget, Title: "benchmark budget"}},
			{"advance", "", nil},
		}
		members := float64(len(s.InPact()))
		for _, c := range commands {
			b.Run(fmt.Sprintf("%s/events=%d/new", c.name, size), func(b *testing.B) {
				b.ReportAllocs()
				start := cputime.Process() // the loop alone: the state was built before
				for b.Loop() {
					var err error
					if c.cmd == nil {
						_, _, err = entente.Advance(s, env)
					} else {
						_, _, err = entente.Execute(s, c.by, c.cmd, env)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				cpu := cputime.Process() - start
				b.ReportMetric(members, "members")
				// The process's CPU time per command, GC included: steadier
				// than ns/op on a loaded machine.
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
			b.Run(fmt.Sprintf("%s/events=%d/old", c.name, size), func(b *testing.B) {
				// Folded here, not once for all, so that the reference
				// state does not weigh on the garbage collector while the
				// new code runs.
				ref, err := entente.RefFold(log)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					var err error
					if c.cmd == nil {
						_, _, err = entente.RefAdvance(ref, env)
					} else {
						_, _, err = entente.RefExecute(ref, c.by, c.cmd, env)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(members, "members")
			})
		}
	}
}
