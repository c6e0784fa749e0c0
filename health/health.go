package health

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/entente/entente/trust"
)

// The component names.
const (
	Trust         = "trust"
	Burden        = "burden"
	Cohesion      = "cohesion"
	CohesionTrend = "cohesion_trend"
	Disputes      = "disputes"
	Commitments   = "commitments"
	Objectives    = "objectives"
	PowerShift    = "power_shift"
)

// Component is one named part of the score.
type Component struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"` // 0 (bad) to 1 (good); NaN: no data
	Weight float64 `json:"weight"`
	Detail string  `json:"detail"`
}

// Severity ranks warnings.
type Severity string

// The severities.
const (
	Notice   Severity = "notice"
	Warning  Severity = "warning"
	Critical Severity = "critical"
)

// Alert is an early warning: what is wrong, about whom, and why.
type Alert struct {
	Severity  Severity        `json:"severity"`
	Component string          `json:"component"`
	Member    entente.ActorID `json:"member,omitempty"`
	Ref       string          `json:"ref,omitempty"` // the commitment, dispute, objective or proposal
	Message   string          `json:"message"`
}

// Report is a pact's health for a period.
type Report struct {
	Pact       entente.PactID `json:"pact"`
	From       time.Time      `json:"from"`
	To         time.Time      `json:"to"`
	Score      float64        `json:"score"` // 0 to 100; NaN when no component has data
	Components []Component    `json:"components"`
	Missing    []string       `json:"missing,omitempty"`
	Alerts     []Alert        `json:"alerts"`
}

// Input is what an assessment reads. Trust and Burden are the analyses of
// State at To; CapabilityBefore, when given, holds members' capabilities
// at From for the power-shift component.
type Input struct {
	State            *entente.PactState
	From, To         time.Time
	Trust            *trust.Result
	Burden           *burden.Result
	Capability       map[entente.ActorID]float64
	CapabilityBefore map[entente.ActorID]float64
}

// Options tunes an assessment. Zero values take the defaults.
type Options struct {
	Weights map[string]float64
	// LowTrust: a member whose mean trust from the others is below it
	// draws a warning. 0 means 0.5, the neutral prior of the beta model.
	LowTrust float64
	// ScoreOnly leaves out the components' details and the alerts: the
	// score and the component values are the same, without the cost of
	// writing text no one reads (a simulation assesses every pact every
	// year).
	ScoreOnly bool
}

// DefaultWeights are the component weights used when Options sets none.
func DefaultWeights() map[string]float64 {
	return map[string]float64{Trust: 1, Burden: 1, Cohesion: 1, CohesionTrend: 0.5, Disputes: 1,
		Commitments: 1, Objectives: 1, PowerShift: 1}
}

// Assess scores the pact in in for the period [From, To].
func Assess(in Input, opts Options) Report {
	if opts.Weights == nil {
		opts.Weights = DefaultWeights()
	}
	if !(opts.LowTrust > 0) {
		opts.LowTrust = 0.5
	}
	r := Report{Pact: in.State.Pact.ID, From: in.From, To: in.To, Alerts: []Alert{}}
	text := !opts.ScoreOnly
	add := func(name string, value float64, detail string, alerts []Alert) {
		if !text {
			detail, alerts = "", nil
		}
		r.Components = append(r.Components, Component{Name: name, Value: value, Weight: opts.Weights[name], Detail: detail})
		r.Alerts = append(r.Alerts, alerts...)
	}
	members := in.State.InPact() // read by several components
	v, d, a := trustComponent(in, members, opts.LowTrust, text)
	add(Trust, v, d, a)
	v, d, a = burdenComponent(in, text)
	add(Burden, v, d, a)
	now, before := cohesion(in.State, in.From, in.To), cohesion(in.State, in.From.Add(-in.To.Sub(in.From)), in.From)
	v, d, a = cohesionComponents(now, before, text)
	d2 := ""
	if text {
		d2 = now.detail()
	}
	add(Cohesion, now.Value, d2, a)
	add(CohesionTrend, v, d, nil)
	v, d, a = disputeComponent(in, len(members), text)
	add(Disputes, v, d, a)
	v, d, a = commitmentComponent(in, text)
	add(Commitments, v, d, a)
	v, d, a = objectiveComponent(in, text)
	add(Objectives, v, d, a)
	v, d, a = powerShiftComponent(in, members, text)
	add(PowerShift, v, d, a)
	r.Score, r.Missing = score(r.Components)
	sortAlerts(r.Alerts)
	return r
}

func score(cs []Component) (float64, []string) {
	var sum, weights float64
	var missing []string
	for _, c := range cs {
		if math.IsNaN(c.Value) {
			missing = append(missing, c.Name)
			continue
		}
		sum += c.Weight * c.Value
		weights += c.Weight
	}
	if weights == 0 {
		return math.NaN(), missing
	}
	return 100 * sum / weights, missing
}

var severityRank = map[Severity]int{Critical: 0, Warning: 1, Notice: 2}

func sortAlerts(a []Alert) {
	sort.SliceStable(a, func(i, j int) bool { return severityRank[a[i].Severity] < severityRank[a[j].Severity] })
}

func trustComponent(in Input, members []entente.ActorID, low float64, text bool) (float64, string, []Alert) {
	if in.Trust == nil || len(members) < 2 {
		return math.NaN(), "fewer than two members, or no trust analysis", nil
	}
	var alerts []Alert
	var sum float64
	var n int
	for _, subject := range members {
		var incoming float64
		var k int
		for _, observer := range members {
			if observer == subject {
				continue
			}
			if sc, ok := in.Trust.Score(observer, subject); ok {
				incoming += sc.Value
				k++
			}
		}
		if k == 0 {
			continue
		}
		sum += incoming
		n += k
		if mean := incoming / float64(k); text && mean < low {
			alerts = append(alerts, Alert{Severity: Warning, Component: Trust, Member: subject,
				Message: fmt.Sprintf("%s is trusted %.2f on average by the other members, below %.2f: %s", subject, mean, low, trustReasons(in.Trust, members, subject))})
		}
	}
	if n == 0 {
		return math.NaN(), "no trust scores", nil
	}
	mean := sum / float64(n)
	if !text { // the detail is read by the report alone
		return mean, "", alerts
	}
	return mean, fmt.Sprintf("mean trust among %d members is %.2f", len(members), mean), alerts
}

// trustReasons names the evidence that weighs most against a member.
func trustReasons(r *trust.Result, members []entente.ActorID, subject entente.ActorID) string {
	against := map[string]float64{}
	for _, observer := range members {
		if sc, ok := r.Score(observer, subject); ok && observer != subject {
			for _, e := range sc.Evidence {
				if e.Against > 0 {
					against[strings.ReplaceAll(string(e.Kind), "_", " ")+" "+e.Ref] += e.Against
				}
			}
		}
	}
	keys := make([]string, 0, len(against))
	for k := range against {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if against[keys[i]] != against[keys[j]] {
			return against[keys[i]] > against[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > 3 {
		keys = keys[:3]
	}
	if len(keys) == 0 {
		return "little evidence for"
	}
	return "evidence against: " + strings.Join(keys, ", ")
}

func burdenComponent(in Input, text bool) (float64, string, []Alert) {
	if in.Burden == nil || len(in.Burden.Compared) < 2 {
		return math.NaN(), "contributions or capabilities unknown", nil
	}
	if !(in.Burden.Total > 0) {
		return math.NaN(), "nothing delivered yet", nil
	}
	var tv float64
	var alerts []Alert
	for _, m := range in.Burden.Members {
		if math.IsNaN(m.ComparedShare) || math.IsNaN(m.CapabilityShare) {
			continue
		}
		tv += math.Abs(m.ComparedShare - m.CapabilityShare)
		if text && m.FreeRider {
			alerts = append(alerts, Alert{Severity: Warning, Component: Burden, Member: m.Member,
				Message: fmt.Sprintf("%s is a free rider: it delivered %.0f%% of the contributions against a %.0f%% capability share, below half its share for %d periods running",
					m.Member, 100*m.ComparedShare, 100*m.CapabilityShare, m.LongestRun)})
		}
	}
	v := 1 - tv/2
	if !text { // the detail is read by the report alone
		return v, "", alerts
	}
	return v, fmt.Sprintf("contributions follow capability with fairness %.2f over %d members", v, len(in.Burden.Compared)), alerts
}

// disputeWeight is how much an open dispute at each stage weighs on the
// disputes component.
var disputeWeight = map[entente.DisputeStage]float64{entente.Negotiation: 0.25, entente.Mediation: 0.5, entente.Arbitration: 1}

func disputeComponent(in Input, members int, text bool) (float64, string, []Alert) {
	if members == 0 {
		return math.NaN(), "no members", nil
	}
	var load float64
	var open int
	var alerts []Alert
	for _, d := range in.State.Disputes.All() {
		if d.Stage == entente.Closed || d.Opened.After(in.To) {
			continue
		}
		open++
		load += disputeWeight[d.Stage]
		if text && d.Stage != entente.Negotiation {
			sev := Warning
			if d.Stage == entente.Arbitration {
				sev = Critical
			}
			until := ""
			if !d.Deadline.IsZero() {
				until = " until " + d.Deadline.Format("2006-01-02")
			}
			alerts = append(alerts, Alert{Severity: sev, Component: Disputes, Ref: d.ID, Member: d.Parties[0],
				Message: fmt.Sprintf("dispute %s between %s is in %s%s: %s", d.ID, joinIDs(d.Parties), d.Stage, until, d.Subject)})
		}
	}
	v := math.Max(0, 1-load/float64(members))
	if !text { // the detail is read by the report alone
		return v, "", alerts
	}
	return v, fmt.Sprintf("%d open disputes among %d members", open, members), alerts
}

func commitmentComponent(in Input, text bool) (float64, string, []Alert) {
	var due, overdue int
	var alerts []Alert
	for _, c := range in.State.Commitments.All() {
		if c.Due.After(in.To) {
			continue
		}
		due++
		if c.Status() == entente.Overdue {
			overdue++
			if !text {
				continue
			}
			alerts = append(alerts, Alert{Severity: Warning, Component: Commitments, Member: c.Member, Ref: c.ID,
				Message: fmt.Sprintf("commitment %s by %s (%s %s due %s) is overdue: %s delivered",
					c.ID, c.Member, num(c.Amount), c.Resource, c.Due.Format("2006-01-02"), num(c.Delivered))})
		}
	}
	if due == 0 {
		return math.NaN(), "no commitment was due yet", nil
	}
	v := 1 - float64(overdue)/float64(due)
	if !text { // the detail is read by the report alone
		return v, "", alerts
	}
	return v, fmt.Sprintf("%d of %d commitments due are overdue", overdue, due), alerts
}

func objectiveComponent(in Input, text bool) (float64, string, []Alert) {
	var sum float64
	var n int
	var alerts []Alert
	for _, o := range in.State.Objectives.All() {
		n++
		frac := 1.0
		if o.Met.IsZero() {
			frac = math.Min(1, math.Max(0, o.Progress/o.Target))
			if o.Target <= 0 {
				frac = 0
			}
		}
		late := o.Met.IsZero() && !o.Deadline.IsZero() && o.Deadline.Before(in.To)
		if late {
			frac = 0
		}
		if late && text {
			alerts = append(alerts, Alert{Severity: Critical, Component: Objectives, Ref: o.ID,
				Message: fmt.Sprintf("objective %s (%s) missed its deadline %s at %s of %s", o.ID, o.Metric, o.Deadline.Format("2006-01-02"), num(o.Progress), num(o.Target))})
		}
		sum += frac
	}
	if n == 0 {
		return math.NaN(), "no objectives set", nil
	}
	v := sum / float64(n)
	if !text { // the detail is read by the report alone
		return v, "", alerts
	}
	return v, fmt.Sprintf("objectives are %.0f%% of the way on average", 100*v), alerts
}

func powerShiftComponent(in Input, members []entente.ActorID, text bool) (float64, string, []Alert) {
	if in.CapabilityBefore == nil {
		return math.NaN(), "no capabilities at the start of the period", nil
	}
	now, ok1 := shares(in.Capability, members)
	before, ok2 := shares(in.CapabilityBefore, members)
	if !ok1 || !ok2 {
		return math.NaN(), "a member's capability is unknown", nil
	}
	var tv float64
	for _, id := range members {
		tv += math.Abs(now[id] - before[id])
	}
	v := 1 - tv/2
	var alerts []Alert
	if text && tv/2 > 0.1 {
		alerts = append(alerts, Alert{Severity: Notice, Component: PowerShift,
			Message: fmt.Sprintf("capability shares moved by %.0f%% over the period", 50*tv)})
	}
	if !text { // the detail is read by the report alone
		return v, "", alerts
	}
	return v, fmt.Sprintf("capability shares moved by %.1f%%", 50*tv), alerts
}

func shares(caps map[entente.ActorID]float64, members []entente.ActorID) (map[entente.ActorID]float64, bool) {
	c := map[entente.ActorID]float64{}
	for _, id := range members {
		v, ok := caps[id]
		if !ok || !(v >= 0) || math.IsInf(v, 0) {
			return nil, false
		}
		c[id] = v
	}
	s, _, _, _, ok := entente.Shares(c)
	return s, ok
}

func joinIDs(ids []entente.ActorID) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += " and "
		}
		out += string(id)
	}
	return out
}

func num(v float64) string { return fmt.Sprintf("%g", v) }
