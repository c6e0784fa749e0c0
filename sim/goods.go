package sim

import (
	"math"

	"github.com/entente/entente"
)

// pledge has every active member of a defence pact pledge its share of
// the common defence: PledgeRate times its capability, the agreed norm,
// due before the year ends.
func (r *runner) pledge(y int) error {
	for _, sp := range r.live() {
		sp.pledges = map[int]int{}
		if !sp.defense {
			continue
		}
		for _, m := range r.members(sp) {
			if sp.s.Members.Get(r.ids[m]).Status != entente.Active {
				continue
			}
			amount := math.Min(r.p.PledgeRate*r.cap[m], entente.MaxAmount)
			if !(amount > 0) {
				continue
			}
			cmd := entente.Pledge{Resource: Military, Amount: amount, Due: at(y, dayDue)}
			if err := r.exec(sp, r.ids[m], cmd, at(y, dayPledge)); err != nil {
				return err
			}
			sp.pledges[m] = sp.s.Commitments.Len() - 1
			r.stats.pledged += amount
		}
	}
	return nil
}

// deliver has every member deliver against its pledge. With the
// public-goods mechanism a member moves part of the way (Adjustment)
// from last year's delivery towards its best reply to what the others
// delivered (BestReply); without it, members deliver what they pledged.
func (r *runner) deliver(y int) error {
	for _, sp := range r.live() {
		if len(sp.pledges) == 0 {
			continue
		}
		if err := r.deliverPact(sp, y); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) deliverPact(sp *simPact, y int) error {
	ms := sortedKeys(sp.pledges)
	last := make(map[int]float64, len(ms))
	total := 0.0
	for _, m := range ms {
		x, ok := sp.delivered[m]
		if !ok {
			x = sp.s.Commitments.At(sp.pledges[m]).Amount // a new member is expected to keep its word
		}
		last[m] = x
		total += x
	}
	next := make(map[int]float64, len(ms))
	for _, m := range ms {
		c := sp.s.Commitments.At(sp.pledges[m])
		x := r.delivery(m, c.Amount, last[m], total-last[m])
		next[m] = x
		if x < 1e-9 {
			continue
		}
		if err := r.exec(sp, r.ids[m], entente.Contribute{Commitment: c.ID, Amount: x}, at(y, dayDeliver)); err != nil {
			return err
		}
	}
	sp.delivered = next
	r.stats.burden(ms, next, r.cap)
	return nil
}

// delivery is what member m delivers this year against its pledge, given
// its own delivery and the others' last year.
func (r *runner) delivery(m int, pledged, last, others float64) float64 {
	target := pledged
	if r.p.On(PublicGoods) {
		v := r.p.Valuation * r.cap[m] * (1 + r.threat[m].uncovered)
		target = BestReply(v, r.p.Saturation, pledged, r.p.Monitoring*r.p.Penalty, others)
		target = last + r.p.Adjustment*(target-last)
	}
	x := target * (1 + r.p.GoodsNoise*r.rng.NormFloat64())
	return math.Min(math.Max(x, 0), math.Min(r.cap[m], entente.MaxAmount))
}

// BestReply is a member's best delivery x in the public-goods game of
// Olson and Zeckhauser (1966): the pact's defence X = x + others is a
// public good worth v·ln(κ + X) to a member who values it at v (larger
// members value it more), delivery costs one per unit, and a shortfall
// below the pledge, if detected, is sanctioned; expected is the detection
// chance times the sanction per unit. Maximising
//
//	u(x) = v·ln(κ + x + others) − x − expected·max(0, pledge − x)
//
// gives the unconstrained reply v − κ − others; below the pledge the
// marginal cost is only 1 − expected, so the member delivers up to
// v/(1 − expected) − κ − others there, and all of the pledge once
// expected ≥ 1. Without monitoring (expected 0) only the members who value
// the good most deliver anything: the exploitation of the great by the
// small.
func BestReply(v, kappa, pledge, expected, others float64) float64 {
	free := math.Max(0, v-kappa-others)
	if free >= pledge {
		return free
	}
	if expected >= 1 {
		return pledge
	}
	bound := math.Max(0, v/(1-expected)-kappa-others)
	return math.Max(free, math.Min(pledge, bound))
}

// Equilibrium returns the Nash equilibrium deliveries of the public-goods
// game BestReply describes, for members valuing the good at v and
// pledging pledges: best replies in turn (Gauss–Seidel) from the pledges
// until no delivery moves by more than 1e-12 of the total, or 10,000
// rounds. Without monitoring it is the prediction of Olson and Zeckhauser:
// the member who values the pact most carries it alone.
func Equilibrium(v, pledges []float64, kappa, expected float64) []float64 {
	x := append([]float64(nil), pledges...)
	for round := 0; round < 10000; round++ {
		total, moved := 0.0, 0.0
		for _, xi := range x {
			total += xi
		}
		for i := range x {
			nx := BestReply(v[i], kappa, pledges[i], expected, total-x[i])
			moved = math.Max(moved, math.Abs(nx-x[i]))
			total += nx - x[i]
			x[i] = nx
		}
		if moved <= 1e-12*math.Max(total, 1) {
			break
		}
	}
	return x
}
