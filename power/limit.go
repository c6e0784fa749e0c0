package power

import (
	"fmt"
	"strings"
)

// LimitError is the error (wrapping ErrTooLarge) of an exact computation
// refused by a resource limit. It names the limit that was hit, what
// needed it and how much, so that a caller can say which option (or which
// index left out) would get past it.
type LimitError struct {
	// Resource is "memory" (Options.MaxMemory, bytes), "work"
	// (Options.MaxWork, word steps) or "players" (a method's fixed bound on
	// the number of players, which no option raises).
	Resource string
	// What names the computation, such as "the size-and-weight count table".
	What string
	// Need is what the computation needs; Limit the bound it exceeds.
	Need, Limit int64
	// Indices are the requested indices that need this computation: leaving
	// them out avoids it.
	Indices Index
}

// Error describes the limit in words.
func (e *LimitError) Error() string {
	var b strings.Builder
	b.WriteString(ErrTooLarge.Error())
	b.WriteString(": ")
	b.WriteString(e.What)
	if names := e.Indices.Names(); names != "" {
		fmt.Fprintf(&b, " (for %s)", names)
	}
	switch e.Resource {
	case "memory":
		fmt.Fprintf(&b, " needs %s, limit %s (Options.MaxMemory)", describeBytes(e.Need), describeBytes(e.Limit))
	case "work":
		fmt.Fprintf(&b, " needs about %.3g word steps, limit %.3g (Options.MaxWork)", float64(e.Need), float64(e.Limit))
	default:
		fmt.Fprintf(&b, " is limited to %d players, the game has %d", e.Limit, e.Need)
	}
	return b.String()
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// Names lists the indices of the set by their usual names, comma-separated
// ("Banzhaf, Shapley-Shubik").
func (idx Index) Names() string {
	var out []string
	for _, c := range []struct {
		i    Index
		name string
	}{
		{BanzhafIndex, "Banzhaf"}, {ShapleyShubikIndex, "Shapley-Shubik"},
		{DeeganPackelIndex, "Deegan-Packel"}, {HollerIndex, "Holler"},
		{JohnstonIndex, "Johnston"}, {ColemanIndices, "Coleman"},
	} {
		if idx&c.i != 0 {
			out = append(out, c.name)
		}
	}
	return strings.Join(out, ", ")
}

// memoryError and workError build the LimitErrors of the dynamic programs.
func memoryError(what string, need, limit int64, idx Index) error {
	return &LimitError{Resource: "memory", What: what, Need: need, Limit: limit, Indices: idx}
}

func workError(what string, need, limit int64, idx Index) error {
	return &LimitError{Resource: "work", What: what, Need: need, Limit: limit, Indices: idx}
}
