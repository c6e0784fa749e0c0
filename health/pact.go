package health

import (
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/entente/entente/trust"
)

// DefaultPeriod is the length of the periods a live pact is assessed in.
const DefaultPeriod = 30 * entente.Day

// Assessment is everything Entente measures of a live pact at one time.
type Assessment struct {
	Health Report         `json:"health"`
	Trust  *trust.Result  `json:"trust"`
	Burden *burden.Result `json:"burden"`
}

// AssessPact measures a ledger pact at now over the last period: trust from
// its record, burden against the capability its agreement names (valued by
// the agreement's Valuation), and the health score built on both. Periods
// for the free-rider test run from the founding in steps of period.
func AssessPact(s *entente.PactState, actors func(entente.ActorID) *entente.Actor, now time.Time, period time.Duration) Assessment {
	if period <= 0 {
		period = DefaultPeriod
	}
	return assessPact(s, actors, now, period, nil)
}

// ScorePact returns what AssessPact would give as the health score and
// the trust analysis, and nothing else: no details, alerts or free-rider
// periods, and trust scores without their lists of evidence, kept in a
// table (trust.Options.Table) rather than the map Result.Trust, which only
// the report reads and which cost most of an assessment. A simulation
// uses it to assess every pact every year.
func ScorePact(s *entente.PactState, actors func(entente.ActorID) *entente.Actor, now time.Time, period time.Duration) (float64, *trust.Result) {
	return ScorePactTrust(s, actors, now, period, trust.Options{Table: true})
}

// ScorePactTrust is ScorePact with trust computed under the options
// given, NoEvidence always set: with Table unset the scores are in the map
// Result.Trust and the burden analysis behind the score runs whole (with
// its cost splits, which the score never reads), as ScorePact did before
// Table, for comparisons; with Table set the cost splits are left out
// (burden.Options.NoSplits). The score is the same either way.
func ScorePactTrust(s *entente.PactState, actors func(entente.ActorID) *entente.Actor, now time.Time, period time.Duration, opts trust.Options) (float64, *trust.Result) {
	if period <= 0 {
		period = DefaultPeriod
	}
	opts.NoEvidence = true
	a := assessPact(s, actors, now, period, &opts)
	return a.Health.Score, a.Trust
}

// assessPact assesses the pact; a score-only assessment when trust
// options are given, the whole report when they are nil.
func assessPact(s *entente.PactState, actors func(entente.ActorID) *entente.Actor, now time.Time, period time.Duration, scoreOnlyTrust *trust.Options) Assessment {
	scoreOnly := scoreOnlyTrust != nil
	topts := trust.Options{}
	if scoreOnly {
		topts = *scoreOnlyTrust
	}
	tr := trust.Compute(s, now, topts)
	ids := make([]entente.ActorID, 0, s.Members.Len())
	for id := range s.Members.All() {
		ids = append(ids, id)
	}
	measure := s.Pact.Agreement.PowerMeasureOrDefault()
	caps := burden.Capabilities(ids, actors, measure)
	var prices burden.Prices
	if len(s.Pact.Agreement.Valuation) > 0 {
		prices = burden.Prices(s.Pact.Agreement.Valuation)
	}
	var bounds []time.Time // the free-rider periods, read by the alerts alone
	if !scoreOnly {
		bounds = periodBounds(s.Founded, now, period)
	}
	in := burden.FromPact(s, prices, caps, bounds)
	in.Members = s.InPact()
	// The score reads no cost split (burdenComponent); see ScorePactTrust.
	br := burden.Analyze(in, burden.Options{NoSplits: scoreOnly && topts.Table})
	report := Assess(Input{State: s, From: now.Add(-period), To: now, Trust: tr, Burden: br, Capability: caps}, Options{ScoreOnly: scoreOnly})
	return Assessment{Health: report, Trust: tr, Burden: br}
}

// periodBounds returns from, from+p, ... up to the last bound not after
// now, then now, so the last period ends at now.
func periodBounds(from, now time.Time, p time.Duration) []time.Time {
	var b []time.Time
	for t := from; t.Before(now); t = t.Add(p) {
		b = append(b, t)
	}
	return append(b, now)
}
