package burden

import (
	"math"
	"slices"

	"github.com/entente/entente"
)

// Flag marks a figure that could not be computed, or a finding.
type Flag string

// The flags. A figure that cannot be computed is NaN and flagged, never
// zero.
const (
	// MissingCapability: the member's capability was not given, or was
	// NaN, infinite or negative. Its capability share, exploitation index
	// and per-period comparisons are NaN.
	MissingCapability Flag = "missing_capability"
	// ZeroCapability: the member's capability share is zero, so its
	// exploitation index (a ratio to that share) is undefined, NaN.
	ZeroCapability Flag = "zero_capability"
	// MissingContribution: the member's delivered amount is NaN (unknown).
	// Its figures are NaN, and so is every member's share of the total.
	MissingContribution Flag = "missing_contribution"
	// NoContributions: nothing was delivered in all, so no share of it is
	// defined.
	NoContributions Flag = "no_contributions"
	// NoBenefitShare: the agreement states no benefit rule, or its fixed
	// shares do not name the member.
	NoBenefitShare Flag = "no_benefit_share"
	// FreeRider: the member was far below its capability share for at least
	// Options.FreeRiderPeriods consecutive periods.
	FreeRider Flag = "free_rider"
)

// Input is what a burden analysis needs: who the members are, what each
// delivered, what each is capable of, the agreed benefit split, the
// periods to look for free riding in, and a total to split.
type Input struct {
	// Members are the members to assess. Empty means every actor named in
	// Delivered or Capability.
	Members []entente.ActorID `json:"members"`
	// Delivered is each member's delivered total in one unit. A member
	// missing from it delivered nothing; NaN means unknown.
	Delivered map[entente.ActorID]float64 `json:"delivered"`
	// Capability is each member's capability (GDP, economic or technology
	// capability, staff, ...) in one unit. Missing, NaN, infinite or
	// negative means unknown.
	Capability map[entente.ActorID]float64 `json:"capability"`
	// Benefit is the agreement's benefit rule; the zero value states none.
	Benefit entente.BenefitRule `json:"benefit"`
	// Periods are per-period delivered totals, oldest first, for the
	// free-rider test (see Bucket).
	Periods []Period `json:"periods,omitempty"`
	// Budget is the total the cost splits share out; 0 or NaN means the
	// total delivered.
	Budget float64 `json:"budget,omitempty"`
}

// Options tunes Analyze. The zero Options uses every default.
type Options struct {
	// FreeRiderRatio: a member is below its share in a period when its
	// contribution share is under FreeRiderRatio × its capability share.
	// 0 means 0.5.
	FreeRiderRatio float64 `json:"free_rider_ratio,omitempty"`
	// FreeRiderPeriods is how many consecutive periods below make a free
	// rider. 0 means 2: one bad period can be an accident of timing, two
	// in a row are a pattern.
	FreeRiderPeriods int `json:"free_rider_periods,omitempty"`
	// NoSplits leaves Result.Splits empty: the other figures are the
	// same, without the three cost splits (a simulation's yearly health
	// score reads none of them).
	NoSplits bool `json:"no_splits,omitempty"`
}

// The defaults of Options.
const (
	DefaultFreeRiderRatio   = 0.5
	DefaultFreeRiderPeriods = 2
)

func (o Options) withDefaults() Options {
	if !(o.FreeRiderRatio > 0) {
		o.FreeRiderRatio = DefaultFreeRiderRatio
	}
	if o.FreeRiderPeriods <= 0 {
		o.FreeRiderPeriods = DefaultFreeRiderPeriods
	}
	return o
}

// Member is one member's burden.
type Member struct {
	Member entente.ActorID `json:"member"`
	// Delivered is what the member delivered; NaN when unknown.
	Delivered float64 `json:"delivered"`
	// Share is Delivered / the total delivered by all members.
	Share float64 `json:"share"`
	// Capability is the member's capability as given; NaN when unknown.
	Capability float64 `json:"capability"`
	// CapabilityShare is Capability / the total capability of the compared
	// members (Result.Compared).
	CapabilityShare float64 `json:"capability_share"`
	// ComparedShare is Delivered / the total delivered by the compared
	// members: the contribution share set against CapabilityShare. It
	// equals Share when every member's figures are known.
	ComparedShare float64 `json:"compared_share"`
	// Exploitation is ComparedShare / CapabilityShare − 1: 0 for a member
	// carrying exactly its capability share, above 0 for one carrying more
	// (exploited, in Olson and Zeckhauser's sense), −1 for one carrying
	// nothing.
	Exploitation float64 `json:"exploitation"`
	// BenefitShare is the member's share of the benefits under the
	// agreement's rule.
	BenefitShare float64 `json:"benefit_share"`
	// BenefitBalance is Share − BenefitShare: above 0 for a member giving
	// a larger share than it gets.
	BenefitBalance float64 `json:"benefit_balance"`
	// Periods are the member's figures in each of Input.Periods.
	Periods []PeriodFigure `json:"periods,omitempty"`
	// LongestRun is the longest run of consecutive periods below.
	LongestRun int `json:"longest_run"`
	// FreeRider is LongestRun ≥ Options.FreeRiderPeriods.
	FreeRider bool   `json:"free_rider"`
	Flags     []Flag `json:"flags,omitempty"`
}

// Result is a burden analysis.
type Result struct {
	Members []Member `json:"members"`
	// Total is what all members delivered; NaN when any is unknown.
	Total float64 `json:"total"`
	// Compared are the members whose capability and delivered amount are
	// both known: capability shares, compared shares and exploitation
	// indices are taken over them.
	Compared []entente.ActorID `json:"compared"`
	// Splits are the cost splits an agreement can name, each computed for
	// Input.Budget (or the total delivered) and set against what each
	// member delivered.
	Splits []Split `json:"splits"`
	Flags  []Flag  `json:"flags,omitempty"`
}

// Member returns the figures of the member id, or nil.
func (r *Result) Member(id entente.ActorID) *Member {
	for i := range r.Members {
		if r.Members[i].Member == id {
			return &r.Members[i]
		}
	}
	return nil
}

// Analyze computes each member's burden: its share of what was delivered
// against its share of capability and of benefit, its exploitation index,
// free riding over the periods, and the cost splits. See the package
// documentation for the formulas.
func Analyze(in Input, opts Options) *Result {
	o := opts.withDefaults()
	ids := in.members()
	res := &Result{Total: totalDelivered(ids, in.Delivered)}
	b := in.base(ids)
	res.Compared = b.compared
	if res.Total == 0 || b.delivered == 0 {
		res.Flags = append(res.Flags, NoContributions)
	}
	benefit := benefitShares(ids, in.Benefit, in.Delivered, res.Total)
	for _, id := range ids {
		m := b.figures(id, in, res.Total)
		m.BenefitShare = benefit[id]
		m.BenefitBalance = m.Share - m.BenefitShare
		m.Flags = memberFlags(m)
		res.Members = append(res.Members, m)
	}
	freeRiding(res.Members, in.Periods, o)
	if o.NoSplits {
		return res
	}
	res.Splits = []Split{
		CostSplit(SplitEqual, in.Budget, in),
		CostSplit(SplitCapability, in.Budget, in),
		CostSplit(SplitBenefit, in.Budget, in),
	}
	return res
}

// base is what capability comparisons are taken over: the members whose
// delivered amount and capability are both known, and their totals.
type base struct {
	compared              []entente.ActorID
	in                    map[entente.ActorID]bool
	delivered, capability float64
}

// base returns the comparison base of ids.
func (in Input) base(ids []entente.ActorID) base {
	b := base{in: map[entente.ActorID]bool{}}
	for _, id := range ids {
		d, c := in.deliveredOf(id), in.capabilityOf(id)
		if math.IsNaN(d) || math.IsNaN(c) {
			continue
		}
		b.compared = append(b.compared, id)
		b.in[id] = true
		b.delivered += d
		b.capability += c
	}
	return b
}

// figures returns a member's shares and exploitation index, NaN where they
// cannot be computed.
func (b base) figures(id entente.ActorID, in Input, total float64) Member {
	m := Member{Member: id, Delivered: in.deliveredOf(id), Capability: in.capabilityOf(id),
		Share: math.NaN(), CapabilityShare: math.NaN(), ComparedShare: math.NaN(), Exploitation: math.NaN()}
	if total > 0 {
		m.Share = m.Delivered / total
	}
	if b.in[id] && b.capability > 0 && b.delivered > 0 {
		m.CapabilityShare = m.Capability / b.capability
		m.ComparedShare = m.Delivered / b.delivered
		m.Exploitation = exploitation(m.ComparedShare, m.CapabilityShare)
	}
	return m
}

// exploitation returns share / capabilityShare − 1, which is exactly zero
// when the two shares are equal, and NaN when the capability share is
// zero (the ratio is undefined).
func exploitation(share, capabilityShare float64) float64 {
	if capabilityShare == 0 {
		return math.NaN()
	}
	return share/capabilityShare - 1
}

// memberFlags returns the flags a member's figures call for.
func memberFlags(m Member) []Flag {
	var flags []Flag
	if math.IsNaN(m.Delivered) {
		flags = append(flags, MissingContribution)
	}
	if math.IsNaN(m.Capability) {
		flags = append(flags, MissingCapability)
	} else if m.Capability == 0 {
		flags = append(flags, ZeroCapability)
	}
	if math.IsNaN(m.BenefitShare) {
		flags = append(flags, NoBenefitShare)
	}
	return flags
}

// members returns the members to assess, sorted.
func (in Input) members() []entente.ActorID {
	if len(in.Members) > 0 {
		ids := slices.Clone(in.Members)
		slices.Sort(ids)
		return slices.Compact(ids)
	}
	var ids []entente.ActorID
	for id := range in.Delivered {
		ids = append(ids, id)
	}
	for id := range in.Capability {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func (in Input) deliveredOf(id entente.ActorID) float64  { return delivered(in.Delivered, id) }
func (in Input) capabilityOf(id entente.ActorID) float64 { return capability(in.Capability, id) }

// delivered returns a member's delivered amount: 0 when absent (the record
// shows nothing delivered), NaN when given as unknown or invalid.
func delivered(m map[entente.ActorID]float64, id entente.ActorID) float64 {
	v, ok := m[id]
	if !ok {
		return 0
	}
	if !validAmount(v) {
		return math.NaN()
	}
	return v
}

// capability returns a member's capability, NaN when absent or invalid:
// a capability nobody gave is unknown, not zero.
func capability(m map[entente.ActorID]float64, id entente.ActorID) float64 {
	v, ok := m[id]
	if !ok || !validAmount(v) {
		return math.NaN()
	}
	return v
}

// totalDelivered returns the total delivered by ids, NaN if any is
// unknown.
func totalDelivered(ids []entente.ActorID, m map[entente.ActorID]float64) float64 {
	total := 0.0
	for _, id := range ids {
		total += delivered(m, id)
	}
	return total
}

// benefitShares returns each member's share of the benefits under rule:
// equal, 1/n; by contribution, its share of the total delivered; fixed, the
// agreed share. NaN where the rule gives none.
func benefitShares(ids []entente.ActorID, rule entente.BenefitRule, d map[entente.ActorID]float64, total float64) map[entente.ActorID]float64 {
	out := make(map[entente.ActorID]float64, len(ids))
	for _, id := range ids {
		v := math.NaN()
		switch rule.Kind {
		case entente.BenefitEqual:
			v = 1 / float64(len(ids))
		case entente.BenefitByContribution:
			if total > 0 {
				v = delivered(d, id) / total
			}
		case entente.BenefitFixedShares:
			if s, ok := rule.Shares[id]; ok && s >= 0 {
				v = s
			}
		}
		out[id] = v
	}
	return out
}
