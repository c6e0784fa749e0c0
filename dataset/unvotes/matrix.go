package unvotes

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/entente/entente/dataset/csvio"
)

// Matrix is a loaded, indexed vote table: every country's vote on every
// roll call.
//
// Votes are stored country-major: Votes(c) is one contiguous []Vote over all
// roll calls, which are sorted by date (then rcid) so that each year is a
// contiguous range [lo, hi) of roll-call indexes. Agreement between two
// countries in a year is then a tight loop over two short slices, which is
// what dyad-year similarity over all pairs needs; a per-roll-call view is
// available through Vote and RollCallVotes.
//
// Countries and RollCalls are exported for reading; modifying them breaks
// the indexes.
type Matrix struct {
	// Countries lists the COW codes in ascending order; a country's index
	// in this slice is its dense index.
	Countries []int
	// RollCalls lists the roll calls in date order; a roll call's index in
	// this slice is its dense index.
	RollCalls []RollCall

	votes  []Vote // len(Countries) * len(RollCalls), country-major
	cindex map[int]int
	rindex map[int]int
	years  map[int][2]int // year -> [lo, hi) roll-call range
	// sessions holds, per General Assembly session, the indexes of its
	// roll calls in date order. Sessions overlap in time (session 22 ran
	// to June 1968, session 23 began in May 1967), so a session is a list
	// of indexes rather than a range.
	sessions map[int][]int
}

// NumCountries returns the number of countries.
func (m *Matrix) NumCountries() int { return len(m.Countries) }

// NumRollCalls returns the number of roll calls.
func (m *Matrix) NumRollCalls() int { return len(m.RollCalls) }

// CountryIndex returns the dense index of a COW code.
func (m *Matrix) CountryIndex(ccode int) (int, bool) {
	i, ok := m.cindex[ccode]
	return i, ok
}

// RollCallIndex returns the dense index of a roll call id.
func (m *Matrix) RollCallIndex(rcid int) (int, bool) {
	i, ok := m.rindex[rcid]
	return i, ok
}

// Votes returns country c's votes on all roll calls, indexed by roll-call
// index. The slice aliases the matrix and must not be modified.
func (m *Matrix) Votes(c int) []Vote {
	n := len(m.RollCalls)
	return m.votes[c*n : (c+1)*n : (c+1)*n]
}

// Vote returns country c's vote on roll call r (dense indexes).
func (m *Matrix) Vote(r, c int) Vote { return m.votes[c*len(m.RollCalls)+r] }

// RollCallVotes appends the votes of all countries on roll call r to dst,
// indexed by country index, and returns the extended slice.
func (m *Matrix) RollCallVotes(dst []Vote, r int) []Vote {
	n := len(m.RollCalls)
	for c := range m.Countries {
		dst = append(dst, m.votes[c*n+r])
	}
	return dst
}

// YearRange returns the roll-call index range [lo, hi) of the roll calls
// held in year; lo == hi when there were none.
func (m *Matrix) YearRange(year int) (lo, hi int) {
	r := m.years[year]
	return r[0], r[1]
}

// SessionRollCalls returns the indexes, in date order, of the roll calls
// of General Assembly session s (nil when it has none). The slice must not
// be modified.
func (m *Matrix) SessionRollCalls(s int) []int { return m.sessions[s] }

// Sessions returns the sorted sessions that have roll calls.
func (m *Matrix) Sessions() []int {
	ss := make([]int, 0, len(m.sessions))
	for s := range m.sessions {
		ss = append(ss, s)
	}
	slices.Sort(ss)
	return ss
}

// Years returns the sorted years that have roll calls.
func (m *Matrix) Years() []int {
	ys := make([]int, 0, len(m.years))
	for y := range m.years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// Builder accumulates roll calls and ballots and builds a Matrix.
type Builder struct {
	rollCalls map[int]RollCall
	ballots   []Ballot
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{rollCalls: make(map[int]RollCall)} }

// AddRollCall records a roll call; a second roll call with the same id is
// an error.
func (b *Builder) AddRollCall(rc RollCall) error {
	if _, dup := b.rollCalls[rc.RCID]; dup {
		return fmt.Errorf("unvotes: roll call %d added twice", rc.RCID)
	}
	b.rollCalls[rc.RCID] = rc
	return nil
}

// HasRollCall reports whether a roll call with id rcid was added.
func (b *Builder) HasRollCall(rcid int) bool {
	_, ok := b.rollCalls[rcid]
	return ok
}

// TagIssue adds issue to a roll call already added.
func (b *Builder) TagIssue(t IssueTag) error {
	rc, ok := b.rollCalls[t.RCID]
	if !ok {
		return fmt.Errorf("unvotes: issue %v for unknown roll call %d", t.Issue, t.RCID)
	}
	rc.Issues |= t.Issue
	b.rollCalls[t.RCID] = rc
	return nil
}

// AddBallot records a ballot; its roll call must be added before Build.
func (b *Builder) AddBallot(x Ballot) { b.ballots = append(b.ballots, x) }

// Build indexes the roll calls and fills the matrix. It fails on a ballot
// for an unknown roll call or two ballots of one country on one roll call.
func (b *Builder) Build() (*Matrix, error) {
	m := &Matrix{
		RollCalls: sortedRollCalls(b.rollCalls),
		Countries: countriesOf(b.ballots),
	}
	m.index()
	m.votes = make([]Vote, len(m.Countries)*len(m.RollCalls))
	n := len(m.RollCalls)
	for _, x := range b.ballots {
		r, ok := m.rindex[int(x.RCID)]
		if !ok {
			return nil, fmt.Errorf("unvotes: ballot of country %d for unknown roll call %d", x.CCode, x.RCID)
		}
		cell := &m.votes[m.cindex[int(x.CCode)]*n+r]
		if *cell != Unrecorded {
			return nil, fmt.Errorf("unvotes: country %d has two ballots on roll call %d", x.CCode, x.RCID)
		}
		*cell = x.Vote
		t := &m.RollCalls[r].Tally
		switch x.Vote {
		case Yes:
			t.Yes++
		case Abstain:
			t.Abstain++
		case No:
			t.No++
		}
	}
	return m, nil
}

func sortedRollCalls(byID map[int]RollCall) []RollCall {
	rcs := make([]RollCall, 0, len(byID))
	for _, rc := range byID {
		rc.Tally = Tally{} // counted from the ballots by Build
		rcs = append(rcs, rc)
	}
	slices.SortFunc(rcs, func(a, b RollCall) int {
		if a.Date != b.Date {
			return cmp.Compare(dateKey(a.Date), dateKey(b.Date))
		}
		return cmp.Compare(a.RCID, b.RCID)
	})
	return rcs
}

func dateKey(d csvio.Date) int { return d.Year*10000 + d.Month*100 + d.Day }

func countriesOf(ballots []Ballot) []int {
	seen := make(map[int]bool)
	var cs []int
	for _, x := range ballots {
		if !seen[int(x.CCode)] {
			seen[int(x.CCode)] = true
			cs = append(cs, int(x.CCode))
		}
	}
	slices.Sort(cs)
	return cs
}

// index builds the lookup maps and the year ranges.
func (m *Matrix) index() {
	m.cindex = make(map[int]int, len(m.Countries))
	for i, c := range m.Countries {
		m.cindex[c] = i
	}
	m.rindex = make(map[int]int, len(m.RollCalls))
	m.years = make(map[int][2]int)
	m.sessions = make(map[int][]int)
	for i, rc := range m.RollCalls {
		m.rindex[rc.RCID] = i
		m.sessions[rc.Session] = append(m.sessions[rc.Session], i)
		r, ok := m.years[rc.Date.Year]
		if !ok {
			r[0] = i
		}
		r[1] = i + 1
		m.years[rc.Date.Year] = r
	}
}

// GermanUnification is the date from which COW codes Germany 255 instead of
// the German Federal Republic 260. The unvotes table files the German votes
// of late 1990 under "Federal Republic of Germany"; LoadUNVotes moves
// ballots cast from this date on to 255, as Voeten's file has them.
var GermanUnification = csvio.Date{Year: 1990, Month: 10, Day: 3}

// LoadUNVotes builds a Matrix from the unvotes tables: the vote file (plain
// or .gz), the roll-call file and, unless issuesPath is empty, the issue
// file.
func LoadUNVotes(votesPath, rollCallsPath, issuesPath string) (*Matrix, error) {
	b := NewBuilder()
	if err := forFile(rollCallsPath, ReadRollCalls, b.AddRollCall); err != nil {
		return nil, err
	}
	if issuesPath != "" {
		if err := forFile(issuesPath, ReadIssues, b.TagIssue); err != nil {
			return nil, err
		}
	}
	err := forFile(votesPath, ReadVotes, func(x Ballot) error {
		if x.CCode == 260 && !b.rollCalls[int(x.RCID)].Date.Before(GermanUnification) {
			x.CCode = 255
		}
		b.AddBallot(x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.Build()
}

// LoadVoeten builds a Matrix from Voeten's raw file (plain or .gz). Roll-call
// metadata comes from each roll call's first row; Short and Descr are empty
// (they are in DescriptionsUN1-72.tab). A roll call without a date (4592)
// gets the row's year with unknown month and day, which sorts it first in
// its year.
func LoadVoeten(path string) (*Matrix, error) {
	b := NewBuilder()
	err := forFile(path, ReadVoeten, func(row VoetenRow) error {
		if !b.HasRollCall(int(row.RCID)) {
			date := row.Date
			if date.IsZero() {
				date.Year = row.Year
			}
			b.AddRollCall(RollCall{
				RCID: int(row.RCID), Session: row.Session, Important: row.Important, Date: date,
				UNRes: row.UNRes, Amend: csvio.FlagMissing, Para: csvio.FlagMissing, Issues: row.Issues,
			})
		}
		b.AddBallot(row.Ballot)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.Build()
}

// forFile opens path and streams it through read into fn.
func forFile[T any](path string, read func(io.Reader, string, func(T) error) error, fn func(T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f, filepath.Base(path), fn)
}
