package entente_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// This file drives random command sequences against a small pact and checks
// the model's invariants after every step. The generators deliberately mix
// valid and invalid input (non-members, negative and non-finite amounts,
// unknown IDs, double votes) so that both the success and the refusal paths
// are exercised.

// outsider is an actor that was never registered.
const outsider entente.ActorID = "zz"

// knownCodes are the codes a failed command may return. EINTERNAL is not
// among them: it means a fault of the domain, not of the caller.
var knownCodes = []string{entente.EINVALID, entente.ENOTFOUND, entente.ECONFLICT, entente.EFORBIDDEN, entente.ETOOLARGE}

// afterEncoding compares values that went through the log's JSON encoding:
// an empty map or slice is written as nothing and read back as nil.
var afterEncoding = cmp.Options{cmpopts.EquateEmpty(), listsAsSlices}

// machine is the pact under test and everything the checks need to know
// about its history.
type machine struct {
	actors map[entente.ActorID]*entente.Actor
	ids    []entente.ActorID // registered actors, sorted
	state  *entente.PactState
	log    []entente.Event // as Execute and Advance returned them
	// decoded is log after EncodeEvent and DecodeEvent, and shadow its
	// incremental fold, used to re-decide each proposal at decision time.
	decoded []entente.Event
	shadow  *entente.PactState
	now     time.Time
	// due reports whether everything time brought about by now has been
	// recorded: true after Advance or a successful Execute at now.
	due     bool
	decided map[string]entente.Decision
	steps   int
	// ref is the reference state (ref_test.go): every step runs on it too
	// and must give the same events, errors and JSON.
	ref *entente.RefState
	// owned runs commands that succeed on the reference through
	// ExecuteOwned and AdvanceOwned, on state itself.
	owned bool
}

func (m *machine) env() entente.Env {
	return entente.Env{Now: m.now, Actors: func(id entente.ActorID) *entente.Actor { return m.actors[id] }}
}

// TestPropertyPactStateMachine runs random command sequences (30 steps on
// average, see -rapid.steps) and checks the invariants of the model after
// every step.
func TestPropertyPactStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newMachine(t)
		actions := m.actions()
		t.Repeat(actions)
		m.checkFullReplay(t)
	})
}

// TestPropertyReplayRejectsDoctoredDecisions flips the recorded outcome of
// one decision in a random log and checks that the log no longer replays.
func TestPropertyReplayRejectsDoctoredDecisions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newMachine(t)
		t.Repeat(m.actions())
		m.decideOne(t)
		var decisions []int
		for i, e := range m.decoded {
			if _, ok := e.Data.(entente.ProposalDecided); ok {
				decisions = append(decisions, i)
			}
		}
		if len(decisions) == 0 {
			return // the pact dissolved before anything was decided
		}
		i := rapid.SampledFrom(decisions).Draw(t, "doctored")
		doctored := append([]entente.Event(nil), m.decoded...)
		d := doctored[i].Data.(entente.ProposalDecided)
		if d.Decision.Outcome == entente.Adopted {
			d.Decision.Outcome = entente.Rejected
		} else {
			d.Decision.Outcome = entente.Adopted
		}
		doctored[i].Data = d
		if _, err := entente.Fold(doctored); err == nil || !strings.Contains(err.Error(), "re-decides") {
			t.Fatalf("a log whose decision on %s was flipped replayed: %v", d.Proposal, err)
		}
	})
}

// decideOne makes sure the log holds a decision if the pact is still open:
// a voter proposes, and the clock runs past the longest window.
func (m *machine) decideOne(t *rapid.T) {
	t.Helper()
	if m.state.Dissolved != nil {
		return
	}
	if voters := m.state.Voters(); len(voters) > 0 {
		m.exec(t, voters[0], entente.Propose{Matter: entente.General, Title: "Last question"})
	}
	m.now = m.now.Add(15 * entente.Day)
	m.advance(t)
}

// newMachine draws 6 to 8 actors and founds a pact of a random kind with a
// random agreement and duration.
func newMachine(t *rapid.T) *machine {
	t.Helper()
	m := &machine{actors: map[entente.ActorID]*entente.Actor{}, now: t0, decided: map[string]entente.Decision{}}
	n := rapid.IntRange(6, 8).Draw(t, "actors")
	for i := range n {
		id := entente.ActorID(rune('a' + i))
		caps := map[string]float64{"economic": float64(rapid.IntRange(0, 1000).Draw(t, "economic"))}
		if !oneIn(t, 4, "no_military") {
			caps["military"] = float64(rapid.IntRange(0, 1000).Draw(t, "military"))
		}
		m.actors[id] = &entente.Actor{ID: id, Name: strings.ToUpper(string(id)), Kind: entente.State, Capabilities: caps}
		m.ids = append(m.ids, id)
	}
	kind := rapid.SampledFrom([]entente.PactKind{entente.Alliance, entente.Coalition}).Draw(t, "kind")
	p := entente.Pact{ID: "prop", Name: "Property pact", Kind: kind, Duration: drawDuration(t), Agreement: drawAgreement(t, m.ids)}
	least := 1 // founders a pact of this kind needs
	if kind == entente.Alliance {
		least = 2
	}
	founders := rapid.SliceOfNDistinct(rapid.SampledFrom(m.ids), 3, len(m.ids)-2, rapid.ID[entente.ActorID]).Draw(t, "founders")
	if oneIn(t, 5, "few_founders") {
		founders = founders[:least]
	}
	t.Logf("found %s %s with %v: duration %+v, agreement %s", kind, p.ID, founders, p.Duration, mustJSON(p.Agreement))
	s, events, err := entente.Execute(nil, founders[0], entente.FoundPact{Pact: p, Founders: founders}, m.env())
	if err != nil {
		t.Fatalf("founding a valid pact failed: %v", err)
	}
	m.shadow = &entente.PactState{}
	ref, refEvents, err := entente.RefExecute(nil, founders[0], entente.FoundPact{Pact: p, Founders: founders}, m.env())
	m.ref = ref
	compareRef(t, "founding", s, events, nil, ref, refEvents, err)
	m.accept(t, nil, s, events)
	m.check(t)
	return m
}

func drawDuration(t *rapid.T) entente.Duration {
	switch rapid.SampledFrom([]entente.DurationKind{entente.Permanent, entente.UntilObjective, entente.FixedTerm}).Draw(t, "duration") {
	case entente.UntilObjective:
		return entente.Duration{Kind: entente.UntilObjective, Objective: "goal"}
	case entente.FixedTerm:
		days := rapid.IntRange(14, 365).Draw(t, "term_days")
		return entente.Duration{Kind: entente.FixedTerm, Until: t0.Add(time.Duration(days) * entente.Day)}
	}
	return entente.Duration{Kind: entente.Permanent}
}

// drawAgreement draws a valid agreement: a random rule for some matters,
// a join rule, a notice period and a dispute ladder.
func drawAgreement(t *rapid.T, ids []entente.ActorID) entente.Agreement {
	var a entente.Agreement
	for _, matter := range entente.Matters {
		if rapid.IntRange(0, 2).Draw(t, "rule_for_"+string(matter)) == 0 {
			if a.Rules == nil {
				a.Rules = map[entente.Matter]entente.DecisionRule{}
			}
			a.Rules[matter] = drawRule(t, ids)
		}
	}
	a.Join = rapid.SampledFrom([]entente.JoinRule{"", entente.JoinOpen, entente.JoinConsent}).Draw(t, "join")
	a.Exit.Notice = rapid.SampledFrom([]entente.Period{0, entente.Days(1), entente.Days(7), entente.Days(30), entente.Days(60)}).Draw(t, "notice")
	rung := rapid.SampledFrom([]entente.Period{0, entente.Period(time.Hour), entente.Days(1), entente.Days(7), entente.Days(30)})
	a.Disputes = entente.DisputeLadder{Negotiation: rung.Draw(t, "negotiation"), Mediation: rung.Draw(t, "mediation"), Arbitration: rung.Draw(t, "arbitration")}
	return a
}

// drawRule draws a valid decision rule of any kind.
func drawRule(t *rapid.T, ids []entente.ActorID) entente.DecisionRule {
	share := func(label string) float64 { return float64(rapid.IntRange(1, 100).Draw(t, label)) / 100 }
	r := entente.DecisionRule{Kind: rapid.SampledFrom(entente.RuleKinds).Draw(t, "rule_kind")}
	switch r.Kind {
	case entente.QualifiedMajority:
		r.Threshold = share("threshold")
	case entente.Weighted, entente.DoubleMajority:
		r.Threshold = share("threshold")
		r.WeightBy = rapid.SampledFrom([]string{entente.WeightExplicit, entente.WeightContributions, "contributions:eur", "capability:military", "capability:economic"}).Draw(t, "weight_by")
		if r.WeightBy == entente.WeightExplicit {
			holders := rapid.SliceOfNDistinct(rapid.SampledFrom(ids), 1, len(ids), rapid.ID[entente.ActorID]).Draw(t, "weighted")
			r.Weights = map[entente.ActorID]float64{}
			for _, id := range holders {
				r.Weights[id] = float64(rapid.IntRange(0, 10).Draw(t, "weight"))
			}
		}
		if r.Kind == entente.DoubleMajority {
			r.SecondThreshold = share("second_threshold")
			r.MinBlockers = rapid.IntRange(0, 3).Draw(t, "min_blockers")
		}
	}
	if rapid.Bool().Draw(t, "has_quorum") {
		r.Quorum = share("quorum")
	}
	r.Window = rapid.SampledFrom([]entente.Period{0, entente.Period(time.Hour), entente.Days(1), entente.Days(3), entente.Days(14)}).Draw(t, "window")
	return r
}

// drawAmount draws a positive amount, and now and then one that must be
// refused.
func drawAmount(t *rapid.T) float64 {
	if oneIn(t, 10, "bad_amount") {
		return rapid.SampledFrom([]float64{0, -1, -250, math.NaN(), math.Inf(1), math.Inf(-1)}).Draw(t, "amount")
	}
	return float64(rapid.IntRange(1, 4000).Draw(t, "quarters")) / 4
}

// drawDelay draws a clock move from a second to 60 days.
func drawDelay(t *rapid.T) time.Duration {
	unit := rapid.SampledFrom([]time.Duration{entente.Day, time.Hour, time.Minute, time.Second}).Draw(t, "unit")
	return time.Duration(rapid.IntRange(1, 60).Draw(t, "units")) * unit
}

// pick draws an actor to act: members are likelier, and an unregistered
// actor is possible.
func (m *machine) pick(t *rapid.T, label string) entente.ActorID {
	in := m.state.InPact()
	candidates := append(append(append(in, in...), in...), m.ids...)
	candidates = append(candidates, outsider)
	return rapid.SampledFrom(candidates).Draw(t, label)
}

// pickOthers draws up to three parties for a dispute, members likelier.
func (m *machine) pickOthers(t *rapid.T) []entente.ActorID {
	if oneIn(t, 10, "nobody") {
		return nil
	}
	in := m.state.InPact()
	candidates := append(append(append(in, in...), m.ids...), outsider)
	return rapid.SliceOfN(rapid.SampledFrom(candidates), 1, 3).Draw(t, "against")
}

// oneIn reports true about once in n draws. The rare case is the top of
// the range, so that rapid's bias and its shrinking go to the common one.
func oneIn(t *rapid.T, n int, label string) bool {
	return rapid.IntRange(0, n-1).Draw(t, label) == n-1
}

func (m *machine) actions() map[string]func(*rapid.T) {
	return map[string]func(*rapid.T){
		"advance": func(t *rapid.T) {
			m.now = m.now.Add(drawDelay(t))
			m.advance(t)
		},
		// tick moves the clock without Advance, so that the next command
		// records what came due itself.
		"tick": func(t *rapid.T) {
			m.now = m.now.Add(drawDelay(t))
			m.due = false
			t.Logf("step %d: clock to %s", m.steps, m.now.Format(time.RFC3339))
			m.steps++
		},
		"join": func(t *rapid.T) {
			var candidates []entente.ActorID
			for _, id := range m.ids {
				if ms := m.state.Members.Get(id); ms == nil || !ms.InPact() {
					candidates = append(candidates, id)
				}
			}
			candidates = append(append(candidates, m.ids...), outsider)
			m.exec(t, rapid.SampledFrom(candidates).Draw(t, "by"), entente.RequestJoin{})
		},
		"notice": func(t *rapid.T) {
			// Rarer than the others: members who leave empty the pact.
			if oneIn(t, 3, "give_notice") {
				m.exec(t, m.pick(t, "by"), entente.GiveNotice{})
			}
		},
		"pledge": func(t *rapid.T) {
			cmd := entente.Pledge{
				Resource: rareOr(t, "resource", " ", rapid.SampledFrom([]string{"eur", "staff"})),
				Amount:   drawAmount(t),
				Due:      m.now.Add(time.Duration(rapid.IntRange(0, 90).Draw(t, "due_days")) * entente.Day),
			}
			switch rapid.IntRange(0, 19).Draw(t, "bad_due") {
			case 18:
				cmd.Due = m.now.Add(-time.Second)
			case 19:
				cmd.Due = time.Time{}
			}
			m.exec(t, m.pick(t, "by"), cmd)
		},
		"contribute": func(t *rapid.T) {
			cmd := entente.Contribute{Amount: drawAmount(t)}
			by := m.pick(t, "by")
			switch {
			case m.state.Commitments.Len() == 0 || oneIn(t, 4, "uncommitted"):
				cmd.Resource = rareOr(t, "resource", "", rapid.SampledFrom([]string{"eur", "staff"}))
			case oneIn(t, 10, "unknown_commitment"):
				cmd.Commitment = "c99"
			default:
				c := rapid.SampledFrom(m.state.Commitments.Slice()).Draw(t, "commitment")
				cmd.Commitment = c.ID
				if !oneIn(t, 5, "by_other") {
					by = c.Member
				}
				if oneIn(t, 10, "name_resource") {
					cmd.Resource = rapid.SampledFrom([]string{"eur", "staff"}).Draw(t, "resource")
				}
			}
			m.exec(t, by, cmd)
		},
		"objective": func(t *rapid.T) {
			cmd := entente.SetObjective{
				Metric: rareOr(t, "metric", " ", rapid.SampledFrom([]string{"goal", "reach"})),
				Target: rareOr(t, "target", math.NaN(), rapid.Map(rapid.IntRange(-10, 100), intToFloat)),
			}
			if rapid.Bool().Draw(t, "has_deadline") {
				cmd.Deadline = m.now.Add(time.Duration(rapid.IntRange(1, 90).Draw(t, "deadline_days")) * entente.Day)
			}
			m.exec(t, m.pick(t, "by"), cmd)
		},
		"progress": func(t *rapid.T) {
			if m.state.Objectives.Len() == 0 {
				t.Skip("no objective to report on")
			}
			cmd := entente.ReportProgress{
				Objective: rareOr(t, "objective", "o99", rapid.Map(rapid.SampledFrom(m.state.Objectives.Slice()), func(o *entente.Objective) string { return o.ID })),
				Value:     rareOr(t, "value", math.Inf(1), rapid.Map(rapid.IntRange(-10, 150), intToFloat)),
			}
			m.exec(t, m.pick(t, "by"), cmd)
		},
		"propose": func(t *rapid.T) {
			cmd := entente.Propose{
				Matter: rareOr(t, "matter", "coup", rapid.SampledFrom(entente.Matters)),
				Title:  rareOr(t, "title", " ", rapid.Just("Q")),
			}
			switch cmd.Matter {
			case entente.Admission, entente.Expulsion, entente.Suspension:
				// Outsiders to admit, members to expel or suspend, and
				// now and then anyone at all.
				var subjects []entente.ActorID
				for _, id := range m.ids {
					if ms := m.state.Members.Get(id); (ms != nil && ms.InPact()) != (cmd.Matter == entente.Admission) {
						subjects = append(subjects, id)
					}
				}
				subjects = append(append(subjects, m.ids...), outsider, "")
				cmd.Subject = rapid.SampledFrom(subjects).Draw(t, "subject")
			case entente.Amendment:
				if !oneIn(t, 10, "no_amendment") {
					a := drawAgreement(t, m.ids)
					if oneIn(t, 6, "bad_amendment") {
						a.Rules = map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.QualifiedMajority}}
					}
					cmd.Amendment = &a
				}
			}
			by := m.pick(t, "by")
			if voters := m.state.Voters(); len(voters) > 0 && !oneIn(t, 4, "by_anyone") {
				by = rapid.SampledFrom(voters).Draw(t, "by")
			}
			m.exec(t, by, cmd)
		},
		"vote": func(t *rapid.T) {
			if m.state.Proposals.Len() == 0 {
				t.Skip("no proposal to vote on")
			}
			p := m.pickProposal(t)
			cmd := entente.CastVote{Proposal: p.ID, Choice: rareOr(t, "choice", "maybe", rapid.SampledFrom([]entente.Choice{entente.Yes, entente.No, entente.Abstain}))}
			if oneIn(t, 10, "unknown_proposal") {
				cmd.Proposal = "p99"
			}
			by := m.pick(t, "by")
			if len(p.Electorate) > 0 && !oneIn(t, 4, "by_anyone") {
				by = rapid.SampledFrom(p.Electorate).Draw(t, "by")
			}
			m.exec(t, by, cmd)
		},
		// vote_round lets the electorate of an open proposal vote in turn,
		// which is what gets proposals decided before they close.
		"vote_round": func(t *rapid.T) {
			var open []*entente.Proposal
			for _, p := range m.state.Proposals.All() {
				if p.Decision == nil && len(p.Electorate) > 0 {
					open = append(open, p)
				}
			}
			if len(open) == 0 {
				t.Skip("no open proposal")
			}
			p := rapid.SampledFrom(open).Draw(t, "proposal")
			for _, id := range p.Electorate {
				choice := rapid.SampledFrom([]entente.Choice{entente.Yes, entente.No, entente.Abstain, ""}).Draw(t, "choice")
				if choice != "" {
					m.exec(t, id, entente.CastVote{Proposal: p.ID, Choice: choice})
				}
			}
		},
		"dispute": func(t *rapid.T) {
			cmd := entente.RaiseDispute{
				Against: m.pickOthers(t),
				Subject: rareOr(t, "subject", "", rapid.Just("late delivery")),
			}
			m.exec(t, m.pick(t, "by"), cmd)
		},
		"escalate": func(t *rapid.T) {
			id, by := m.pickDispute(t)
			m.exec(t, by, entente.EscalateDispute{Dispute: id})
		},
		"resolve": func(t *rapid.T) {
			id, by := m.pickDispute(t)
			outcome := rareOr(t, "outcome", "", rapid.Just("settled"))
			m.exec(t, by, entente.ResolveDispute{Dispute: id, Outcome: outcome})
		},
	}
}

func intToFloat(i int) float64 { return float64(i) }

// rareOr draws from g, except about once in ten draws when it returns rare
// (an input that must be refused).
func rareOr[V any](t *rapid.T, label string, rare V, g *rapid.Generator[V]) V {
	if oneIn(t, 10, "rare_"+label) {
		return rare
	}
	return g.Draw(t, label)
}

// pickProposal draws a proposal, an undecided one more likely.
func (m *machine) pickProposal(t *rapid.T) *entente.Proposal {
	var open []*entente.Proposal
	for _, p := range m.state.Proposals.All() {
		if p.Decision == nil {
			open = append(open, p)
		}
	}
	if len(open) > 0 && !oneIn(t, 4, "any_proposal") {
		return rapid.SampledFrom(open).Draw(t, "proposal")
	}
	return rapid.SampledFrom(m.state.Proposals.Slice()).Draw(t, "proposal")
}

// pickDispute draws a dispute (or, rarely, an unknown one) and an actor,
// a party more likely.
func (m *machine) pickDispute(t *rapid.T) (string, entente.ActorID) {
	if m.state.Disputes.Len() == 0 {
		t.Skip("no dispute")
	}
	d := rapid.SampledFrom(m.state.Disputes.Slice()).Draw(t, "dispute")
	by := m.pick(t, "by")
	if !oneIn(t, 4, "by_anyone") {
		by = rapid.SampledFrom(d.Parties).Draw(t, "by")
	}
	if oneIn(t, 10, "unknown_dispute") {
		return "d99", by
	}
	return d.ID, by
}

// exec runs a command at the machine's clock and checks what came of it.
func (m *machine) exec(t *rapid.T, by entente.ActorID, cmd entente.Command) {
	t.Helper()
	step := m.steps
	m.steps++
	before, beforeJSON := m.state.Clone(), mustJSON(m.state)
	wasDissolved := m.state.Dissolved != nil
	ref, refEvents, refErr := entente.RefExecute(m.ref, by, cmd, m.env())
	if m.owned && refErr == nil {
		s, events, err := entente.ExecuteOwned(m.state, by, cmd, m.env())
		compareRef(t, fmt.Sprintf("step %d, %s %T%+v owned", step, by, cmd, cmd), s, events, err, ref, refEvents, refErr)
		m.ref = ref
		m.accept(t, before, s, events) // m.state itself may have changed
		m.due = true
		m.check(t)
		return
	}
	s, events, err := entente.Execute(m.state, by, cmd, m.env())
	compareRef(t, fmt.Sprintf("step %d, %s %T%+v", step, by, cmd, cmd), s, events, err, ref, refEvents, refErr)
	if err == nil {
		m.ref = ref
	}
	if mustJSON(m.state) != beforeJSON {
		t.Fatalf("step %d: Execute changed the state it was given (-before +after):\n%s", step, cmp.Diff(before, m.state))
	}
	if err != nil {
		if diff := cmp.Diff(before, m.state); diff != "" {
			t.Fatalf("step %d: failed command changed the state (-before +after):\n%s", step, diff)
		}
		t.Logf("step %d: %s %T%+v at %s: refused: %v", step, by, cmd, cmd, m.now.Format(time.RFC3339), err)
		var e *entente.Error
		if !errors.As(err, &e) {
			t.Fatalf("step %d: error %v (%T) is not an *entente.Error", step, err, err)
		}
		if code := entente.ErrorCode(err); !oneOfCodes(code) {
			t.Fatalf("step %d: error code %q (%v), want one of %v", step, code, err, knownCodes)
		}
		if s != nil || events != nil {
			t.Fatalf("step %d: failed command returned a state or events: %v", step, events)
		}
		return
	}
	t.Logf("step %d: %s %T%+v at %s: %s", step, by, cmd, cmd, m.now.Format(time.RFC3339), eventTypes(events))
	if wasDissolved && !allowedAfterDissolution(cmd) {
		t.Fatalf("step %d: %T succeeded on a dissolved pact: %s", step, cmd, eventTypes(events))
	}
	m.accept(t, m.state, s, events)
	m.due = true
	m.check(t)
}

// advance runs Advance at the machine's clock and checks what came of it.
func (m *machine) advance(t *rapid.T) {
	t.Helper()
	step := m.steps
	m.steps++
	before, beforeJSON := m.state.Clone(), mustJSON(m.state)
	wasDissolved := m.state.Dissolved != nil
	due := m.state.DueBy(m.now)
	checkNextDue(t, step, m.state)
	ref, refEvents, refErr := entente.RefAdvance(m.ref, m.env())
	var s *entente.PactState
	var events []entente.Event
	var err error
	if m.owned {
		s, events, err = entente.AdvanceOwned(m.state, m.env())
		beforeJSON = mustJSON(m.state)
	} else {
		s, events, err = entente.Advance(m.state, m.env())
	}
	compareRef(t, fmt.Sprintf("step %d, advance", step), s, events, err, ref, refEvents, refErr)
	if due != (len(events) > 0) {
		t.Fatalf("step %d: DueBy(%s) = %v, but Advance recorded %s", step, m.now.Format(time.RFC3339), due, eventTypes(events))
	}
	m.ref = ref
	if err != nil {
		t.Fatalf("step %d: Advance to %s: %v", step, m.now.Format(time.RFC3339), err)
	}
	if mustJSON(m.state) != beforeJSON {
		t.Fatalf("step %d: Advance changed the state it was given (-before +after):\n%s", step, cmp.Diff(before, m.state))
	}
	t.Logf("step %d: advance to %s: %s", step, m.now.Format(time.RFC3339), eventTypes(events))
	if wasDissolved && len(events) > 0 {
		t.Fatalf("step %d: Advance recorded %s in a dissolved pact", step, eventTypes(events))
	}
	m.accept(t, before, s, events)
	m.due = true
	m.check(t)
}

// checkNextDue checks that NextDue is the first moment DueBy holds: DueBy
// at it, not a nanosecond before (unless that is before the last event),
// and, when nothing is pending, not even a century on.
func checkNextDue(t *rapid.T, step int, s *entente.PactState) {
	t.Helper()
	next, ok := s.NextDue()
	if !ok {
		if later := s.Updated.Add(100 * 365 * entente.Day); s.DueBy(later) {
			t.Fatalf("step %d: NextDue says nothing is pending, but DueBy(%s) holds", step, later.Format(time.RFC3339))
		}
		return
	}
	if !s.DueBy(next) {
		t.Fatalf("step %d: NextDue = %s, but DueBy then is false", step, next.Format(time.RFC3339Nano))
	}
	if before := next.Add(-time.Nanosecond); !before.Before(s.Updated) && s.DueBy(before) {
		t.Fatalf("step %d: NextDue = %s, but DueBy holds a nanosecond before", step, next.Format(time.RFC3339Nano))
	}
}

// compareRef checks a step against the same step on the reference state:
// the same events, the same error and, on success, the same JSON.
func compareRef(t *rapid.T, what string, s *entente.PactState, events []entente.Event, err error, ref *entente.RefState, refEvents []entente.Event, refErr error) {
	t.Helper()
	if fmt.Sprint(err) != fmt.Sprint(refErr) || entente.ErrorCode(err) != entente.ErrorCode(refErr) {
		t.Fatalf("%s: error %v, but the reference gave %v", what, err, refErr)
	}
	if diff := cmp.Diff(refEvents, events); diff != "" {
		t.Fatalf("%s: events differ from the reference's (-reference +new):\n%s", what, diff)
	}
	if err != nil {
		return
	}
	if got, want := mustJSON(s), mustJSON(ref); got != want {
		t.Fatalf("%s: the state's JSON differs from the reference's:\n%s\n%s", what, got, want)
	}
	if err := entente.CheckDueIndex(s); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func allowedAfterDissolution(cmd entente.Command) bool {
	switch c := cmd.(type) {
	case entente.Contribute:
		return c.Commitment != ""
	case entente.EscalateDispute, entente.ResolveDispute:
		return true
	}
	return false
}

// accept takes a successful step's events: it checks their sequence, that
// they survive encoding, that each decision re-decides the same way at the
// moment it was taken, and that nothing but settling debts and disputes
// follows a dissolution.
func (m *machine) accept(t *rapid.T, prev, s *entente.PactState, events []entente.Event) {
	t.Helper()
	dissolved := prev != nil && prev.Dissolved != nil
	leaving := false
	for _, e := range events {
		if want := int64(len(m.log)); e.Seq != want {
			t.Fatalf("event %s has seq %d, want %d", typeOf(e), e.Seq, want)
		}
		b, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatalf("event %d (%s) does not encode: %v", e.Seq, typeOf(e), err)
		}
		d, err := entente.DecodeEvent(b)
		if err != nil {
			t.Fatalf("event %d (%s) does not decode: %v\n%s", e.Seq, typeOf(e), err, b)
		}
		if diff := cmp.Diff(e, d, afterEncoding); diff != "" {
			t.Fatalf("event %d (%s) changes through encoding (-before +after):\n%s", e.Seq, typeOf(e), diff)
		}
		if again, err := entente.EncodeEvent(d); err != nil || !bytes.Equal(again, b) {
			t.Fatalf("event %d (%s) re-encodes differently: %v\n%s\n%s", e.Seq, typeOf(e), err, b, again)
		}
		if pd, ok := d.Data.(entente.ProposalDecided); ok {
			m.checkDecision(t, e.Seq, pd)
		}
		if err := m.shadow.Apply(d); err != nil {
			t.Fatalf("decoded event %d does not fold: %v", e.Seq, err)
		}
		m.log = append(m.log, e)
		m.decoded = append(m.decoded, d)

		switch x := e.Data.(type) {
		case entente.PactDissolved:
			if dissolved {
				t.Fatalf("event %d: the pact dissolved twice", e.Seq)
			}
			dissolved, leaving = true, true
			continue
		case entente.MemberLeft:
			if leaving && x.Reason == "the pact dissolved" {
				continue
			}
		case entente.ContributionMade:
			if x.Contribution.Commitment != "" && e.By != "" {
				leaving = false
				continue
			}
		case entente.DisputeEscalated, entente.DisputeResolved:
			if e.By != "" {
				leaving = false
				continue
			}
		}
		leaving = false
		if dissolved {
			t.Fatalf("event %d (%s, %+v) was recorded after the pact dissolved; batch: %s", e.Seq, typeOf(e), e.Data, eventTypes(events))
		}
	}
	m.state = s
}

// checkDecision re-decides a proposal on the state just before its
// decision is folded: the outcome and tally must follow from the rule and
// ballot fixed at that moment.
func (m *machine) checkDecision(t *rapid.T, seq int64, pd entente.ProposalDecided) {
	t.Helper()
	p := m.shadow.Proposal(pd.Proposal)
	if p == nil {
		t.Fatalf("event %d decides unknown proposal %s", seq, pd.Proposal)
	}
	if p.Decision != nil {
		t.Fatalf("event %d decides proposal %s a second time", seq, p.ID)
	}
	b := p.Ballot(m.shadow.Members)
	outcome, _ := p.Rule.Evaluate(b)
	if outcome != pd.Decision.Outcome || b.Count() != pd.Decision.Tally || pd.Decision.Rule != p.Rule.Kind {
		t.Fatalf("event %d decides %s as %s under %s with %+v; the rule gives %s under %s with %+v",
			seq, p.ID, pd.Decision.Outcome, pd.Decision.Rule, pd.Decision.Tally, outcome, p.Rule.Kind, b.Count())
	}
}

// check verifies the invariants of the current state.
func (m *machine) check(t *rapid.T) {
	t.Helper()
	s := m.state
	if s.Len != int64(len(m.log)) {
		t.Fatalf("state.Len %d, but the log has %d events", s.Len, len(m.log))
	}
	if last := m.log[len(m.log)-1]; !s.Updated.Equal(last.At) {
		t.Fatalf("state.Updated %s, but the last event is at %s", s.Updated, last.At)
	}
	for i, e := range m.log {
		if e.Seq != int64(i) {
			t.Fatalf("event %d has seq %d", i, e.Seq)
		}
	}
	// Replaying the whole log from its encoded form must give the same
	// state, and so must the incremental fold. JSON is compared here for
	// speed; checkFullReplay compares with go-cmp at the end of each run.
	replayed, err := entente.Fold(m.decoded)
	if err != nil {
		t.Fatalf("the decoded log does not replay: %v", err)
	}
	want := mustJSON(s)
	if mustJSON(replayed) != want {
		t.Fatalf("the fold of the decoded log differs from the state (-state +replayed):\n%s", cmp.Diff(s, replayed, afterEncoding))
	}
	if mustJSON(m.shadow) != want {
		t.Fatalf("the incremental fold of the decoded log differs from the state (-state +replayed):\n%s", cmp.Diff(s, m.shadow, afterEncoding))
	}
	m.checkMembers(t)
	m.checkCommitments(t)
	m.checkProposals(t)
	m.checkDisputes(t)
	m.checkEnd(t)
	if m.due {
		m.checkNothingDue(t)
	}
}

// checkFullReplay folds the whole log again, as is and after encoding.
func (m *machine) checkFullReplay(t *rapid.T) {
	t.Helper()
	replayed, err := entente.Fold(m.log)
	if err != nil {
		t.Fatalf("the log does not replay: %v", err)
	}
	if diff := cmp.Diff(m.state, replayed); diff != "" {
		t.Fatalf("replay differs (-live +replayed):\n%s", diff)
	}
	var decoded []entente.Event
	for _, e := range m.log {
		b, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		d, err := entente.DecodeEvent(b)
		if err != nil {
			t.Fatal(err)
		}
		decoded = append(decoded, d)
	}
	fromBytes, err := entente.Fold(decoded)
	if err != nil {
		t.Fatalf("the decoded log does not replay: %v", err)
	}
	if diff := cmp.Diff(m.state, fromBytes, afterEncoding); diff != "" {
		t.Fatalf("replay from bytes differs (-live +replayed):\n%s", diff)
	}
	for _, p := range m.state.Proposals.All() {
		if diff := cmp.Diff(p.Decision, fromBytes.Proposal(p.ID).Decision); diff != "" {
			t.Fatalf("proposal %s decides differently on replay (-live +replayed):\n%s", p.ID, diff)
		}
	}
}

var memberStatuses = []entente.MemberStatus{entente.Applicant, entente.Active, entente.Suspended, entente.OnNotice, entente.Former, entente.Refused}

func (m *machine) checkMembers(t *rapid.T) {
	t.Helper()
	s := m.state
	inPact := map[entente.ActorID]bool{}
	for _, id := range s.InPact() {
		inPact[id] = true
	}
	openAdmission := map[entente.ActorID]int{}
	for _, p := range s.Proposals.All() {
		if p.Matter == entente.Admission && p.Decision == nil {
			openAdmission[p.Subject]++
		}
	}
	for id, ms := range s.Members.All() {
		if ms.Member != id {
			t.Fatalf("membership under %s is of %s", id, ms.Member)
		}
		if m.actors[id] == nil {
			t.Fatalf("unregistered actor %s has a membership (%s)", id, ms.Status)
		}
		n := 0
		for _, st := range memberStatuses {
			if ms.Status == st {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%s has status %q", id, ms.Status)
		}
		out := ms.Status == entente.Former || ms.Status == entente.Refused || ms.Status == entente.Applicant
		if inPact[id] == out || ms.InPact() != inPact[id] {
			t.Fatalf("%s is %s: in pact %v, out %v", id, ms.Status, inPact[id], out)
		}
		for i, tn := range ms.Tenures {
			if !tn.To.IsZero() && tn.To.Before(tn.From) {
				t.Fatalf("%s tenure %d ends before it starts: %+v", id, i, tn)
			}
			if i > 0 {
				prev := ms.Tenures[i-1]
				if prev.To.IsZero() || tn.From.Before(prev.To) {
					t.Fatalf("%s tenures %d and %d overlap: %+v", id, i-1, i, ms.Tenures)
				}
			}
		}
		switch {
		case ms.InPact():
			if len(ms.Tenures) == 0 || !ms.Tenures[len(ms.Tenures)-1].To.IsZero() {
				t.Fatalf("%s is %s without an open tenure: %+v", id, ms.Status, ms.Tenures)
			}
			if last := ms.Tenures[len(ms.Tenures)-1]; !last.From.Equal(ms.Joined) {
				t.Fatalf("%s joined at %s but its tenure starts at %s", id, ms.Joined, last.From)
			}
			if ms.Status == entente.OnNotice && ms.Leaves.IsZero() {
				t.Fatalf("%s is on notice without a date to leave", id)
			}
		case ms.Status == entente.Former:
			if len(ms.Tenures) == 0 {
				t.Fatalf("%s is former but was never a member", id)
			}
			if last := ms.Tenures[len(ms.Tenures)-1]; !last.To.Equal(ms.Left) {
				t.Fatalf("%s left at %s but its tenure ends at %s", id, ms.Left, last.To)
			}
			fallthrough
		default:
			for i, tn := range ms.Tenures {
				if tn.To.IsZero() {
					t.Fatalf("%s is %s with tenure %d still open: %+v", id, ms.Status, i, ms.Tenures)
				}
			}
		}
		// An applicant is exactly the subject of an undecided admission;
		// when the pact dissolves, applicants are refused and their
		// admission votes stay undecided (nothing is recorded after the end).
		want := map[bool]int{true: 1, false: 0}[ms.Status == entente.Applicant]
		if s.Dissolved != nil && ms.Status == entente.Refused && openAdmission[id] == 1 {
			want = 1
		}
		if openAdmission[id] != want {
			t.Fatalf("%s is %s with %d open admission proposal(s)", id, ms.Status, openAdmission[id])
		}
	}
	for id, n := range openAdmission {
		if s.Members.Get(id) == nil && n > 0 {
			t.Fatalf("open admission of %s, who has no membership", id)
		}
	}
}

func (m *machine) checkCommitments(t *rapid.T) {
	t.Helper()
	s := m.state
	delivered := map[string]float64{}
	for i, k := range s.Contributions.All() {
		if want := fmt.Sprintf("k%d", i+1); k.ID != want {
			t.Fatalf("contribution %d has ID %s", i, k.ID)
		}
		if !(k.Amount > 0) || math.IsInf(k.Amount, 0) {
			t.Fatalf("contribution %s of %v", k.ID, k.Amount)
		}
		if k.Commitment == "" {
			continue
		}
		c := s.Commitment(k.Commitment)
		if c == nil {
			t.Fatalf("contribution %s against unknown commitment %s", k.ID, k.Commitment)
		}
		if k.Member != c.Member || k.Resource != c.Resource {
			t.Fatalf("contribution %+v against commitment %+v", k, c)
		}
		delivered[c.ID] += k.Amount
	}
	for _, c := range s.Commitments.All() {
		if c.Delivered < 0 || math.IsNaN(c.Delivered) {
			t.Fatalf("commitment %s delivered %v", c.ID, c.Delivered)
		}
		if c.Delivered != delivered[c.ID] {
			t.Fatalf("commitment %s delivered %v, but its contributions sum to %v", c.ID, c.Delivered, delivered[c.ID])
		}
		full := c.Delivered >= c.Amount
		if (c.Status() == entente.Fulfilled) != full || c.FulfilledAt.IsZero() == full {
			t.Fatalf("commitment %s: delivered %v of %v, status %s, fulfilled at %s", c.ID, c.Delivered, c.Amount, c.Status(), c.FulfilledAt)
		}
		switch c.Status() {
		case entente.Overdue:
			if !c.Late {
				t.Fatalf("commitment %s overdue but not late", c.ID)
			}
		case entente.PartlyDelivered:
			if c.Late || c.Delivered <= 0 {
				t.Fatalf("commitment %s partly delivered with %v, late %v", c.ID, c.Delivered, c.Late)
			}
		case entente.Pledged:
			if c.Late || c.Delivered != 0 {
				t.Fatalf("commitment %s pledged with %v, late %v", c.ID, c.Delivered, c.Late)
			}
		}
		if c.Late && !c.FulfilledAt.IsZero() && !c.FulfilledAt.After(c.Due) {
			t.Fatalf("commitment %s fulfilled on time at %s (due %s) but marked late", c.ID, c.FulfilledAt, c.Due)
		}
	}
}

func (m *machine) checkProposals(t *rapid.T) {
	t.Helper()
	s := m.state
	for id, d := range m.decided {
		p := s.Proposal(id)
		if p == nil || p.Decision == nil {
			t.Fatalf("proposal %s was decided (%s) and is no longer", id, d.Outcome)
		}
		if diff := cmp.Diff(d, *p.Decision); diff != "" {
			t.Fatalf("proposal %s's decision changed (-was +now):\n%s", id, diff)
		}
	}
	for i, p := range s.Proposals.All() {
		if want := fmt.Sprintf("p%d", i+1); p.ID != want {
			t.Fatalf("proposal %d has ID %s", i, p.ID)
		}
		for voter := range p.Votes.All() {
			if !containsID(p.Electorate, voter) {
				t.Fatalf("proposal %s has a vote from %s outside its electorate %v", p.ID, voter, p.Electorate)
			}
		}
		if p.Subject != "" && containsID(p.Electorate, p.Subject) {
			t.Fatalf("proposal %s lets its subject %s vote", p.ID, p.Subject)
		}
		if p.Decision != nil {
			if p.Decision.Rule != p.Rule.Kind {
				t.Fatalf("proposal %s decided under %s, opened under %s", p.ID, p.Decision.Rule, p.Rule.Kind)
			}
			if p.Decision.At.Before(p.Opened) {
				t.Fatalf("proposal %s decided at %s before it opened at %s", p.ID, p.Decision.At, p.Opened)
			}
			m.decided[p.ID] = *p.Decision
		}
	}
}

func (m *machine) checkDisputes(t *rapid.T) {
	t.Helper()
	for _, d := range m.state.Disputes.All() {
		if len(d.Steps) == 0 || d.Steps[len(d.Steps)-1].Stage != d.Stage {
			t.Fatalf("dispute %s at %s with steps %+v", d.ID, d.Stage, d.Steps)
		}
		closed := d.Stage == entente.Closed
		if closed != (d.Outcome != "") || closed != !d.Closed.IsZero() || (closed && !d.Deadline.IsZero()) {
			t.Fatalf("dispute %s: stage %s, outcome %q, closed %s, deadline %s", d.ID, d.Stage, d.Outcome, d.Closed, d.Deadline)
		}
		if len(d.Parties) < 2 {
			t.Fatalf("dispute %s has parties %v", d.ID, d.Parties)
		}
	}
}

// checkEnd checks what a dissolution means: nobody is bound any more, and
// a coalition that lasts until its objective has ended once it is met.
func (m *machine) checkEnd(t *rapid.T) {
	t.Helper()
	s := m.state
	if s.Dissolved != nil {
		if in := s.InPact(); len(in) > 0 {
			t.Fatalf("dissolved pact still binds %v", in)
		}
		return
	}
	if du := s.Pact.Duration; s.Pact.Kind == entente.Coalition && du.Kind == entente.UntilObjective {
		for _, o := range s.Objectives.All() {
			if o.Metric == du.Objective && !o.Met.IsZero() {
				t.Fatalf("objective %s (%s) was met at %s but the coalition did not dissolve", o.ID, o.Metric, o.Met)
			}
		}
	}
}

// checkNothingDue checks, right after Advance or a command, that nothing
// time brought about by now is left unrecorded.
func (m *machine) checkNothingDue(t *rapid.T) {
	t.Helper()
	s, now := m.state, m.now
	if s.Dissolved != nil {
		return
	}
	for _, p := range s.Proposals.All() {
		if p.Decision == nil && !p.Closes.After(now) {
			t.Fatalf("proposal %s closed at %s and is undecided at %s", p.ID, p.Closes, now)
		}
	}
	for id, ms := range s.Members.All() {
		if ms.Status == entente.OnNotice && !ms.Leaves.After(now) {
			t.Fatalf("%s's notice ran out at %s and it is still on notice at %s", id, ms.Leaves, now)
		}
	}
	for _, c := range s.Commitments.All() {
		if !c.Late && c.Status() != entente.Fulfilled && now.After(c.Due) {
			t.Fatalf("commitment %s due %s is not overdue at %s", c.ID, c.Due, now)
		}
	}
	for _, d := range s.Disputes.All() {
		if (d.Stage == entente.Negotiation || d.Stage == entente.Mediation) && !d.Deadline.IsZero() && !d.Deadline.After(now) {
			t.Fatalf("dispute %s's %s deadline %s passed at %s", d.ID, d.Stage, d.Deadline, now)
		}
	}
	if du := s.Pact.Duration; du.Kind == entente.FixedTerm && !du.Until.After(now) {
		t.Fatalf("the fixed term ended at %s and the pact is open at %s", du.Until, now)
	}
}

func oneOfCodes(code string) bool {
	for _, c := range knownCodes {
		if c == code {
			return true
		}
	}
	return false
}

func containsID(ids []entente.ActorID, id entente.ActorID) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

func typeOf(e entente.Event) string {
	if e.Data == nil {
		return "no data"
	}
	return e.Data.EventType()
}

func eventTypes(events []entente.Event) string {
	if len(events) == 0 {
		return "no events"
	}
	names := make([]string, len(events))
	for i, e := range events {
		names[i] = typeOf(e)
	}
	return strings.Join(names, ", ")
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}
