package http

import (
	"math"
	"net/http"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/sim"
)

// Bounds on the work of one what-if request: a run steps the pact through
// its periods with every member acting, so the cost is about runs ×
// periods × members; beyond these a request is refused with the limit
// named (413), and 'entente sim --pact' runs larger what-ifs on the store.
const (
	WhatIfMaxPeriods = 120  // ten years of 30-day periods
	WhatIfMaxRuns    = 500  // replications
	WhatIfMaxWork    = 6000 // runs × periods
	WhatIfMaxMembers = 50   // members of the pact
)

// whatIfDoc documents GET /api/pacts/{pact}/whatif in the route table.
var whatIfDoc = doc{
	"What if: simulate the pact's next periods of 30 days (?periods=12, default 12, at most 120) in replications (?runs=100, at most 500, runs × periods at most 6000; ?seed=7) under assumptions (?assume=ACTOR=SHARE, repeatable: the member delivers SHARE of its pledges, 0.4 or 40%; default its record), through the pact's own rules on a copy; the distribution of its health, the probability that a dispute reaches arbitration and of dissolution. Pacts of more than 50 members and larger work answer 413",
	nil, []string{"periods", "runs", "seed", "assume"}, WhatIfView{}}

// WhatIfView is the answer of GET /api/pacts/{pact}/whatif.
type WhatIfView struct {
	Pact       entente.PactID `json:"pact"`
	Periods    int            `json:"periods"`
	PeriodDays int            `json:"period_days"`
	Runs       int            `json:"runs"`
	Seed       uint64         `json:"seed"`
	// Assumptions state in words what each member was assumed to do.
	Assumptions []string `json:"assumptions"`
	// Health is the pact's health at the end (0-100): the median and the
	// 5% and 95% quantiles across runs (null when unknown).
	Health WhatIfHealth `json:"health"`
	// Arbitration and Dissolution are the shares of runs in which a
	// dispute reached arbitration and in which the pact dissolved.
	Arbitration float64 `json:"p_arbitration"`
	Dissolution float64 `json:"p_dissolution"`
}

// WhatIfHealth is the distribution of the final health across runs.
type WhatIfHealth struct {
	Median number.Float `json:"median"`
	Q05    number.Float `json:"q05"`
	Q95    number.Float `json:"q95"`
}

// pactWhatIf answers GET /api/pacts/{pact}/whatif: the what-if of
// 'entente sim --pact', bounded, and stopped when the client goes away.
func (s *Server) pactWhatIf(w http.ResponseWriter, r *http.Request) {
	id := entente.PactID(r.PathValue("pact"))
	st, err := s.readablePact(r, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	o, err := whatIfQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if n := len(st.InPact()); n > WhatIfMaxMembers {
		s.writeError(w, r, entente.FieldErrorf(entente.ETOOLARGE, "pact", "a what-if over the API simulates pacts of at most %d members; %s has %d (run 'entente sim --pact %s' on the store instead)", WhatIfMaxMembers, id, n, id))
		return
	}
	if st.Dissolved != nil {
		s.writeError(w, r, entente.FieldErrorf(entente.ECONFLICT, "pact", "pact %s has ended: there is nothing to simulate", id))
		return
	}
	for a := range o.Deliver {
		if m := st.Members.Get(a); m == nil || !m.InPact() {
			s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "assume", "%s is not a member of pact %s", a, id))
			return
		}
	}
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := s.svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	res, err := sim.WhatIfPactContext(r.Context(), st, actors, o)
	if r.Context().Err() != nil {
		return // the client went away: no one to answer
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := WhatIfView{Pact: id, Periods: o.Periods, PeriodDays: int(health.DefaultPeriod / entente.Day), Runs: o.Runs, Seed: o.Seed,
		Assumptions: orEmpty(res.Assumptions), Arbitration: res.Arbitration, Dissolution: res.Dissolution,
		Health: WhatIfHealth{Median: number.Float(res.HealthQuantile(0.5)), Q05: number.Float(res.HealthQuantile(0.05)), Q95: number.Float(res.HealthQuantile(0.95))}}
	writeJSON(w, http.StatusOK, v)
}

// whatIfQuery reads and bounds the what-if's query: periods, runs, seed
// and the assumptions.
func whatIfQuery(r *http.Request) (sim.WhatIf, error) {
	q := r.URL.Query()
	o := sim.WhatIf{Periods: 12, Runs: 100, Seed: 7, Params: sim.DefaultParams(), Deliver: map[entente.ActorID]float64{}}
	for _, p := range []struct {
		name     string
		v        *int
		min, max int
	}{{"periods", &o.Periods, 1, WhatIfMaxPeriods}, {"runs", &o.Runs, 1, WhatIfMaxRuns}} {
		t := q.Get(p.name)
		if t == "" {
			continue
		}
		n, err := strconv.Atoi(t)
		switch {
		case err != nil:
			return o, entente.FieldErrorf(entente.EINVALID, p.name, "expected a whole number, got %q", t)
		case n < p.min:
			return o, entente.FieldErrorf(entente.EINVALID, p.name, "expected at least %d, got %d", p.min, n)
		case n > p.max:
			return o, entente.FieldErrorf(entente.ETOOLARGE, p.name, "expected at most %d over the API, got %d (run 'entente sim --pact' on the store for more)", p.max, n)
		}
		*p.v = n
	}
	if o.Runs*o.Periods > WhatIfMaxWork {
		return o, entente.FieldErrorf(entente.ETOOLARGE, "runs", "runs × periods is %d; at most %d over the API (run 'entente sim --pact' on the store for more)", o.Runs*o.Periods, WhatIfMaxWork)
	}
	if t := q.Get("seed"); t != "" {
		n, err := strconv.ParseUint(t, 10, 64)
		if err != nil {
			return o, entente.FieldErrorf(entente.EINVALID, "seed", "expected a whole number of at least 0, got %q", t)
		}
		o.Seed = n
	}
	for _, a := range q["assume"] {
		id, share, err := sim.ParseDeliver(a)
		if err != nil {
			return o, entente.FieldErrorf(entente.EINVALID, "assume", "%s", err.Error())
		}
		if !(share >= 0 && share <= 10) || math.IsInf(share, 0) {
			return o, entente.FieldErrorf(entente.EINVALID, "assume", "%s delivers %v of its pledges; expected a share from 0 to 10", id, share)
		}
		o.Deliver[id] = share
	}
	return o, nil
}
