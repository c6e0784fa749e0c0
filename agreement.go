package entente

import (
	"fmt"
	"math"
	"strings"
)

// Agreement holds the clauses members signed (seed 001 §1.4): scope,
// contributions, the split of benefits, a decision rule per kind of matter,
// joining and exit terms, the dispute ladder and intellectual property.
type Agreement struct {
	Scope         Scope                   `json:"scope"`
	Contributions []ContributionClause    `json:"contributions,omitempty"`
	Benefits      BenefitRule             `json:"benefits"`
	Rules         map[Matter]DecisionRule `json:"rules,omitempty"`
	Join          JoinRule                `json:"join,omitempty"`
	Exit          ExitClause              `json:"exit"`
	Disputes      DisputeLadder           `json:"disputes"`
	IP            IPClause                `json:"ip"`
	// PowerMeasure names the actor capability that measures each member's
	// power when Entente derives the pact's structure (symmetric or not)
	// and weighs burden-sharing; "economic" when empty.
	PowerMeasure string `json:"power_measure,omitempty"`
	// Valuation is the worth of one unit of each resource in a common unit
	// (such as EUR thousands), so that contributions of money, staff and
	// equipment can be added up for burden-sharing. Empty means every
	// resource counts at face value.
	Valuation map[string]float64 `json:"valuation,omitempty"`
}

// Scope says which activities the pact covers and where.
type Scope struct {
	Activities []string `json:"activities,omitempty"`
	Excluded   []string `json:"excluded,omitempty"`
	// Exclusive means members may not pursue the same activities with
	// outsiders.
	Exclusive bool     `json:"exclusive,omitempty"`
	Geography []string `json:"geography,omitempty"`
}

// ContributionClause is what the agreement expects a member to bring.
type ContributionClause struct {
	Member   ActorID `json:"member"`
	Resource string  `json:"resource"`
	Amount   float64 `json:"amount"`
}

// BenefitKind says how a pact's gains are split.
type BenefitKind string

// The benefit splits an agreement can name.
const (
	BenefitEqual          BenefitKind = "equal"
	BenefitByContribution BenefitKind = "by_contribution"
	BenefitFixedShares    BenefitKind = "fixed_shares"
)

// BenefitRule is the agreed split of benefits. Shares is used with
// fixed_shares and must sum to 1.
type BenefitRule struct {
	Kind   BenefitKind         `json:"kind,omitempty"`
	Shares map[ActorID]float64 `json:"shares,omitempty"`
}

// JoinRule says how outsiders become members.
type JoinRule string

// The join rules. An alliance admits by consent of its members unless its
// agreement says otherwise; a coalition admits anyone who asks unless its
// agreement asks for consent.
const (
	JoinOpen    JoinRule = "open"
	JoinConsent JoinRule = "consent"
)

// ExitClause sets how members leave: the notice they must give and the
// wind-down during which obligations continue.
type ExitClause struct {
	Notice   Period `json:"notice,omitempty"`
	WindDown Period `json:"wind_down,omitempty"`
}

// DisputeLadder sets how long a dispute may stay at each stage before it
// climbs to the next. A zero period means no deadline at that stage: the
// dispute climbs only when a party asks.
type DisputeLadder struct {
	Negotiation Period `json:"negotiation,omitempty"`
	Mediation   Period `json:"mediation,omitempty"`
	Arbitration Period `json:"arbitration,omitempty"`
}

// IPClause records who owns intellectual property: what members bring
// (background), what the pact creates (foreground) and what members create
// beside it (sideground).
type IPClause struct {
	Background string `json:"background,omitempty"`
	Foreground string `json:"foreground,omitempty"`
	Sideground string `json:"sideground,omitempty"`
}

// Matter is the kind of question a proposal puts; the agreement may set a
// different decision rule for each.
type Matter string

// The kinds of matter.
const (
	General     Matter = "general"
	Budget      Matter = "budget"
	Admission   Matter = "admission"
	Expulsion   Matter = "expulsion"
	Suspension  Matter = "suspension"
	Amendment   Matter = "amendment"
	Dissolution Matter = "dissolution"
	// RoleMatter grants (or, with Revoke, withdraws) a role in the pact:
	// observer, secretariat or auditor.
	RoleMatter Matter = "role"
)

// Matters lists every valid Matter.
var Matters = []Matter{General, Budget, Admission, Expulsion, Suspension, Amendment, Dissolution, RoleMatter}

// Validate checks the agreement's clauses and returns an *Error naming the
// first bad field.
func (a *Agreement) Validate() error {
	for i, c := range a.Contributions {
		field := fmt.Sprintf("agreement.contributions[%d]", i)
		if c.Resource == "" {
			return FieldErrorf(EINVALID, field+".resource", "expected a resource name")
		}
		if !(c.Amount >= 0) {
			return FieldErrorf(EINVALID, field+".amount", "expected a non-negative amount, got %v", c.Amount)
		}
	}
	for _, r := range sortedKeys(a.Valuation) {
		if v := a.Valuation[r]; !(v >= 0) || math.IsInf(v, 0) {
			return FieldErrorf(EINVALID, "agreement.valuation."+r, "expected a non-negative worth per unit, got %v", v)
		}
	}
	if err := a.Benefits.validate(); err != nil {
		return err
	}
	for _, m := range sortedKeys(a.Rules) {
		if !oneOf(m, Matters) {
			return FieldErrorf(EINVALID, "agreement.rules", "expected a matter among %v, got %q", Matters, m)
		}
		if err := a.Rules[m].validate("agreement.rules." + string(m)); err != nil {
			return err
		}
	}
	for field, p := range map[string]Period{"agreement.exit.notice": a.Exit.Notice, "agreement.exit.wind_down": a.Exit.WindDown,
		"agreement.disputes.negotiation": a.Disputes.Negotiation, "agreement.disputes.mediation": a.Disputes.Mediation,
		"agreement.disputes.arbitration": a.Disputes.Arbitration} {
		if p < 0 {
			return FieldErrorf(EINVALID, field, "expected a period that is not negative, got %s", p)
		}
	}
	if a.Join != "" && a.Join != JoinOpen && a.Join != JoinConsent {
		return FieldErrorf(EINVALID, "agreement.join", "expected open or consent, got %q", a.Join)
	}
	return nil
}

func (b BenefitRule) validate() error {
	switch b.Kind {
	case "", BenefitEqual, BenefitByContribution:
	case BenefitFixedShares:
		sum := 0.0
		for _, id := range sortedKeys(b.Shares) {
			v := b.Shares[id]
			if !(v >= 0) {
				return FieldErrorf(EINVALID, "agreement.benefits.shares."+string(id), "expected a non-negative share, got %v", v)
			}
			sum += v
		}
		if sum < 1-1e-9 || sum > 1+1e-9 {
			return FieldErrorf(EINVALID, "agreement.benefits.shares", "expected shares summing to 1, got %v", sum)
		}
	default:
		return FieldErrorf(EINVALID, "agreement.benefits.kind", "expected equal, by_contribution or fixed_shares, got %q", b.Kind)
	}
	return nil
}

// JoinRuleFor returns the join rule in force for a pact of kind k.
func (a *Agreement) JoinRuleFor(k PactKind) JoinRule {
	if a.Join != "" {
		return a.Join
	}
	if k == Alliance {
		return JoinConsent
	}
	return JoinOpen
}

// RuleFor returns the decision rule for matter m in a pact of kind k: the
// agreement's rule for m, else its general rule, else the default for the
// kind: unanimity (the consent of every member) for an alliance, a simple
// majority for a coalition.
func (a *Agreement) RuleFor(k PactKind, m Matter) DecisionRule {
	if r, ok := a.Rules[m]; ok {
		return r
	}
	if r, ok := a.Rules[General]; ok && m != Admission {
		return r
	}
	if k == Alliance {
		return DecisionRule{Kind: Unanimity}
	}
	return DecisionRule{Kind: SimpleMajority}
}

// PowerMeasureOrDefault returns the capability name used to derive
// structure.
func (a *Agreement) PowerMeasureOrDefault() string {
	if a.PowerMeasure == "" {
		return "economic"
	}
	return a.PowerMeasure
}

// Weight sources for weighted and double-majority rules.
const (
	WeightExplicit      = "explicit"      // the rule's Weights map
	WeightContributions = "contributions" // delivered amounts; "contributions:<resource>" for one resource
	WeightCapability    = "capability"    // "capability:<name>", the members' capability
)

func validWeightBy(s string) bool {
	kind, arg, hasArg := strings.Cut(s, ":")
	switch kind {
	case WeightExplicit:
		return !hasArg
	case WeightContributions:
		return !hasArg || arg != ""
	case WeightCapability:
		return hasArg && arg != ""
	}
	return false
}

func cutWeightBy(s string) (kind, arg string, ok bool) { return strings.Cut(s, ":") }
