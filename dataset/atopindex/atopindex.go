package atopindex

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/csvio"
)

// LastYear is the last year ATOP 5.1 covers (codebook coverage 1815-2018).
const LastYear = 2018

// Day is a calendar date as yyyymmdd.
type Day int32

// DayOf returns the Day of year, month and day.
func DayOf(year, month, day int) Day { return Day(year*10000 + month*100 + day) }

// Year returns the day's year.
func (d Day) Year() int { return int(d) / 10000 }

// Time returns the day as midnight UTC. Day 31 of a shorter month (an
// unknown exit day) is that month's last day.
func (d Day) Time() time.Time {
	y, m, day := int(d)/10000, time.Month(int(d)/100%100), int(d)%100
	if last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); day > last {
		day = last
	}
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// YearStart is 1 January of year y.
func YearStart(y int) Day { return DayOf(y, 1, 1) }

// YearEnd is 31 December of year y, the default day of a year's question.
func YearEnd(y int) Day { return DayOf(y, 12, 31) }

// Spell returns the first and last day of a member row's membership under
// the package's date conventions, with last the final covered year: an
// unknown entry month or day is the first, an unknown exit month or day
// the last, and a zero exit (or one after last) the end of last.
func Spell(m *atop.Member, last int) (from, to Day) {
	return entry(m.Entry), exit(m.Exit, last)
}

// EntryDay is the first day of a date whose month or day may be unknown
// (coded 0): the convention for entries and for an alliance's begin.
func EntryDay(d csvio.Date) Day { return entry(d) }

// ExitDay is the last day of a date whose month or day may be unknown: the
// convention for exits and for an alliance's end. A zero date, or one after
// last, is 31 December of last.
func ExitDay(d csvio.Date, last int) Day { return exit(d, last) }

func entry(d csvio.Date) Day { return DayOf(d.Year, max(d.Month, 1), max(d.Day, 1)) }

func exit(d csvio.Date, last int) Day {
	if d.IsZero() || d.Year > last {
		return YearEnd(last)
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 12
	}
	if day == 0 {
		day = 31
	}
	return DayOf(d.Year, m, day)
}

// Membership is one member row with its spell.
type Membership struct {
	ATOPID, Phase int
	CCode         int             // COW code (ATOP's four-digit codes included)
	COWSys        bool            // ATOP's cowsys: a member of the COW state system
	Owes          atop.Obligation // the member's own obligations in the phase
	From, To      Day
}

// Tie is a directed pair of states sharing one alliance: Owes is what From
// undertook in it, OwedBy what To undertook.
type Tie struct {
	From, To      int
	ATOPID, Phase int
	Owes, OwedBy  atop.Obligation
}

// Index holds every member row's spell, grouped by alliance phase. It is
// immutable and safe for concurrent use.
type Index struct {
	last   int
	first  int
	phases [][]Membership // each sorted by CCode; phases sorted by ATOPID, Phase
}

// New indexes ATOP member rows; last is the final covered year (LastYear
// for ATOP 5.1).
func New(members []atop.Member, last int) (*Index, error) {
	if len(members) == 0 {
		return nil, fmt.Errorf("atopindex: no ATOP member rows")
	}
	ms := make([]Membership, 0, len(members))
	first := members[0].Entry.Year
	for i := range members {
		m := &members[i]
		from, to := Spell(m, last)
		first = min(first, m.Entry.Year)
		if to < from {
			continue // a spell that ends before it starts (none in ATOP 5.1) is no membership
		}
		ms = append(ms, Membership{ATOPID: m.ATOPID, Phase: m.Phase, CCode: m.Member, COWSys: m.COWSys, Owes: m.Obligations, From: from, To: to})
	}
	if first > last {
		return nil, fmt.Errorf("atopindex: ATOP rows start in %d, after the coverage end %d", first, last)
	}
	slices.SortStableFunc(ms, func(x, y Membership) int {
		return cmp.Or(cmp.Compare(x.ATOPID, y.ATOPID), cmp.Compare(x.Phase, y.Phase), cmp.Compare(x.CCode, y.CCode))
	})
	ix := &Index{last: last, first: first}
	for lo := 0; lo < len(ms); {
		hi := lo + 1
		for hi < len(ms) && ms[hi].ATOPID == ms[lo].ATOPID && ms[hi].Phase == ms[lo].Phase {
			hi++
		}
		ix.phases = append(ix.phases, ms[lo:hi:hi])
		lo = hi
	}
	return ix, nil
}

// Span returns the first and last covered year.
func (ix *Index) Span() (first, last int) { return ix.first, ix.last }

// Covers reports whether year y is inside the coverage; outside it
// alliances are unknown, not absent.
func (ix *Index) Covers(y int) bool { return y >= ix.first && y <= ix.last }

// Members returns the member rows in force at some time in [from, to],
// each with its full spell. Use (d, d) for a day.
func (ix *Index) Members(from, to Day) []Membership {
	var out []Membership
	for _, ph := range ix.phases {
		for _, m := range ph {
			if m.From <= to && m.To >= from {
				out = append(out, m)
			}
		}
	}
	return out
}

// Alliance returns the member rows of alliance atopid (every phase) in
// force at some time in [from, to], each with its full spell, sorted by
// phase and COW code. Use (d, d) for a day, (YearStart(y), YearEnd(y)) for
// the roster of a year in ATOP's state-year convention.
func (ix *Index) Alliance(atopid int, from, to Day) []Membership {
	lo, _ := slices.BinarySearchFunc(ix.phases, atopid, func(ph []Membership, id int) int { return cmp.Compare(ph[0].ATOPID, id) })
	var out []Membership
	for _, ph := range ix.phases[lo:] {
		if ph[0].ATOPID != atopid {
			break
		}
		for _, m := range ph {
			if m.From <= to && m.To >= from {
				out = append(out, m)
			}
		}
	}
	return out
}

// Open reports whether a membership runs to the end of the coverage: the
// state was still a member when the data end (or left on their last day,
// which the data cannot tell apart).
func (ix *Index) Open(m Membership) bool { return m.To >= YearEnd(ix.last) }

// OnDay returns the directed ties in force on day d: both members of one
// phase in force on d. Sorted by From, To, ATOPID.
func (ix *Index) OnDay(d Day) []Tie { return ix.ties(d, d) }

// InYear returns the ties in force on 31 December of year y, the default
// reading of a year.
func (ix *Index) InYear(y int) []Tie { return ix.OnDay(YearEnd(y)) }

// DuringYear returns the ties of pairs that were members of one phase at
// the same time at some point in year y; when a pair shared two phases of
// one alliance in the year, the later phase's obligations are kept. This
// is the convention of ATOP's state-year file.
func (ix *Index) DuringYear(y int) []Tie { return ix.ties(YearStart(y), YearEnd(y)) }

// ties lists the pairs that overlapped within [from, to].
func (ix *Index) ties(from, to Day) []Tie {
	var out []Tie
	for _, ph := range ix.phases {
		for _, x := range ph {
			if x.From > to || x.To < from {
				continue
			}
			for _, y := range ph {
				if x.CCode == y.CCode || y.From > to || y.To < from {
					continue
				}
				if max(x.From, y.From, from) > min(x.To, y.To, to) {
					continue // not members at the same time within the window
				}
				out = append(out, Tie{From: x.CCode, To: y.CCode, ATOPID: x.ATOPID, Phase: x.Phase, Owes: x.Owes, OwedBy: y.Owes})
			}
		}
	}
	slices.SortFunc(out, func(a, b Tie) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.ATOPID, b.ATOPID), cmp.Compare(a.Phase, b.Phase))
	})
	merged := out[:0]
	for _, t := range out {
		n := len(merged)
		switch {
		case n > 0 && sameTie(merged[n-1], t) && merged[n-1].Phase == t.Phase:
			merged[n-1].Owes |= t.Owes // two spells in one phase
			merged[n-1].OwedBy |= t.OwedBy
		case n > 0 && sameTie(merged[n-1], t):
			merged[n-1] = t // a later phase
		default:
			merged = append(merged, t)
		}
	}
	return slices.Clip(merged)
}

func sameTie(a, b Tie) bool { return a.From == b.From && a.To == b.To && a.ATOPID == b.ATOPID }

// Dyad returns what a owes b and b owes a on day d, merged over the
// alliances they share, and how many they share.
func (ix *Index) Dyad(d Day, a, b int) (owes, owedBy atop.Obligation, shared int) {
	for _, t := range ix.OnDay(d) {
		if t.From == a && t.To == b {
			owes |= t.Owes
			owedBy |= t.OwedBy
			shared++
		}
	}
	return owes, owedBy, shared
}

// Allies returns the states sharing with state c, on day d, an alliance
// in which either side undertook one of the obligations in o (any
// obligation when o is 0), sorted.
func (ix *Index) Allies(d Day, c int, o atop.Obligation) []int {
	var out []int
	for _, t := range ix.OnDay(d) {
		if t.From == c && (o == 0 || (t.Owes|t.OwedBy)&o != 0) && !slices.Contains(out, t.To) {
			out = append(out, t.To)
		}
	}
	slices.Sort(out)
	return out
}
