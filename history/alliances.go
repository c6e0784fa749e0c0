package history

import (
	"errors"
	"fmt"
	"slices"

	"github.com/entente/entente/dataset/atop"
)

// ErrUnknownAlliance is returned (wrapped) for an ATOP identifier that is not
// in the data.
var ErrUnknownAlliance = errors.New("unknown alliance")

// ErrNoData is returned (wrapped) when the years asked for hold no data.
var ErrNoData = errors.New("no data")

// Alliances indexes ATOP alliances and their member rows by identifier.
type Alliances struct {
	ids     []int
	meta    map[int]atop.Alliance
	members map[int][]atop.Member
}

// NewAlliances indexes the alliance-level rows and the member-level rows.
// Either may be nil: an alliance known only from its member rows has a zero
// Begin and End, and is then dated by its members' entries and exits.
func NewAlliances(alliances []atop.Alliance, members []atop.Member) *Alliances {
	a := &Alliances{meta: map[int]atop.Alliance{}, members: map[int][]atop.Member{}}
	for _, al := range alliances {
		a.meta[al.ATOPID] = al
	}
	for _, m := range members {
		a.members[m.ATOPID] = append(a.members[m.ATOPID], m)
	}
	seen := map[int]bool{}
	for id := range a.meta {
		seen[id] = true
	}
	for id := range a.members {
		seen[id] = true
	}
	for id := range seen {
		a.ids = append(a.ids, id)
	}
	slices.Sort(a.ids)
	return a
}

// IDs returns the ATOP identifiers in ascending order. The slice must not be
// modified.
func (a *Alliances) IDs() []int { return a.ids }

// Has reports whether the alliance is in the data.
func (a *Alliances) Has(id int) bool {
	_, ok := a.meta[id]
	_, okm := a.members[id]
	return ok || okm
}

// Check returns an error wrapping ErrUnknownAlliance when id is not in the
// data.
func (a *Alliances) Check(id int) error {
	if !a.Has(id) {
		return fmt.Errorf("%w: no ATOP alliance with atopid %d in the data (%d alliances)", ErrUnknownAlliance, id, len(a.ids))
	}
	return nil
}

// Alliance returns the alliance-level row of id.
func (a *Alliances) Alliance(id int) (atop.Alliance, bool) {
	al, ok := a.meta[id]
	return al, ok
}

// Rows returns the member-level rows of id. The slice must not be modified.
func (a *Alliances) Rows(id int) []atop.Member { return a.members[id] }

// Members returns the sorted COW codes of the states that were members of
// alliance id at some time in year (atop.Member.InYear, ATOP's state-year
// convention): a state that left or joined during the year counts.
func (a *Alliances) Members(id, year int) []int {
	var out []int
	for i := range a.members[id] {
		m := &a.members[id][i]
		if m.InYear(year) {
			out = append(out, m.Member)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Span returns the first and last year of alliance id: its begin and end
// years, or its members' first entry and last exit when the alliance-level
// row is missing. last is 0 when the alliance had not ended by the end of
// the data.
func (a *Alliances) Span(id int) (first, last int) {
	if al, ok := a.meta[id]; ok {
		return al.Begin.Year, al.End.Year
	}
	open := false
	for _, m := range a.members[id] {
		if first == 0 || m.Entry.Year < first {
			first = m.Entry.Year
		}
		if m.Exit.IsZero() {
			open = true
		}
		last = max(last, m.Exit.Year)
	}
	if open {
		last = 0
	}
	return first, last
}
