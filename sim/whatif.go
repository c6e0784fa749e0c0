package sim

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/trust"
)

// WhatIf asks what becomes of a live pact over its next periods under
// stated assumptions. Each period every active member pledges what it
// usually pledged (the mean amount of its commitments in the record, of
// the resource of its last one; a member that never pledged pledges
// nothing) due at the period's end, and delivers Deliver[member] of it
// (its record's delivery ratio, capped at 1, when not given; 1 without a
// record), with relative noise goods.noise. A delivery below 80% of the
// pledge, detected with probability goods.monitoring, leads the strongest
// other member (by the agreement's power measure) to raise a dispute with
// probability disputes.rate·2·(1 − its trust in the shirker); an open
// dispute settles each period with probability disputes.resolve·2·(the
// parties' mean trust), else its raiser asks to climb with probability
// disputes.escalate, and the agreement's ladder climbs on its deadlines;
// an arbitration ends in an award the next period. A member gives notice
// with the period's share of the yearly probability logistic(leave.bias +
// leave.scale·A), A its fear of abandonment (trust below trust.floor and
// the others' undelivered share, as in a run). After health.years
// periods with health below health.floor, dissolution is put to the vote
// under the pact's rule, each member voting yes when its fear of
// abandonment is positive. Everything goes through entente.Execute and
// entente.Advance on a copy: the pact itself is only read.
type WhatIf struct {
	// Periods to simulate, each of Period (0: health.DefaultPeriod).
	Periods int
	Period  time.Duration
	// Start is when the first period starts (zero: the pact's last event).
	Start time.Time
	// Deliver is the assumed share of its pledges a member delivers.
	Deliver map[entente.ActorID]float64
	// Runs and Seed: the replications and the seed fixing their draws.
	Runs int
	Seed uint64
	// Params tune the behaviour (DefaultParams when zero).
	Params Params
}

// WhatIfResult is the distribution of what became of the pact.
type WhatIfResult struct {
	// Assumptions state in words what was assumed of each member.
	Assumptions []string
	// Health holds each run's final health score (NaN when unknown),
	// sorted.
	Health []float64
	// Arbitration is the share of runs in which a dispute reached
	// arbitration, Dissolution the share in which the pact dissolved.
	Arbitration, Dissolution float64
}

// HealthQuantile returns the q-quantile of the final health scores that
// are known, NaN if none is.
func (r *WhatIfResult) HealthQuantile(q float64) float64 {
	var known []float64
	for _, h := range r.Health {
		if !math.IsNaN(h) {
			known = append(known, h)
		}
	}
	if len(known) == 0 {
		return math.NaN()
	}
	return Quantile(known, q)
}

// habit is what a member usually pledges.
type habit struct {
	resource string
	amount   float64
	share    float64 // assumed share delivered
}

// WhatIfPact simulates the next periods of the live pact s (read, never
// changed) under the assumptions of o; actors gives the registry's actors
// (for capabilities and the rules' weights).
func WhatIfPact(s *entente.PactState, actors func(entente.ActorID) *entente.Actor, o WhatIf) (*WhatIfResult, error) {
	return WhatIfPactContext(context.Background(), s, actors, o)
}

// WhatIfPactContext is WhatIfPact that stops, with ctx's error, when ctx
// ends: it looks before each run and each period.
func WhatIfPactContext(ctx context.Context, s *entente.PactState, actors func(entente.ActorID) *entente.Actor, o WhatIf) (*WhatIfResult, error) {
	if s == nil || s.Dissolved != nil {
		return nil, fmt.Errorf("what-if: expected a pact in force")
	}
	if o.Periods < 1 || o.Runs < 1 {
		return nil, fmt.Errorf("what-if: expected at least 1 period and 1 run, got %d and %d", o.Periods, o.Runs)
	}
	if o.Period <= 0 {
		o.Period = health.DefaultPeriod
	}
	if o.Start.IsZero() {
		o.Start = s.Updated
	}
	if o.Params.Off == nil {
		o.Params = DefaultParams()
	}
	if err := o.Params.Validate(); err != nil {
		return nil, err
	}
	for id, share := range o.Deliver {
		if m := s.Members.Get(id); m == nil || !m.InPact() {
			return nil, fmt.Errorf("what-if: %s is not a member of pact %s", id, s.Pact.ID)
		}
		if !(share >= 0 && share <= 10) {
			return nil, fmt.Errorf("what-if: %s delivers %v of its pledges; expected a share from 0 to 10", id, share)
		}
	}
	habits := map[entente.ActorID]habit{}
	res := &WhatIfResult{}
	for _, id := range s.InPact() {
		var n, amount, delivered float64
		h := habit{share: 1}
		for _, c := range s.Commitments.All() { // the resource it pledged last
			if c.Member == id && c.Amount > 0 {
				h.resource = c.Resource
			}
		}
		for _, c := range s.Commitments.All() {
			if c.Member == id && c.Amount > 0 && c.Resource == h.resource {
				n++
				amount += c.Amount
				delivered += math.Min(c.Delivered, c.Amount)
			}
		}
		what := "pledges nothing (no commitment in the record)"
		source := "its record"
		if n > 0 {
			h.amount, h.share = amount/n, delivered/amount
		}
		if share, ok := o.Deliver[id]; ok {
			h.share, source = share, "assumed"
		}
		if n > 0 {
			what = fmt.Sprintf("pledges %.4g %s a period (its mean pledge of it) and delivers %.0f%% of it (%s)", h.amount, h.resource, 100*h.share, source)
		}
		habits[id] = h
		res.Assumptions = append(res.Assumptions, string(id)+" "+what)
	}
	var arb, dis float64
	for run := 0; run < o.Runs; run++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h, a, d, err := whatIfRun(ctx, s, actors, o, habits, run)
		if err != nil {
			return nil, fmt.Errorf("what-if run %d: %w", run, err)
		}
		res.Health = append(res.Health, h)
		if a {
			arb++
		}
		if d {
			dis++
		}
	}
	sort.Float64s(res.Health)
	res.Arbitration, res.Dissolution = arb/float64(o.Runs), dis/float64(o.Runs)
	return res, nil
}

// whatIfRun is one replication: the final health, whether a dispute
// reached arbitration, whether the pact dissolved.
func whatIfRun(ctx context.Context, s *entente.PactState, actors func(entente.ActorID) *entente.Actor, o WhatIf, habits map[entente.ActorID]habit,
	run int) (float64, bool, bool, error) {
	ids := make([]entente.ActorID, 0, s.Members.Len())
	for id := range s.Members.All() {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	w := &World{Start: o.Start.Year()}
	measure := s.Pact.Agreement.PowerMeasureOrDefault()
	for _, id := range ids {
		c := 1.0
		if a := actors(id); a != nil && a.Capabilities[measure] > 0 {
			c = a.Capabilities[measure]
		}
		w.Actors = append(w.Actors, ActorSpec{ID: id, Capability: c})
	}
	r := newRunner(w, o.Params, rand.New(rand.NewPCG(o.Seed, uint64(run))))
	r.keepLogs = true // arbitrations are read from the log
	for i, id := range ids {
		if a := actors(id); a != nil {
			r.actors[i] = a
		}
		r.present[i] = true
	}
	r.stats = newYearStats()
	sp := &simPact{id: s.Pact.ID, s: s.Fork(), delivered: map[int]float64{}, defense: true}
	var tr *trust.Result
	sp.health, tr = r.assess(s, o.Start, o.Period) // trust as the record stands
	sp.setTrust(tr)
	arbitration := false
	for k := 0; k < o.Periods && sp.s.Dissolved == nil; k++ {
		if err := ctx.Err(); err != nil {
			return 0, false, false, err
		}
		from := o.Start.Add(time.Duration(k) * o.Period)
		tick := func(f float64) time.Time { return from.Add(time.Duration(f * float64(o.Period))) }
		if err := r.advance(sp, tick(0.01)); err != nil {
			return 0, false, false, err
		}
		sp.pledges = map[int]int{}
		for _, m := range r.members(sp) {
			h := habits[r.ids[m]]
			if sp.s.Members.Get(r.ids[m]).Status != entente.Active || !(h.amount > 0) {
				continue
			}
			cmd := entente.Pledge{Resource: h.resource, Amount: h.amount, Due: tick(0.9)}
			if err := r.exec(sp, r.ids[m], cmd, tick(0.01)); err != nil {
				return 0, false, false, err
			}
			sp.pledges[m] = sp.s.Commitments.Len() - 1
		}
		for _, m := range sortedKeys(sp.pledges) {
			c := sp.s.Commitments.At(sp.pledges[m])
			x := math.Min(c.Amount*habits[r.ids[m]].share*(1+o.Params.GoodsNoise*r.rng.NormFloat64()), entente.MaxAmount)
			sp.delivered[m] = math.Max(x, 0)
			if x > 1e-9 {
				if err := r.exec(sp, r.ids[m], entente.Contribute{Commitment: c.ID, Amount: x}, tick(0.5)); err != nil {
					return 0, false, false, err
				}
			}
		}
		if err := r.whatIfDisputes(sp, tick(0.6)); err != nil {
			return 0, false, false, err
		}
		for _, m := range r.members(sp) {
			if sp.s.Members.Get(r.ids[m]).Status != entente.Active {
				continue
			}
			yearly := 1 / (1 + math.Exp(-(o.Params.LeaveBias + o.Params.LeaveScale*r.whatIfFear(sp, m))))
			if r.rng.Float64() < 1-math.Pow(1-yearly, float64(o.Period)/float64(365*entente.Day)) {
				if err := r.exec(sp, r.ids[m], entente.GiveNotice{}, tick(0.7)); err != nil {
					return 0, false, false, err
				}
			}
		}
		end := tick(1)
		if err := r.advance(sp, end); err != nil {
			return 0, false, false, err
		}
		if sp.s.Dissolved != nil {
			break
		}
		sp.health, tr = r.assess(sp.s, end, o.Period)
		sp.setTrust(tr)
		if !math.IsNaN(sp.health) && sp.health < o.Params.HealthFloor {
			sp.failYears++
		} else if !math.IsNaN(sp.health) {
			sp.failYears = 0
		}
		if err := r.whatIfDissolve(sp, end); err != nil {
			return 0, false, false, err
		}
	}
	for _, e := range sp.log {
		if d, ok := e.Data.(entente.DisputeEscalated); ok && d.Stage == entente.Arbitration {
			arbitration = true
		}
	}
	for _, d := range s.Disputes.All() { // already in arbitration when the what-if began
		arbitration = arbitration || d.Stage == entente.Arbitration
	}
	return sp.health, arbitration, sp.s.Dissolved != nil, nil
}

// whatIfFear is member m's fear of abandonment in sp.
func (r *runner) whatIfFear(sp *simPact, m int) float64 {
	others := r.others(sp, m)
	if len(others) == 0 {
		return 0
	}
	return r.p.AbandonCost * r.abandonment(sp, m, others)
}

// whatIfDisputes moves the open disputes and raises new ones over
// detected shortfalls, at t.
func (r *runner) whatIfDisputes(sp *simPact, t time.Time) error {
	if err := r.advance(sp, t); err != nil {
		return err
	}
	for _, d := range sp.s.Disputes.All() {
		if d.Stage == entente.Closed || sp.s.Dissolved != nil {
			continue
		}
		i, j := r.index[d.Parties[0]], r.index[d.Parties[1]]
		tau := (r.trustIn(sp, i, j) + r.trustIn(sp, j, i)) / 2
		var cmd entente.Command
		switch {
		case d.Stage == entente.Arbitration:
			cmd = entente.ResolveDispute{Dispute: d.ID, Outcome: "arbitral award"}
		case r.rng.Float64() < math.Min(1, r.p.ResolveRate*2*tau):
			cmd = entente.ResolveDispute{Dispute: d.ID, Outcome: "settled"}
		case r.rng.Float64() < r.p.EscalateRate:
			cmd = entente.EscalateDispute{Dispute: d.ID}
		default:
			continue
		}
		if err := r.exec(sp, d.Parties[0], cmd, t); err != nil {
			return err
		}
	}
	for _, j := range sortedKeys(sp.pledges) {
		c := sp.s.Commitments.At(sp.pledges[j])
		if c.Delivered >= 0.8*c.Amount || r.rng.Float64() >= r.p.Monitoring {
			continue
		}
		i := r.strongestOther(sp, j)
		if i < 0 || r.openBetween(sp, i, j) || r.rng.Float64() >= math.Min(1, r.p.DisputeRate*2*(1-r.trustIn(sp, i, j))) {
			continue
		}
		if m := sp.s.Members.Get(r.ids[j]); m == nil || !m.InPact() {
			continue
		}
		cmd := entente.RaiseDispute{Against: []entente.ActorID{r.ids[j]}, Subject: "shortfall on " + c.ID}
		if err := r.exec(sp, r.ids[i], cmd, t); err != nil {
			return err
		}
	}
	return nil
}

// whatIfDissolve puts dissolution to the vote after FailYears failing
// periods; each voter says yes when it fears abandonment.
func (r *runner) whatIfDissolve(sp *simPact, t time.Time) error {
	voters := r.voters(sp)
	if !r.p.On(Dissolution) || sp.failYears < r.p.FailYears || len(voters) == 0 {
		return nil
	}
	sp.failYears = 0
	cmd := entente.Propose{Matter: entente.Dissolution, Title: "Dissolve the pact: its health collapsed"}
	if err := r.exec(sp, r.ids[voters[0]], cmd, t); err != nil {
		return err
	}
	p := sp.s.Proposals.Last()
	for _, voter := range p.Electorate {
		if q := sp.s.Proposal(p.ID); q.Decision != nil || sp.s.Dissolved != nil {
			break
		}
		if m := sp.s.Members.Get(voter); m == nil || !m.CanVote() {
			continue
		}
		choice := entente.No
		if r.whatIfFear(sp, r.index[voter]) > 0 {
			choice = entente.Yes
		}
		if err := r.exec(sp, voter, entente.CastVote{Proposal: p.ID, Choice: choice}, t); err != nil {
			return err
		}
	}
	return nil
}

// ParseDeliver reads an assumption "ACTOR=SHARE" (SHARE a fraction such as
// 0.4, or a percentage such as 40%).
func ParseDeliver(s string) (entente.ActorID, float64, error) {
	id, v, ok := strings.Cut(s, "=")
	pct := strings.HasSuffix(v, "%")
	var share float64
	_, err := fmt.Sscanf(strings.TrimSuffix(v, "%"), "%g", &share)
	if !ok || id == "" || err != nil {
		return "", 0, fmt.Errorf("expected ACTOR=SHARE (0.4 or 40%%), got %q", s)
	}
	if pct {
		share /= 100
	}
	return entente.ActorID(id), share, nil
}

// WriteText writes the result in words: the pact, the periods, runs and
// seed, each assumption, the health quantiles and the probabilities.
func (r *WhatIfResult) WriteText(w io.Writer, pact entente.PactID, o WhatIf) error {
	period := o.Period
	if period <= 0 {
		period = health.DefaultPeriod
	}
	var b strings.Builder
	fmt.Fprintf(&b, "What if: pact %s over its next %d periods of %d days, %d runs (seed %d). Assumed:\n",
		pact, o.Periods, int(period/entente.Day), o.Runs, o.Seed)
	for _, a := range r.Assumptions {
		fmt.Fprintf(&b, "  %s\n", a)
	}
	fmt.Fprintf(&b, "health at the end: median %.1f, 90%% of runs between %.1f and %.1f (0-100)\n",
		r.HealthQuantile(0.5), r.HealthQuantile(0.05), r.HealthQuantile(0.95))
	fmt.Fprintf(&b, "P(a dispute reaches arbitration) = %.2f\nP(dissolution) = %.2f\n", r.Arbitration, r.Dissolution)
	_, err := io.WriteString(w, b.String())
	return err
}
