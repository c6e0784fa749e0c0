package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

// commonThreatID is the phantom rival every actor shares under a common
// threat, so that the partner ranking sees the threat as shared.
const commonThreatID entente.ActorID = "common-threat"

// candidateLimit bounds the candidates the partner ranking scores for one
// seeker: the most promising by a cheap first look.
const candidateLimit = 30

// agreement is the agreement of a pact founded now: notice of a year, the
// dispute ladder, power measured by military capability, and the rules the
// scenario has set so far (the kind's defaults otherwise).
func (r *runner) agreement() entente.Agreement {
	a := entente.Agreement{
		PowerMeasure: Military,
		Exit:         entente.ExitClause{Notice: entente.Days(365)},
		Disputes: entente.DisputeLadder{Negotiation: entente.Days(120), Mediation: entente.Days(240),
			Arbitration: entente.Days(365)},
	}
	for _, m := range entente.Matters {
		if k, ok := r.rules[m]; ok {
			if a.Rules == nil {
				a.Rules = map[entente.Matter]entente.DecisionRule{}
			}
			a.Rules[m] = entente.DecisionRule{Kind: k}
		}
	}
	return a
}

// found founds a pact with founders (the first acts) and obligations.
func (r *runner) found(id entente.PactID, name string, founders []entente.ActorID, obl []entente.Obligation, y int) error {
	pact := entente.Pact{ID: id, Name: name, Kind: entente.Alliance, Obligations: obl,
		Purposes: []entente.Purpose{entente.Defensive}, Duration: entente.Duration{Kind: entente.Permanent},
		Agreement: r.agreement()}
	sp := &simPact{id: id, delivered: map[int]float64{}, defense: hasDefense(obl)}
	s, events, err := entente.Execute(nil, founders[0], entente.FoundPact{Pact: pact, Founders: founders}, r.env(at(y, dayForm)))
	if err != nil {
		return fmt.Errorf("founding %s: %w", id, err)
	}
	sp.s = s
	r.pacts = append(r.pacts, sp)
	r.alive = nil
	r.byID[id] = sp
	r.record(sp, events)
	r.stats.formations++
	return nil
}

func hasDefense(obl []entente.Obligation) bool {
	for _, o := range obl {
		if o == entente.Defense || o == entente.Offense {
			return true
		}
	}
	return false
}

// foundInitial founds the pacts in force at the start, each with the
// members it had then.
func (r *runner) foundInitial() error {
	r.stats = newYearStats()
	for _, ps := range r.w.Pacts {
		seen := map[entente.ActorID]bool{}
		var founders []entente.ActorID
		for _, m := range ps.Members {
			if !seen[m] {
				seen[m] = true
				founders = append(founders, m)
			}
		}
		if len(founders) < 2 || r.byID[ps.ID] != nil {
			continue
		}
		name := ps.Name
		if name == "" {
			name = string(ps.ID)
		}
		obl := ps.Obligations
		if len(obl) == 0 {
			obl = []entente.Obligation{entente.Defense}
		}
		if err := r.found(ps.ID, name, founders, obl, r.w.Start); err != nil {
			return err
		}
	}
	return nil
}

// changeRules puts the year's rule changes to every pact in force as an
// amendment, decided by the pact's own rule for amendments; members agree
// (the change is the scenario's premise), and pacts founded later start
// with the new rule.
func (r *runner) changeRules(y int) error {
	for _, c := range r.w.RuleChanges {
		if c.Year != y {
			continue
		}
		r.rules[c.Matter] = c.Rule
		for _, sp := range r.live() {
			if err := r.amend(sp, c, y); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *runner) amend(sp *simPact, c RuleChange, y int) error {
	voters := r.voters(sp)
	if len(voters) == 0 {
		return nil
	}
	a := sp.s.Pact.Agreement
	rules := map[entente.Matter]entente.DecisionRule{}
	for k, v := range a.Rules {
		rules[k] = v
	}
	rules[c.Matter] = entente.DecisionRule{Kind: c.Rule}
	a.Rules = rules
	title := fmt.Sprintf("Decide %s matters by %s", c.Matter, c.Rule)
	return r.putToVote(sp, voters[0], entente.Propose{Matter: entente.Amendment, Title: title, Amendment: &a}, y, dayRules,
		func(int) entente.Choice { return entente.Yes })
}

// putToVote has by propose cmd (a Propose or a RequestJoin) and every
// member in the electorate vote as choose says, until the pact's rule has
// decided. It returns the proposal's outcome ("" if none was opened).
func (r *runner) putToVote(sp *simPact, by int, cmd entente.Command, y, day int, choose func(int) entente.Choice) error {
	_, err := r.vote(sp, by, cmd, y, day, choose)
	return err
}

// vote is putToVote returning the outcome.
func (r *runner) vote(sp *simPact, by int, cmd entente.Command, y, day int, choose func(int) entente.Choice) (entente.Outcome, error) {
	t := at(y, day)
	before := sp.s.Proposals.Len()
	if err := r.exec(sp, r.ids[by], cmd, t); err != nil {
		return "", err
	}
	if sp.s.Proposals.Len() == before {
		return "", nil // admitted at once under an open join rule
	}
	id := sp.s.Proposals.Last().ID
	for _, voter := range sp.s.Proposals.Last().Electorate {
		p := sp.s.Proposal(id)
		if p.Decision != nil {
			break
		}
		if m := sp.s.Members.Get(voter); m == nil || !m.CanVote() {
			continue
		}
		if err := r.exec(sp, voter, entente.CastVote{Proposal: id, Choice: choose(r.index[voter])}, t); err != nil {
			return "", err
		}
	}
	if p := sp.s.Proposal(id); p.Decision != nil {
		r.stats.decided(p)
		return p.Decision.Outcome, nil
	}
	return "", nil
}

// form lets threatened actors look for allies: each actor whose
// uncovered threat passes the threshold acts on it with the seek rate.
func (r *runner) form(y int) error {
	for i := range r.ids {
		if !r.present[i] || r.threat[i].uncovered <= r.p.FormThreshold || r.rng.Float64() >= r.p.SeekRate {
			continue
		}
		if err := r.seek(i, y); err != nil {
			return err
		}
	}
	return nil
}

// seek has i ask to join its best candidate's largest defence pact; if
// there is none or it refuses, i approaches its candidates in turn and
// founds an alliance with the first that accepts.
func (r *runner) seek(i, y int) error {
	ranked := r.rankPartners(i)
	if len(ranked) == 0 {
		return nil
	}
	if sp := r.pactToJoin(i, ranked[:min(len(ranked), joinLook)]); sp != nil {
		outcome, err := r.vote(sp, i, entente.RequestJoin{}, y, dayForm, func(m int) entente.Choice { return r.admitVote(m, i) })
		if err != nil || outcome != entente.Rejected {
			return err
		}
	}
	for _, j := range ranked {
		if r.value(i, []int{j}) >= r.p.AcceptMargin && r.value(j, []int{i}) >= r.p.AcceptMargin {
			r.nextPact++
			id := entente.PactID(fmt.Sprintf("sim-%d", r.nextPact))
			set := r.coalesce(i, []int{i, j}, ranked)
			founders := make([]entente.ActorID, len(set))
			for k, m := range set {
				founders[k] = r.ids[m]
			}
			name := fmt.Sprintf("%s-%s alliance of %d", r.ids[i], r.ids[j], y)
			if len(set) > 2 {
				name = fmt.Sprintf("%s-%s alliance of %d (%d members)", r.ids[i], r.ids[j], y, len(set))
			}
			return r.found(id, name, founders, []entente.Obligation{entente.Defense}, y)
		}
	}
	return nil
}

// value is what allying with set is worth to i: the threat it covers,
// less the entrapment it brings and the autonomy it costs.
func (r *runner) value(i int, set []int) float64 {
	var c float64
	for _, j := range set {
		c += r.cap[j]
	}
	return r.gain(i, set) - r.entrapment(i, set) - r.autonomy(i, c)
}

// joinLook is how many of its best candidates a seeker looks at for a
// pact to join.
const joinLook = 3

// pactToJoin returns the largest live defence pact of the candidates that
// i could ask to join and that is worth joining to i, or nil.
func (r *runner) pactToJoin(i int, cands []int) *simPact {
	var best *simPact
	var bestN int
	for _, sp := range r.live() {
		if !sp.defense || !r.anyIn(sp, cands) {
			continue
		}
		if m := sp.s.Members.Get(r.ids[i]); m != nil && (m.InPact() || m.Status == entente.Applicant) {
			continue
		}
		ms := r.members(sp)
		if r.rivalOfAny(i, ms) || r.value(i, ms) < r.p.AcceptMargin {
			continue
		}
		if len(ms) > bestN {
			best, bestN = sp, len(ms)
		}
	}
	return best
}

// rivalOfAny reports whether i is hostile to any actor in set: a rival
// whose threat the common threat does not outweigh (a common enemy
// stronger than the rival brings rivals into one alliance).
// anyIn reports whether any of set is bound by sp.
func (r *runner) anyIn(sp *simPact, set []int) bool {
	for _, j := range set {
		if m := sp.s.Members.Get(r.ids[j]); m != nil && m.InPact() {
			return true
		}
	}
	return false
}

func (r *runner) rivalOfAny(i int, set []int) bool {
	for _, k := range r.rivals[i] {
		for _, j := range set {
			if k == j && r.p.CommonThreat*r.maxCap <= r.p.RivalWeight*r.cap[j] {
				return true
			}
		}
	}
	return false
}

// admitVote is member m's vote on admitting a: no to a rival or (with
// trust) to an actor of poor reputation, otherwise yes when what a brings
// is worth its entrapment.
func (r *runner) admitVote(m, a int) entente.Choice {
	if !r.p.On(Admission) {
		return entente.Yes
	}
	if r.rivalOfAny(m, []int{a}) {
		return entente.No
	}
	if r.p.On(Trust) && r.reput[a] < r.p.TrustFloor {
		return entente.No
	}
	if r.gain(m, []int{a})-r.entrapment(m, []int{a}) >= r.p.AcceptMargin {
		return entente.Yes
	}
	return entente.No
}

// rankPartners returns i's candidates, best first: a cheap first look
// (cover gained less entrapment) keeps the most promising, which the
// partner ranking then orders by complementarity, reputation, autonomy and
// shared threats. With the partner mechanism off they come in random
// order.
func (r *runner) rankPartners(i int) []int {
	var cs []cand
	finite := true
	for j := range r.ids {
		if j == i || !r.present[j] || r.rivalOfAny(i, []int{j}) {
			continue
		}
		if _, ok := r.threat[i].allies[j]; ok {
			continue
		}
		v := r.gain(i, []int{j}) - r.entrapment(i, []int{j})
		finite = finite && !math.IsNaN(v)
		cs = append(cs, cand{j, v})
	}
	if finite && !r.slow {
		cs = firstBest(cs, candidateLimit)
	} else {
		// Best first, ties in actor order: the generic stable sort (the
		// same algorithm and comparisons as sort.SliceStable, without
		// reflection).
		slices.SortStableFunc(cs, bestFirst)
		if len(cs) > candidateLimit {
			cs = cs[:candidateLimit]
		}
	}
	out := make([]int, len(cs))
	for k, c := range cs {
		out[k] = c.j
	}
	if !r.p.On(Partners) {
		r.rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
		return out
	}
	return r.partnerRank(i, out)
}

// cand is a candidate partner j and its value v to the seeker.
type cand struct {
	j int
	v float64
}

// bestFirst orders candidates by value, best first; equal values (and
// NaN) compare equal, so a stable sort keeps them in actor order.
func bestFirst(a, b cand) int {
	switch {
	case a.v > b.v:
		return -1
	case b.v > a.v:
		return 1
	}
	return 0
}

// firstBest returns the first k of cs in the order of a stable sort by v,
// best first, without sorting the rest: each candidate goes after every
// one kept that is as good (those came first, and a stable sort keeps
// them first) and before the first worse. No v may be NaN.
func firstBest(cs []cand, k int) []cand {
	best := make([]cand, 0, k+1)
	for _, c := range cs {
		at := len(best)
		for at > 0 && best[at-1].v < c.v {
			at--
		}
		if at == k {
			continue
		}
		best = slices.Insert(best, at, c)
		if len(best) > k {
			best = best[:k]
		}
	}
	return best
}

// partnerRank orders candidates with package partner.
func (r *runner) partnerRank(i int, cands []int) []int {
	actors := make([]*entente.Actor, len(cands))
	rep := make(map[entente.ActorID]float64, len(cands))
	for k, j := range cands {
		actors[k] = r.actors[j]
		rep[r.ids[j]] = r.reput[j]
	}
	gap := math.Max(r.threat[i].need-r.cap[i]-r.threat[i].allied, r.cap[i])
	opts := partner.Options{Rivalries: r.rivalries(i, cands), Reputation: rep, PowerMeasure: Military,
		Weights: partnerWeights, NoNotes: !r.slow}
	ranked := partner.Rank(r.actors[i], actors, partner.Objective{Military: gap}, opts)
	out := make([]int, len(ranked))
	for k, c := range ranked {
		out[k] = r.index[c.ID]
	}
	return out
}

// partnerWeights leave out the parts the simulator has no data for
// (alignment of positions, culture).
var partnerWeights = partner.Weights{Complementarity: 0.4, Reputation: 0.2, Autonomy: 0.15, Threats: 0.25}

// rivalries lists the rival pairs the ranking needs: those of i and of its
// candidates, and the common threat shared by all.
func (r *runner) rivalries(i int, cands []int) []partner.Rivalry {
	out := []partner.Rivalry{}
	for _, a := range append([]int{i}, cands...) {
		for _, k := range r.rivals[a] {
			out = append(out, partner.Rivalry{r.ids[a], r.ids[k]})
		}
		if r.commonRiv {
			out = append(out, partner.Rivalry{r.ids[a], commonThreatID})
		}
	}
	return out
}
