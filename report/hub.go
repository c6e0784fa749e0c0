package report

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/panel"
)

// The hubs of the default report, by COW code.
const (
	USA    = 2   // United States of America
	Russia = 365 // Russia / the Soviet Union (one COW code throughout)
)

// HubName names the default hubs, and any other by its COW code.
func HubName(ccode int) string {
	switch ccode {
	case USA:
		return "United States"
	case Russia:
		return "USSR/Russia"
	}
	return fmt.Sprintf("COW %d", ccode)
}

// The groups of states the report compares, each against the hub.
const (
	// GroupAll is every state that voted with the hub in the year.
	GroupAll = "all"
	// GroupAllies are the states sharing an alliance with the hub in which
	// one of the two pledged the report's obligation (defense by default)
	// to the other.
	GroupAllies = "allies"
	// GroupOthers are the voting states that are not allies.
	GroupOthers = "others"
	// GroupAsymmetric are the allies bound to the hub by at least one such
	// alliance that is asymmetric in capability that year.
	GroupAsymmetric = "asymmetric_allies"
	// GroupSymmetric are the allies whose every such alliance with the hub
	// is symmetric. Allies with no asymmetric alliance but one of unknown
	// class (a member's CINC is missing) are in neither split group; the
	// allies row counts them as Unclassified.
	GroupSymmetric = "symmetric_allies"
)

// Groups lists the groups in report order.
var Groups = []string{GroupAll, GroupAllies, GroupOthers, GroupAsymmetric, GroupSymmetric}

// HubInput is the data the hub-and-spoke report reads.
type HubInput struct {
	// Votes are the General Assembly roll calls (the unvotes tables carry
	// the important-vote flag).
	Votes *unvotes.Matrix
	// Alliances is the ATOP index; years outside its coverage have
	// unknown alliance groups.
	Alliances *panel.Alliances
	// Capabilities gives the CINC scores that classify alliances;
	// years outside its span have unknown asymmetry.
	Capabilities *panel.Capabilities
	// System, if not nil, restricts the states compared to COW system
	// members in the years the system data cover (so the Ukrainian and
	// Byelorussian SSRs, which voted in the General Assembly but were not
	// states, do not count); in later years every voting country counts.
	System *cowstate.System
}

// HubOptions configures the report. The zero value is the default
// report: hubs USA and Russia, 1946-2020, defense pledges.
type HubOptions struct {
	Hubs       []int
	From, To   int
	Obligation atop.Obligation
}

func (o HubOptions) withDefaults() HubOptions {
	if len(o.Hubs) == 0 {
		o.Hubs = []int{USA, Russia}
	}
	if o.From == 0 {
		o.From = 1946
	}
	if o.To == 0 {
		o.To = 2020
	}
	if o.Obligation == 0 {
		o.Obligation = atop.Defense
	}
	return o
}

// HubRow is one group's agreement with one hub in one year.
type HubRow struct {
	Hub, Year int
	Group     string
	// Known is false when the group cannot be formed: a year past the
	// alliance data for every group but GroupAll, and past the capability
	// data for the asymmetric split. Its numbers are then NaN and 0.
	Known bool
	// RollCalls and Important are the year's roll calls and those on the
	// important-vote list.
	RollCalls, Important int
	// States counts the group members that voted on at least one of the
	// year's roll calls with the hub; Agree and AgreeHalf are the means,
	// over them, of each state's agreement with the hub (NaN when none).
	States          int
	Agree           float64
	AgreeHalf       float64
	StatesImportant int
	AgreeImportant  float64
	AgreeHalfImp    float64
	// Unclassified counts, in the GroupAllies row of a year with
	// capability data, the allies that are neither asymmetric nor
	// symmetric allies because an alliance's class is unknown.
	Unclassified int
}

// HubAndSpoke computes the report: for each hub and year, the mean UN
// vote agreement with the hub of each group of states, over all roll
// calls and over important votes. See the package documentation for the
// definitions.
func HubAndSpoke(in HubInput, opt HubOptions) ([]HubRow, error) {
	opt = opt.withDefaults()
	if in.Votes == nil {
		return nil, fmt.Errorf("report: no UN votes")
	}
	if opt.From > opt.To {
		return nil, fmt.Errorf("report: from %d is after to %d", opt.From, opt.To)
	}
	return hubAndSpoke(in, opt, packVotes)
}

// scorer scores the dyads of one hub with every other country in one
// year, over a set of roll calls.
type scorer interface {
	calls() int
	agreement(hub int, counts func(int) bool) map[int]fpsim.VoteScores
}

// scoreYear prepares a scorer for year y's roll calls that keep accepts.
type scoreYear func(v *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (scorer, error)

// hubAndSpoke computes the report with the given way of scoring votes
// (the benchmarks swap in a baseline).
func hubAndSpoke(in HubInput, opt HubOptions, score scoreYear) ([]HubRow, error) {
	var out []HubRow
	for y := opt.From; y <= opt.To; y++ {
		rows, err := hubYear(in, opt, y, score)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// yearVotes is one year's votes packed for fpsim, with a COW-code index.
type yearVotes struct {
	m     *fpsim.VoteMatrix
	index map[int]int
	codes []int
}

// packVotes packs year y's roll calls with panel.VoteYear, so that each
// dyad is scored from fpsim's bit-packed votes.
func packVotes(v *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (scorer, error) {
	m, codes, err := panel.VoteYear(v, y, keep)
	if err != nil {
		return nil, fmt.Errorf("report: %d: %w", y, err)
	}
	index := make(map[int]int, len(codes))
	for i, c := range codes {
		index[c] = i
	}
	return yearVotes{m, index, codes}, nil
}

func (yv yearVotes) calls() int { return yv.m.Calls() }

// agreement returns each state's agreement with hub in the year (states
// with no roll call in common are left out).
func (yv yearVotes) agreement(hub int, counts func(int) bool) map[int]fpsim.VoteScores {
	h, ok := yv.index[hub]
	if !ok {
		return nil
	}
	out := map[int]fpsim.VoteScores{}
	for i, c := range yv.codes {
		if i == h || !counts(c) {
			continue
		}
		if d := yv.m.Dyad(h, i); d.N > 0 {
			out[c] = d.VoteScores
		}
	}
	return out
}

// hubYear computes every hub's rows for year y.
func hubYear(in HubInput, opt HubOptions, y int, score scoreYear) ([]HubRow, error) {
	all, err := score(in.Votes, y, nil)
	if err != nil {
		return nil, err
	}
	imp, err := score(in.Votes, y, panel.Important)
	if err != nil {
		return nil, err
	}
	counts := func(int) bool { return true }
	if in.System != nil && len(in.System.Members(y)) > 0 {
		counts = func(c int) bool { return in.System.IsMember(c, y) }
	}
	classes := allianceClasses(in, y)
	var out []HubRow
	for _, hub := range opt.Hubs {
		agreeAll, agreeImp := all.agreement(hub, counts), imp.agreement(hub, counts)
		groups := groupStates(in, opt, y, hub, classes)
		for _, g := range Groups {
			row := HubRow{Hub: hub, Year: y, Group: g, RollCalls: all.calls(), Important: imp.calls()}
			member, known := groups.member(g)
			row.Known = known
			if g == GroupAllies {
				row.Unclassified = groups.unclassified
			}
			row.States, row.Agree, row.AgreeHalf = mean(agreeAll, member, known)
			row.StatesImportant, row.AgreeImportant, row.AgreeHalfImp = mean(agreeImp, member, known)
			out = append(out, row)
		}
	}
	return out, nil
}

// mean averages the agreement of the states member accepts.
func mean(agree map[int]fpsim.VoteScores, member func(int) bool, known bool) (n int, a, half float64) {
	if !known {
		return 0, math.NaN(), math.NaN()
	}
	codes := make([]int, 0, len(agree))
	for c := range agree {
		if member(c) {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return 0, math.NaN(), math.NaN()
	}
	slices.Sort(codes) // a fixed summation order: the same bits every run
	for _, c := range codes {
		a += agree[c].Agree
		half += agree[c].AgreeHalf
	}
	return len(codes), a / float64(len(codes)), half / float64(len(codes))
}

// classes gives the capability class of the alliances in force in a
// year, computed when first asked for; known is false when the year is
// outside the alliance or capability data.
type classes struct {
	known bool
	in    HubInput
	year  int
	of    map[int]string // ATOP id -> allnet.Symmetric, Asymmetric or Unknown
}

func allianceClasses(in HubInput, y int) *classes {
	c := &classes{in: in, year: y, of: map[int]string{}}
	if in.Alliances == nil || in.Capabilities == nil || !in.Alliances.Covers(y) {
		return c
	}
	first, last := in.Capabilities.Span()
	c.known = y >= first && y <= last
	return c
}

// class returns alliance atopid's class in the year ("" when unknown
// years).
func (c *classes) class(atopid int) string {
	if !c.known {
		return ""
	}
	if s, ok := c.of[atopid]; ok {
		return s
	}
	ay, _ := c.in.Alliances.AllianceYear(c.year, atopid, c.in.Capabilities.CINC)
	c.of[atopid] = ay.Symmetry
	return ay.Symmetry
}

// hubGroups is the hub's allies in a year, by class.
type hubGroups struct {
	alliesKnown, splitKnown bool
	class                   map[int]string // ally -> asymmetric, symmetric or unknown
	unclassified            int
}

// groupStates finds the hub's allies in year y and classifies each by
// its alliances with the hub.
func groupStates(in HubInput, opt HubOptions, y, hub int, cl *classes) hubGroups {
	g := hubGroups{class: map[int]string{}, splitKnown: cl.known}
	if in.Alliances == nil || !in.Alliances.Covers(y) {
		return g
	}
	g.alliesKnown = true
	for _, p := range in.Alliances.From(y, hub) {
		if (p.Owes|p.OwedBy)&opt.Obligation == 0 {
			continue
		}
		switch c := cl.class(p.ATOPID); {
		case c == allnet.Asymmetric:
			g.class[p.To] = allnet.Asymmetric
		case g.class[p.To] == allnet.Asymmetric:
		case c == allnet.Symmetric && g.class[p.To] != allnet.Unknown:
			g.class[p.To] = allnet.Symmetric
		default:
			g.class[p.To] = allnet.Unknown
		}
	}
	for _, c := range g.class {
		if c == allnet.Unknown && g.splitKnown {
			g.unclassified++
		}
	}
	return g
}

// member returns the membership test of group name and whether the group
// is known in the year.
func (g hubGroups) member(name string) (func(int) bool, bool) {
	isAlly := func(c int) bool { _, ok := g.class[c]; return ok }
	switch name {
	case GroupAll:
		return func(int) bool { return true }, true
	case GroupAllies:
		return isAlly, g.alliesKnown
	case GroupOthers:
		return func(c int) bool { return !isAlly(c) }, g.alliesKnown
	case GroupAsymmetric:
		return func(c int) bool { return g.class[c] == allnet.Asymmetric }, g.alliesKnown && g.splitKnown
	case GroupSymmetric:
		return func(c int) bool { return g.class[c] == allnet.Symmetric }, g.alliesKnown && g.splitKnown
	}
	return func(int) bool { return false }, false
}

// HubAndSpokeByDecade computes the report a decade at a time, calling step
// with the number of years done after each (for a progress bar); it stops
// when ctx is done. The rows are those of HubAndSpoke.
func HubAndSpokeByDecade(ctx context.Context, in HubInput, opt HubOptions, step func(years int)) ([]HubRow, error) {
	var rows []HubRow
	for lo := opt.From; lo <= opt.To; lo += 10 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o := opt
		o.From, o.To = lo, min(lo+9, opt.To)
		r, err := HubAndSpoke(in, o)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
		step(o.To - o.From + 1)
	}
	return rows, nil
}
