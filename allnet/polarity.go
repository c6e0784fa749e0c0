package allnet

import "math"

// BlocPower is one bloc's capability.
type BlocPower struct {
	Members []int
	// Capability is the sum of the members' known capabilities.
	Capability float64
	// Share is Capability over the system's total known capability; NaN
	// (never 0) when no member's capability is known or the system total
	// is not positive.
	Share float64
	// Missing counts members whose capability is missing; when it is
	// positive the share is a lower bound.
	Missing int
}

// Polarity describes how the system's capability is spread over its blocs.
type Polarity struct {
	// Blocs are the blocs (two or more members) in the order given.
	Blocs []BlocPower
	// SystemCapability is the total known capability of all states and
	// SystemMissing the number of states whose capability is missing.
	SystemCapability float64
	SystemMissing    int
	// InBlocs is the share of system capability held by bloc members
	// (the sum of the known bloc shares).
	InBlocs float64
	// EffectivePoles is the effective number of poles, 1/Σ s_b², where
	// s_b are the blocs' capabilities normalised to sum to 1 over the
	// blocs with known capability (Laakso and Taagepera 1979). Equal blocs
	// give their number; one dominant bloc gives about 1. NaN without a
	// bloc of known capability.
	EffectivePoles float64
	// Incomplete is true when any capability was missing, in the system or
	// in a bloc: shares and EffectivePoles then rest on the known values.
	Incomplete bool
}

// NumBlocs is the number of blocs (communities of two or more states).
func (p *Polarity) NumBlocs() int { return len(p.Blocs) }

// PolarityOf computes the capability shares of blocs (as from
// Blocs.Blocs; singletons are skipped so they never count as poles) among
// states. Missing capabilities (NaN) are left out of every sum, counted and
// flagged; they never enter as zeros, and a bloc with no known capability
// has a NaN share.
func PolarityOf(states []State, blocs [][]int) Polarity {
	var p Polarity
	for _, s := range states {
		if known(s.Capability) {
			p.SystemCapability += s.Capability
		} else {
			p.SystemMissing++
		}
	}
	p.Incomplete = p.SystemMissing > 0
	blocTotal := 0.0
	for _, members := range blocs {
		if len(members) < 2 {
			continue
		}
		b := blocPower(states, members, p.SystemCapability)
		if !math.IsNaN(b.Share) {
			p.InBlocs += b.Share
			blocTotal += b.Capability
		}
		p.Incomplete = p.Incomplete || b.Missing > 0
		p.Blocs = append(p.Blocs, b)
	}
	p.EffectivePoles = effectiveNumber(p.Blocs, blocTotal)
	return p
}

// blocPower sums one bloc's known capabilities.
func blocPower(states []State, members []int, system float64) BlocPower {
	b := BlocPower{Members: members}
	for _, v := range members {
		if c := states[v].Capability; known(c) {
			b.Capability += c
		} else {
			b.Missing++
		}
	}
	b.Share = math.NaN()
	if b.Missing < len(members) && system > 0 {
		b.Share = b.Capability / system
	}
	return b
}

// effectiveNumber is 1/Σ s² over the blocs with a known share, with s
// normalised by their total capability.
func effectiveNumber(blocs []BlocPower, total float64) float64 {
	if !(total > 0) {
		return math.NaN()
	}
	sum := 0.0
	for _, b := range blocs {
		if math.IsNaN(b.Share) {
			continue
		}
		s := b.Capability / total
		sum += s * s
	}
	return 1 / sum
}
