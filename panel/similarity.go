package panel

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// Ties chooses which obligations make a state's alliance portfolio.
type Ties int

const (
	// OwnTies puts in row A of the portfolio matrix the obligations A
	// undertook toward each state (ATOP's directed reading): in alliance
	// 1060 France's portfolio ties it to Belgium by defense, Belgium's
	// has no tie to France.
	OwnTies Ties = iota
	// EitherTies uses the obligations either state undertook toward the
	// other, so the matrix is symmetric.
	EitherTies
)

// Level is the ordinal portfolio level of a set of ATOP obligations
// (fpsim.ATOPLevel): defense or offense 3, neutrality or non-aggression
// 2, consultation 1, none 0.
func Level(o atop.Obligation) int8 {
	return fpsim.ATOPLevel(o.Has(atop.Defense), o.Has(atop.Offense), o.Has(atop.Neutrality),
		o.Has(atop.NonAggression), o.Has(atop.Consultation))
}

// PortfolioLevels returns year y's n×n alliance-portfolio level matrix
// over its system members (row-major, the diagonal at fpsim.DefensePact as
// the standard convention has it) and their CINC scores as weights. It
// fails for a year outside the ATOP coverage.
func (y *Year) PortfolioLevels(ties Ties) (levels []int8, weights []float64, err error) {
	if !y.AlliancesKnown {
		return nil, nil, fmt.Errorf("panel: %d is outside the ATOP coverage; alliance portfolios are unknown", y.Year)
	}
	n := y.N()
	levels = fpsim.NewLevelMatrix(n, fpsim.DefensePact)
	for i := range n {
		for _, l := range y.Links(i) {
			o := l.Owes
			if ties == EitherTies {
				o |= l.OwedBy
			}
			levels[i*n+int(l.To)] = Level(o)
		}
	}
	return levels, y.Caps[CINC], nil
}

// Portfolio returns year y's alliance portfolios indexed for fpsim's
// all-dyads computation; fpsim's dense index i is the year's state i.
func (y *Year) Portfolio(ties Ties) (*fpsim.PortfolioYear, error) {
	levels, w, err := y.PortfolioLevels(ties)
	if err != nil {
		return nil, err
	}
	return fpsim.NewPortfolioYear(y.N(), levels, w, fpsim.DefensePact)
}

// VoteCodes returns the roll calls of year y that keep accepts (all when
// keep is nil) as a calls × countries matrix of fpsim vote codes, over
// the countries that cast at least one vote on them (their COW codes in
// ascending order). A cell the source has no row for (unvotes.Unrecorded:
// the unvotes tables drop absences and non-members) becomes
// fpsim.VoteAbsent, which drops out of the dyad's comparison.
func VoteCodes(m *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (codes []int8, calls int, countries []int) {
	lo, hi := m.YearRange(y)
	rows := make([]int, 0, hi-lo)
	for r := lo; r < hi; r++ {
		rows = append(rows, r)
	}
	return voteCodes(m, rows, keep)
}

// SessionVoteCodes is VoteCodes for the roll calls of General Assembly
// session s instead of a calendar year.
func SessionVoteCodes(m *unvotes.Matrix, s int, keep func(*unvotes.RollCall) bool) (codes []int8, calls int, countries []int) {
	return voteCodes(m, m.SessionRollCalls(s), keep)
}

// voteCodes packs the roll calls of rows (dense indexes) that keep accepts.
func voteCodes(m *unvotes.Matrix, all []int, keep func(*unvotes.RollCall) bool) (codes []int8, calls int, countries []int) {
	var rows []int
	for _, r := range all {
		if keep == nil || keep(&m.RollCalls[r]) {
			rows = append(rows, r)
		}
	}
	var cols []int
	for c := range m.NumCountries() {
		v := m.Votes(c)
		for _, r := range rows {
			if v[r].Cast() {
				cols = append(cols, c)
				countries = append(countries, m.Countries[c])
				break
			}
		}
	}
	codes = make([]int8, len(rows)*len(cols))
	for k, c := range cols {
		v := m.Votes(c)
		for q, r := range rows {
			code := int8(v[r])
			if v[r] == unvotes.Unrecorded {
				code = fpsim.VoteAbsent
			}
			codes[q*len(cols)+k] = code
		}
	}
	return codes, len(rows), countries
}

// VoteYear packs year y's roll calls that keep accepts for fpsim's
// all-dyads computation; see VoteCodes. countries gives the COW code of
// each of the matrix's country indexes.
func VoteYear(m *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (vm *fpsim.VoteMatrix, countries []int, err error) {
	codes, calls, countries := VoteCodes(m, y, keep)
	vm, err = fpsim.NewVoteMatrix(calls, len(countries), codes)
	return vm, countries, err
}

// VoteSession packs the roll calls of General Assembly session s that
// keep accepts, as VoteYear does for a year. With keep = Contested this is
// the basis of Voeten's session agreement scores.
func VoteSession(m *unvotes.Matrix, s int, keep func(*unvotes.RollCall) bool) (vm *fpsim.VoteMatrix, countries []int, err error) {
	codes, calls, countries := SessionVoteCodes(m, s, keep)
	vm, err = fpsim.NewVoteMatrix(calls, len(countries), codes)
	return vm, countries, err
}

// SessionYear is the calendar year conventionally paired with General
// Assembly session s: the year it opened, 1945 + s (session 1 in 1946,
// session 74 in 2019), as in Voeten's agreement-score files. Sessions run
// from September into the next year, so a session's roll calls are not
// all in this year.
func SessionYear(s int) int { return 1945 + s }

// Contested keeps the roll calls on which the states that voted did not
// all cast the same vote (unvotes.Tally.Unanimous). Leaving out the
// unanimous roll calls is the convention of Voeten's session agreement
// scores and of the ideal-point estimates of Bailey, Strezhnev and Voeten
// (2017, "Estimating Dynamic State Preferences from United Nations Voting
// Data", Journal of Conflict Resolution 61(2): 430-456), which drop votes
// on which everyone agreed because they carry no information on how
// states differ. Unanimity is judged over every state with a vote on the
// roll call in the Matrix, before any other filter.
func Contested(rc *unvotes.RollCall) bool { return !rc.Tally.Unanimous() }

// Important keeps the roll calls on the US State Department's list of
// important votes (flagged from 1983 in the unvotes data).
func Important(rc *unvotes.RollCall) bool { return rc.Important.Yes() }

// OnIssue returns a filter keeping the roll calls tagged with issue i.
func OnIssue(i unvotes.Issue) func(*unvotes.RollCall) bool {
	return func(rc *unvotes.RollCall) bool { return rc.Issues.Has(i) }
}

// Both keeps the roll calls both filters keep; a nil filter keeps all.
func Both(a, b func(*unvotes.RollCall) bool) func(*unvotes.RollCall) bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return func(rc *unvotes.RollCall) bool { return a(rc) && b(rc) }
}

// VoteFilter is the roll-call filter of the important votes (when
// important) and of one issue given by its short name (me, nu, di, hr, co
// or ec, in any case; none when empty). It is nil when it keeps every
// roll call.
func VoteFilter(important bool, issue string) (func(*unvotes.RollCall) bool, error) {
	var keep func(*unvotes.RollCall) bool
	if important {
		keep = Important
	}
	if issue != "" {
		i, ok := unvotes.IssueByShortName(strings.ToLower(issue))
		if !ok {
			return nil, errors.New("expected me, nu, di, hr, co or ec")
		}
		keep = Both(keep, OnIssue(i))
	}
	return keep, nil
}
