package sim

import (
	"fmt"
	"math"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/trust"
)

// propose puts a policy question to a pact's members now and then: a
// member proposes a policy near its own position, and each member votes
// yes when the policy lies within Tolerance of its position. The pact's
// rule decides (unanimity, by default, for an alliance).
func (r *runner) propose(y int) error {
	if !r.p.On(Proposals) {
		return nil
	}
	for _, sp := range r.live() {
		voters := r.voters(sp)
		if len(voters) < 2 || r.rng.Float64() >= r.p.ProposalRate {
			continue
		}
		by := voters[r.rng.IntN(len(voters))]
		z := r.pos[by] + 0.3*r.rng.NormFloat64()
		cmd := entente.Propose{Matter: entente.General, Title: fmt.Sprintf("Joint policy at %.2f", z)}
		choose := func(m int) entente.Choice {
			if math.Abs(r.pos[m]-z) <= r.p.Tolerance {
				return entente.Yes
			}
			return entente.No
		}
		if err := r.putToVote(sp, by, cmd, y, dayPropose, choose); err != nil {
			return err
		}
	}
	return nil
}

// disputes settles or escalates the open disputes and raises new ones
// over shortfalls that monitoring detects.
func (r *runner) disputes(y int) error {
	if !r.p.On(Disputes) {
		return nil
	}
	for _, sp := range r.live() {
		if err := r.moveDisputes(sp, y); err != nil {
			return err
		}
		if err := r.raiseDisputes(sp, y); err != nil {
			return err
		}
	}
	return nil
}

// moveDisputes gives each open dispute its yearly chance to settle (the
// likelier the more its parties trust each other; an arbitration always
// ends in an award), else a chance that its raiser asks to climb.
func (r *runner) moveDisputes(sp *simPact, y int) error {
	t := at(y, dayDisputes)
	if err := r.advance(sp, t); err != nil { // deadlines may have moved disputes up
		return err
	}
	for _, d := range sp.s.Disputes.All() {
		if d.Stage == entente.Closed || sp.s.Dissolved != nil {
			continue
		}
		i, j := r.index[d.Parties[0]], r.index[d.Parties[1]]
		tau := (r.trustIn(sp, i, j) + r.trustIn(sp, j, i)) / 2
		switch {
		case d.Stage == entente.Arbitration:
			if err := r.exec(sp, d.Parties[0], entente.ResolveDispute{Dispute: d.ID, Outcome: "arbitral award"}, t); err != nil {
				return err
			}
		case r.rng.Float64() < math.Min(1, r.p.ResolveRate*2*tau):
			if err := r.exec(sp, d.Parties[0], entente.ResolveDispute{Dispute: d.ID, Outcome: "settled"}, t); err != nil {
				return err
			}
		case r.rng.Float64() < r.p.EscalateRate:
			if err := r.exec(sp, d.Parties[0], entente.EscalateDispute{Dispute: d.ID}, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// raiseDisputes has the strongest other member take up a detected
// shortfall (delivery under 80% of the pledge) with a chance that grows
// as its trust in the shirker falls.
func (r *runner) raiseDisputes(sp *simPact, y int) error {
	for _, j := range sortedKeys(sp.pledges) {
		c := sp.s.Commitments.At(sp.pledges[j])
		if c.Delivered >= 0.8*c.Amount || r.rng.Float64() >= r.p.Monitoring {
			continue
		}
		i := r.strongestOther(sp, j)
		if i < 0 || r.openBetween(sp, i, j) {
			continue
		}
		if r.rng.Float64() >= math.Min(1, r.p.DisputeRate*2*(1-r.trustIn(sp, i, j))) {
			continue
		}
		m := sp.s.Members.Get(r.ids[j])
		if m == nil || !m.InPact() {
			continue
		}
		cmd := entente.RaiseDispute{Against: []entente.ActorID{r.ids[j]}, Subject: "shortfall on " + c.ID}
		if err := r.exec(sp, r.ids[i], cmd, at(y, dayDisputes)); err != nil {
			return err
		}
	}
	return nil
}

// strongestOther is the active member other than j with the largest
// capability, or -1.
func (r *runner) strongestOther(sp *simPact, j int) int {
	best := -1
	for _, m := range r.members(sp) {
		if m != j && sp.s.Members.Get(r.ids[m]).Status == entente.Active && (best < 0 || r.cap[m] > r.cap[best]) {
			best = m
		}
	}
	return best
}

func (r *runner) openBetween(sp *simPact, i, j int) bool {
	for _, d := range sp.s.Disputes.All() {
		if d.Stage != entente.Closed && d.HasParty(r.ids[i]) && d.HasParty(r.ids[j]) {
			return true
		}
	}
	return false
}

// leave gives every active member its yearly chance to give notice, then
// ends the pacts that are down to one member or whose health has
// collapsed.
func (r *runner) leave(y int) error {
	for _, sp := range r.live() {
		for _, m := range r.members(sp) {
			if sp.s.Members.Get(r.ids[m]).Status != entente.Active {
				continue
			}
			z := r.p.LeaveBias + r.p.LeaveScale*r.reasons(sp, m)
			if r.rng.Float64() >= 1/(1+math.Exp(-z)) {
				continue
			}
			if err := r.exec(sp, r.ids[m], entente.GiveNotice{}, at(y, dayLeave)); err != nil {
				return err
			}
		}
		if err := r.maybeDissolve(sp, y); err != nil {
			return err
		}
	}
	return nil
}

// reasons weighs m's reasons to leave sp against what sp does for it:
// fear of abandonment (distrust of the allies, their shortfalls), fear of
// entrapment (their rivals it does not share) and the threat the pact
// covers.
func (r *runner) reasons(sp *simPact, m int) float64 {
	others := r.others(sp, m)
	if len(others) == 0 {
		return 0
	}
	return r.p.AbandonCost*r.abandonment(sp, m, others) + r.entrapment(m, others) - r.p.Benefit*r.cover(sp, m, others) -
		r.consultValue(sp, m, others)
}

// abandonment is m's fear of being left alone by sp's other members
// (Snyder 1984): how far its mean trust in them falls short of the trust
// floor, plus the share of their pledges they did not deliver this year.
func (r *runner) abandonment(sp *simPact, m int, others []int) float64 {
	if !r.p.On(Abandonment) {
		return 0
	}
	var t float64
	for _, j := range others {
		t += r.trustIn(sp, m, j)
	}
	t /= float64(len(others))
	a := math.Max(0, r.p.TrustFloor-t) / r.p.TrustFloor
	var pledged, delivered float64
	for _, j := range others {
		if k, ok := sp.pledges[j]; ok {
			c := sp.s.Commitments.At(k)
			pledged += c.Amount
			delivered += math.Min(c.Delivered, c.Amount)
		}
	}
	if pledged > 0 {
		a += 1 - delivered/pledged
	}
	return a
}

// cover is the share of m's threat that sp's other members cover.
func (r *runner) cover(sp *simPact, m int, others []int) float64 {
	v := r.threat[m]
	if v.need == 0 || !sp.defense {
		return 0
	}
	var part float64
	for _, j := range others {
		part += r.trustFactor(sp, m, j) * r.cap[j]
	}
	without := v.need / (v.need + r.cap[m] + math.Max(0, v.allied-part))
	return without - v.uncovered
}

// maybeDissolve ends a pact down to one voting member (by its decision)
// and, with the dissolution mechanism, puts dissolution to the vote when
// the pact's health has been failing for FailYears: members vote yes when
// their reasons to leave outweigh what it does for them.
func (r *runner) maybeDissolve(sp *simPact, y int) error {
	voters := r.voters(sp)
	title := "Dissolve the pact"
	switch {
	case len(voters) == 0:
		return nil
	case len(r.members(sp)) == 1:
		return r.putToVote(sp, voters[0], entente.Propose{Matter: entente.Dissolution, Title: title}, y, dayLeave,
			func(int) entente.Choice { return entente.Yes })
	case !r.p.On(Dissolution) || sp.failYears < r.p.FailYears:
		return nil
	}
	sp.failYears = 0
	by := voters[0]
	for _, m := range voters {
		if r.reasons(sp, m) > r.reasons(sp, by) {
			by = m
		}
	}
	return r.putToVote(sp, by, entente.Propose{Matter: entente.Dissolution, Title: title + ": its health collapsed"}, y, dayLeave,
		func(m int) entente.Choice {
			if r.reasons(sp, m) > 0 {
				return entente.Yes
			}
			return entente.No
		})
}

// yearEnd records what time brought about in every pact by the year's
// end, then assesses each pact's health and trust (package health, over
// the year, on the last health.window years of its record) for next
// year's choices.
func (r *runner) yearEnd(y int) error {
	now := at(y, dayYearEnd)
	for _, sp := range r.live() {
		if err := r.advance(sp, now); err != nil {
			return err
		}
	}
	if (y-r.w.Start)%r.p.HealthEvery != 0 {
		return nil
	}
	for _, sp := range r.live() {
		var tr *trust.Result
		sp.health, tr = r.assess(r.recent(sp, now), now, 365*24*time.Hour)
		sp.setTrust(tr)
		switch {
		case math.IsNaN(sp.health): // no data: neither failing nor recovering
		case sp.health < r.p.HealthFloor:
			sp.failYears++
		default:
			sp.failYears = 0
		}
	}
	r.updateReputation()
	return nil
}

// updateReputation sets each actor's reputation to the mean trust its
// fellow members place in it across the live pacts (the neutral 0.5
// without a record).
func (r *runner) updateReputation() {
	sum := make([]float64, len(r.ids))
	cnt := make([]float64, len(r.ids))
	for _, sp := range r.live() {
		ms := r.members(sp)
		for _, i := range ms {
			for _, j := range ms {
				if i != j {
					sum[j] += r.trustIn(sp, i, j)
					cnt[j]++
				}
			}
		}
	}
	for j := range r.reput {
		r.reput[j] = trustNeutral
		if cnt[j] > 0 {
			r.reput[j] = sum[j] / cnt[j]
		}
	}
}

// assess is a pact's health score and trust at now over the period
// before: health.ScorePact, which gives what health.AssessPact does
// without the report's texts and alerts (the naive reference runs the
// full assessment).
func (r *runner) assess(s *entente.PactState, now time.Time, period time.Duration) (float64, *trust.Result) {
	if r.fullAssess {
		a := health.AssessPact(s, r.actor, now, period)
		return a.Health.Score, a.Trust
	}
	if r.slow { // trust's scores in a map, as before trust.Options.Table
		return health.ScorePactTrust(s, r.actor, now, period, trust.Options{})
	}
	// The agents read the pairwise scores, never the EigenTrust ranking.
	return health.ScorePactTrust(s, r.actor, now, period, trust.Options{Table: true, NoRanking: true})
}

// consultValue is what a pact of consultation or non-aggression is worth
// to m (the consultation mechanism): consult.benefit times m's mean
// affinity to the others. A defence pact's worth is the cover it gives.
func (r *runner) consultValue(sp *simPact, m int, others []int) float64 {
	if sp.defense || !r.p.On(Consultation) {
		return 0
	}
	var a float64
	for _, j := range others {
		a += r.affinity(m, j)
	}
	return r.p.ConsultBenefit * a / float64(len(others))
}
