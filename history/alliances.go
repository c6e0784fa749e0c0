package history

import (
	"errors"
	"fmt"
	"slices"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
)

// ErrUnknownAlliance is returned (wrapped) for an ATOP identifier that is not
// in the data.
var ErrUnknownAlliance = errors.New("unknown alliance")

// ErrNoData is returned (wrapped) when the years asked for hold no data.
var ErrNoData = errors.New("no data")

// Alliances indexes ATOP alliances and their member rows by identifier.
// Who is a member when, and which ties are in force, come from the one
// shared reading of ATOP, package dataset/atopindex, and its conventions.
type Alliances struct {
	ids     []int
	meta    map[int]atop.Alliance
	members map[int][]atop.Member
	ix      *atopindex.Index // nil without member rows
}

// NewAlliances indexes the alliance-level rows and the member-level rows
// (the latter with atopindex, covering ATOP 5.1's years to
// atopindex.LastYear). Either may be nil: an alliance known only from its
// member rows has a zero Begin and End, and is then dated by its members'
// entries and exits.
func NewAlliances(alliances []atop.Alliance, members []atop.Member) *Alliances {
	a := &Alliances{meta: map[int]atop.Alliance{}, members: map[int][]atop.Member{}}
	if len(members) > 0 {
		// New fails only without rows or with rows that all start after
		// the coverage; the index is then nil and rosters are empty.
		a.ix, _ = atopindex.New(members, atopindex.LastYear)
	}
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
// alliance id at some time in year: atopindex's rows in force between 1
// January and 31 December (ATOP's state-year convention), so a state that
// joined or left in the year counts. After the coverage (Coverage) the
// roster is the one in force on its last day, 31 December 2018, carried
// forward, with NATO's later accessions added (NATOAccessions) for NATO.
func (a *Alliances) Members(id, year int) []int {
	if a.ix == nil {
		return nil
	}
	from, to := atopindex.YearStart(year), atopindex.YearEnd(year)
	_, last := a.ix.Span()
	if year > last {
		from, to = atopindex.YearEnd(last), atopindex.YearEnd(last)
	}
	var out []int
	for _, m := range a.ix.Alliance(id, from, to) {
		out = append(out, m.CCode)
	}
	if id == NATO && year > last {
		out = append(out, natoAccessions(last, year)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Coverage returns the first and last year of the member rows (0, 0
// without them): atopindex's Span.
func (a *Alliances) Coverage() (first, last int) {
	if a.ix == nil {
		return 0, 0
	}
	return a.ix.Span()
}

// Index returns the shared ATOP index of the member rows, nil without
// them.
func (a *Alliances) Index() *atopindex.Index { return a.ix }

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
