package sim

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/entente/entente"
)

// Mechanism names a behaviour the simulator can switch off. Each is
// documented, with its source, in the package documentation.
type Mechanism string

// The mechanisms.
const (
	Threat      Mechanism = "threat"      // threat perception drives formation
	Partners    Mechanism = "partners"    // partner choice by the partner ranking
	Admission   Mechanism = "admission"   // members vote on applicants by their interest
	PublicGoods Mechanism = "publicgoods" // contributions as a public-goods game
	Trust       Mechanism = "trust"       // trust from the record shapes choices
	Abandonment Mechanism = "abandonment" // fear of abandonment as a reason to leave
	Entrapment  Mechanism = "entrapment"  // fear of entrapment as a reason to leave
	Disputes    Mechanism = "disputes"    // shortfalls raise disputes that climb the ladder
	PowerShifts Mechanism = "powershifts" // capabilities drift and shocks hit
	Dissolution Mechanism = "dissolution" // pacts whose health collapses dissolve
	Proposals   Mechanism = "proposals"   // members put policy questions to a vote
	Conflict    Mechanism = "conflict"    // militarized disputes between states
	// Consultation: pacts of consultation and non-aggression.
	Consultation Mechanism = "consultation"
	// Multilateral: pacts founded by more than two at once.
	Multilateral Mechanism = "multilateral"
	// Entrants: states new to the system seek pacts more.
	Entrants Mechanism = "entrants"
)

// Mechanisms lists every mechanism in a fixed order.
var Mechanisms = []Mechanism{Threat, Partners, Admission, PublicGoods, Trust, Abandonment,
	Entrapment, Disputes, PowerShifts, Dissolution, Proposals, Conflict, Consultation, Multilateral, Entrants}

// Params are the behaviour's parameters. The zero value is not useful;
// start from DefaultParams. Every field can be set by the name in its
// `sim` tag (Set, and scenario files), so those names are part of the file
// format.
type Params struct {
	// Off holds the mechanisms switched off.
	Off map[Mechanism]bool

	// Threat perception.
	RivalWeight      float64 `sim:"threat.rival"`      // weight of a strategic rival's capability
	ContiguityWeight float64 `sim:"threat.contiguity"` // weight of a contiguous state's capability
	DisputeWeight    float64 `sim:"threat.dispute"`    // weight per remembered militarized dispute
	DisputeMemory    float64 `sim:"threat.memory"`     // yearly decay of remembered disputes, in (0, 1]
	CommonThreat     float64 `sim:"threat.common"`     // a threat all face alike, in multiples of the strongest actor (0: none)
	FormThreshold    float64 `sim:"form.threshold"`    // uncovered threat above which an actor seeks allies
	SeekRate         float64 `sim:"form.rate"`         // yearly chance that a threatened actor acts on it
	AcceptMargin     float64 `sim:"form.accept"`       // a partner accepts when its gain exceeds this

	// Public goods.
	PledgeRate  float64 `sim:"goods.pledge"`      // pledge as a share of capability, the agreed norm
	Valuation   float64 `sim:"goods.value"`       // v_i = Valuation·capability·(1+threat)
	Saturation  float64 `sim:"goods.saturation"`  // κ in ln(κ + X)
	Monitoring  float64 `sim:"goods.monitoring"`  // chance a shortfall is detected, in [0, 1]
	Penalty     float64 `sim:"goods.penalty"`     // sanction per unit of detected shortfall
	Adjustment  float64 `sim:"goods.adjust"`      // partial adjustment towards the best reply, in (0, 1]
	GoodsNoise  float64 `sim:"goods.noise"`       // relative noise on deliveries
	Autonomy    float64 `sim:"goods.autonomy"`    // cost of a pact to the strongest (Morrow)
	EntrapCost  float64 `sim:"leave.entrapment"`  // weight of allies' rivals in the reasons to leave
	AbandonCost float64 `sim:"leave.abandonment"` // weight of the fear of abandonment
	Benefit     float64 `sim:"leave.benefit"`     // weight of the threat a pact covers, against leaving
	LeaveBias   float64 `sim:"leave.bias"`        // logit intercept of leaving
	LeaveScale  float64 `sim:"leave.scale"`       // logit slope on the reasons
	TrustFloor  float64 `sim:"trust.floor"`       // trust below which allies are doubted

	// Disputes.
	DisputeRate  float64 `sim:"disputes.rate"`     // chance a detected shortfall is taken up
	ResolveRate  float64 `sim:"disputes.resolve"`  // yearly chance of settling at trust 1
	EscalateRate float64 `sim:"disputes.escalate"` // yearly chance a party asks to climb

	// Power shifts.
	GrowthMean   float64 `sim:"power.mean"`    // mean yearly log growth of capability
	GrowthSD     float64 `sim:"power.sd"`      // its standard deviation
	HealthFloor  float64 `sim:"health.floor"`  // health score below which a pact is failing
	FailYears    int     `sim:"health.years"`  // failing years before dissolution is put
	HealthEvery  int     `sim:"health.every"`  // years between assessments of a pact's health and trust (≥ 1)
	HealthWindow int     `sim:"health.window"` // years of a pact's record assessed (0: the whole record)

	// Proposals and rules.
	ProposalRate float64          `sim:"proposals.rate"`      // yearly chance of a policy question
	Tolerance    float64          `sim:"proposals.tolerance"` // a member votes yes within this distance
	GeneralRule  entente.RuleKind `sim:"rule.general"`        // rule of new pacts on general matters ("" default)
	AdmitRule    entente.RuleKind `sim:"rule.admission"`      // rule of new pacts on admission ("" default)
	ConflictRate float64          `sim:"conflict.rate"`       // yearly chance of a dispute between rivals

	// Pacts of consultation and non-aggression, multilateral founding,
	// entrants.
	ConsultRate     float64 `sim:"consult.rate"`     // yearly chance an actor proposes a consultation or non-aggression pact
	ConsultSize     int     `sim:"consult.size"`     // partners invited at once (multilateral; 1 otherwise)
	ConsultAffinity float64 `sim:"consult.affinity"` // a partner off i's borders accepts at this affinity or more
	ConsultBenefit  float64 `sim:"consult.benefit"`  // weight of a consultation pact's value against leaving it
	FormSize        int     `sim:"form.size"`        // founders of a defence pact at most (multilateral; 2 otherwise)
	EntryBoost      float64 `sim:"entry.boost"`      // how many times as often a new state proposes a consultation pact
}

// DefaultParams returns the parameters used unless a scenario or a flag
// says otherwise. They are judgement, not estimates (see the package
// documentation on calibration).
func DefaultParams() Params {
	return Params{
		Off:         map[Mechanism]bool{},
		RivalWeight: 1, ContiguityWeight: 0.15, DisputeWeight: 0.3, DisputeMemory: 0.8,
		FormThreshold: 0.25, SeekRate: 0.3, AcceptMargin: 0,
		PledgeRate: 0.2, Valuation: 0.5, Saturation: 1, Monitoring: 0.5, Penalty: 3,
		Adjustment: 0.3, GoodsNoise: 0.05, Autonomy: 0.1,
		EntrapCost: 1, AbandonCost: 2, Benefit: 4, LeaveBias: -5, LeaveScale: 3, TrustFloor: 0.4,
		DisputeRate: 0.3, ResolveRate: 0.6, EscalateRate: 0.3,
		GrowthMean: 0.02, GrowthSD: 0.05, HealthFloor: 35, FailYears: 2, HealthEvery: 1, HealthWindow: 5,
		ProposalRate: 0.5, Tolerance: 0.8, ConflictRate: 0.15,
		ConsultRate: 0.02, ConsultSize: 3, ConsultAffinity: 0.8, ConsultBenefit: 1, FormSize: 4, EntryBoost: 5,
	}
}

// On reports whether mechanism m is switched on.
func (p *Params) On(m Mechanism) bool { return !p.Off[m] }

// Clone returns a copy of p that shares nothing with it.
func (p Params) Clone() Params {
	off := make(map[Mechanism]bool, len(p.Off))
	for k, v := range p.Off {
		off[k] = v
	}
	p.Off = off
	return p
}

// ParamNames lists the names Set accepts, sorted.
func ParamNames() []string {
	names := make([]string, 0, len(paramFields))
	for n := range paramFields {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// paramFields maps each parameter name to its field.
var paramFields = map[string]func(*Params) any{
	"threat.rival": func(p *Params) any { return &p.RivalWeight }, "threat.contiguity": func(p *Params) any { return &p.ContiguityWeight },
	"threat.dispute": func(p *Params) any { return &p.DisputeWeight }, "threat.memory": func(p *Params) any { return &p.DisputeMemory },
	"threat.common": func(p *Params) any { return &p.CommonThreat }, "form.threshold": func(p *Params) any { return &p.FormThreshold },
	"form.rate": func(p *Params) any { return &p.SeekRate }, "form.accept": func(p *Params) any { return &p.AcceptMargin },
	"goods.pledge": func(p *Params) any { return &p.PledgeRate }, "goods.value": func(p *Params) any { return &p.Valuation },
	"goods.saturation": func(p *Params) any { return &p.Saturation }, "goods.monitoring": func(p *Params) any { return &p.Monitoring },
	"goods.penalty": func(p *Params) any { return &p.Penalty }, "goods.adjust": func(p *Params) any { return &p.Adjustment },
	"goods.noise": func(p *Params) any { return &p.GoodsNoise }, "goods.autonomy": func(p *Params) any { return &p.Autonomy },
	"leave.entrapment": func(p *Params) any { return &p.EntrapCost }, "leave.abandonment": func(p *Params) any { return &p.AbandonCost },
	"leave.bias": func(p *Params) any { return &p.LeaveBias }, "leave.benefit": func(p *Params) any { return &p.Benefit }, "leave.scale": func(p *Params) any { return &p.LeaveScale },
	"trust.floor": func(p *Params) any { return &p.TrustFloor }, "disputes.rate": func(p *Params) any { return &p.DisputeRate },
	"disputes.resolve": func(p *Params) any { return &p.ResolveRate }, "disputes.escalate": func(p *Params) any { return &p.EscalateRate },
	"power.mean": func(p *Params) any { return &p.GrowthMean }, "power.sd": func(p *Params) any { return &p.GrowthSD },
	"health.floor": func(p *Params) any { return &p.HealthFloor }, "health.years": func(p *Params) any { return &p.FailYears }, "health.every": func(p *Params) any { return &p.HealthEvery },
	"health.window":  func(p *Params) any { return &p.HealthWindow },
	"proposals.rate": func(p *Params) any { return &p.ProposalRate }, "proposals.tolerance": func(p *Params) any { return &p.Tolerance },
	"rule.general": func(p *Params) any { return &p.GeneralRule }, "rule.admission": func(p *Params) any { return &p.AdmitRule },
	"conflict.rate": func(p *Params) any { return &p.ConflictRate },
	"consult.rate":  func(p *Params) any { return &p.ConsultRate }, "consult.size": func(p *Params) any { return &p.ConsultSize },
	"consult.affinity": func(p *Params) any { return &p.ConsultAffinity }, "consult.benefit": func(p *Params) any { return &p.ConsultBenefit },
	"form.size": func(p *Params) any { return &p.FormSize }, "entry.boost": func(p *Params) any { return &p.EntryBoost },
}

// Set sets the parameter called name from its text value, or switches a
// mechanism with "mechanism.<name>" and on or off.
func (p *Params) Set(name, value string) error {
	if m, ok := strings.CutPrefix(name, "mechanism."); ok {
		return p.setMechanism(Mechanism(m), value)
	}
	field, ok := paramFields[name]
	if !ok {
		return fmt.Errorf("unknown parameter %q (known: %s, mechanism.<name>)", name, strings.Join(ParamNames(), ", "))
	}
	switch f := field(p).(type) {
	case *float64:
		v, err := strconv.ParseFloat(value, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("parameter %s: expected a finite number, got %q", name, value)
		}
		*f = v
	case *int:
		v, err := strconv.Atoi(value)
		if err != nil || v < 0 {
			return fmt.Errorf("parameter %s: expected a whole number of at least 0, got %q", name, value)
		}
		*f = v
	case *entente.RuleKind:
		k := entente.RuleKind(value)
		if k != "" && !ruleKindOK(k) {
			return fmt.Errorf("parameter %s: expected one of %v, got %q", name, simpleRules, value)
		}
		*f = k
	}
	return p.Validate()
}

func (p *Params) setMechanism(m Mechanism, value string) error {
	known := false
	for _, k := range Mechanisms {
		known = known || k == m
	}
	if !known {
		return fmt.Errorf("unknown mechanism %q (known: %v)", m, Mechanisms)
	}
	switch value {
	case "on":
		delete(p.Off, m)
	case "off":
		if p.Off == nil {
			p.Off = map[Mechanism]bool{}
		}
		p.Off[m] = true
	default:
		return fmt.Errorf("mechanism %s: expected on or off, got %q", m, value)
	}
	return nil
}

// simpleRules are the rules a parameter can name without further terms.
var simpleRules = []entente.RuleKind{entente.Unanimity, entente.Consensus, entente.SimpleMajority, entente.AbsoluteMajority}

func ruleKindOK(k entente.RuleKind) bool {
	for _, r := range simpleRules {
		if r == k {
			return true
		}
	}
	return false
}

// Validate checks that every parameter is in its range.
func (p *Params) Validate() error {
	for _, c := range []struct {
		name   string
		v      float64
		lo, hi float64
	}{
		{"threat.memory", p.DisputeMemory, 0, 1}, {"form.rate", p.SeekRate, 0, 1},
		{"goods.monitoring", p.Monitoring, 0, 1}, {"goods.adjust", p.Adjustment, 0, 1},
		{"disputes.rate", p.DisputeRate, 0, 1}, {"disputes.resolve", p.ResolveRate, 0, 1},
		{"disputes.escalate", p.EscalateRate, 0, 1}, {"proposals.rate", p.ProposalRate, 0, 1},
		{"conflict.rate", p.ConflictRate, 0, 1}, {"trust.floor", p.TrustFloor, 0, 1},
		{"health.floor", p.HealthFloor, 0, 100},
	} {
		if !(c.v >= c.lo && c.v <= c.hi) {
			return fmt.Errorf("parameter %s: expected a value from %g to %g, got %g", c.name, c.lo, c.hi, c.v)
		}
	}
	if p.HealthEvery < 1 {
		return fmt.Errorf("parameter health.every: expected at least 1 year, got %d", p.HealthEvery)
	}
	for _, c := range []struct {
		name string
		v    float64
	}{
		{"threat.rival", p.RivalWeight}, {"threat.contiguity", p.ContiguityWeight}, {"threat.dispute", p.DisputeWeight},
		{"threat.common", p.CommonThreat}, {"goods.pledge", p.PledgeRate}, {"goods.value", p.Valuation},
		{"goods.saturation", p.Saturation}, {"goods.penalty", p.Penalty}, {"goods.noise", p.GoodsNoise},
		{"goods.autonomy", p.Autonomy}, {"leave.entrapment", p.EntrapCost}, {"leave.abandonment", p.AbandonCost},
		{"leave.scale", p.LeaveScale}, {"leave.benefit", p.Benefit}, {"power.sd", p.GrowthSD}, {"proposals.tolerance", p.Tolerance},
		{"consult.rate", p.ConsultRate}, {"consult.benefit", p.ConsultBenefit}, {"entry.boost", p.EntryBoost},
	} {
		if !(c.v >= 0) {
			return fmt.Errorf("parameter %s: expected a value of at least 0, got %g", c.name, c.v)
		}
	}
	return nil
}

// Get returns the value of the numeric parameter called name.
func (p *Params) Get(name string) (float64, error) {
	field, ok := paramFields[name]
	if !ok {
		return 0, fmt.Errorf("unknown parameter %q", name)
	}
	switch f := field(p).(type) {
	case *float64:
		return *f, nil
	case *int:
		return float64(*f), nil
	}
	return 0, fmt.Errorf("parameter %s is not a number", name)
}

// Calibrated returns the default parameters with the values the
// calibration fitted (package simdata, Fit): see the package
// documentation on calibration for how, and how well.
func Calibrated() Params {
	p := DefaultParams()
	p.FormThreshold, p.SeekRate, p.AcceptMargin = 0.2891, 0.3439, 0.01991
	p.LeaveBias, p.Benefit, p.ContiguityWeight = -2.2, 4.942, 0.1262
	p.ConsultRate, p.ConsultAffinity, p.ConsultBenefit, p.EntryBoost = 0.01855, 0.7843, 1.177, 3.547
	return p
}

// Apply sets the parameters of sets, each "name=value" (Set), then
// switches off the mechanisms named in off; the error names the
// assignment or mechanism at fault.
func (p *Params) Apply(sets, off []string) error {
	for _, s := range sets {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("expected name=value, got %q", s)
		}
		if err := p.Set(name, value); err != nil {
			return err
		}
	}
	for _, m := range off {
		if err := p.Set("mechanism."+m, "off"); err != nil {
			return err
		}
	}
	return nil
}
