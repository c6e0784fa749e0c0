package simdata

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/sim"
)

// HistoryFiles lists the files History reads, relative to the data folder.
var HistoryFiles = []string{SystemFile, NMCFile, MembersFile}

// HistoryStatistics are the statistics History measures, each defined as
// the simulator defines it (package sim, Statistics) so that real and
// simulated years compare one to one.
var HistoryStatistics = []string{"states", "alliances", "defence_share", "allied_share", "mean_members", "asymmetric_share",
	"density", "formations", "terminations"}

// History measures the real alliance system in each year from..to from the
// data folder dir, as tidy rows (Run 0): ATOP 5.1 read through package
// dataset/atopindex, in force on 31 December of the year (its default),
// among the states of the COW system that year with an NMC capability (the
// simulator's actors):
//
//   - states: those states;
//   - alliances: ATOP alliances with at least two of them as members;
//   - defence_share: the share of those in which some member undertook
//     defense or offense (a defence pact);
//   - allied_share: the share of the states in at least one defence pact;
//   - mean_members: the mean number of such members per alliance;
//   - asymmetric_share: the share of the alliances whose strongest member
//     holds at least entente.AsymmetryRatio times the CINC of the second
//     (entente.Classify; an alliance with a member of unknown CINC counts
//     as not asymmetric, as the simulator's "unknown" does);
//   - density: the pairs of states sharing an alliance over all pairs;
//   - formations: alliances whose first membership began in the year with
//     at least two states of the system among the members entering then;
//   - terminations: alliances whose last membership ended in the year
//     (not those still in force when ATOP ends, 2018) with at least two
//     states of the system members during the year.
func History(dir string, from, to int) ([]sim.Row, error) {
	if from > to || to > atopindex.LastYear {
		return nil, fmt.Errorf("history: expected years from..to within ATOP's coverage (to %d), got %d..%d", atopindex.LastYear, from, to)
	}
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	sys, err := cowstate.LoadSystem(path(SystemFile))
	if err != nil {
		return nil, err
	}
	recs, err := nmc.Load(path(NMCFile), nmc.V6)
	if err != nil {
		return nil, err
	}
	members, err := atop.LoadMembers(path(MembersFile))
	if err != nil {
		return nil, err
	}
	ix, err := atopindex.New(members, atopindex.LastYear)
	if err != nil {
		return nil, err
	}
	type cy struct{ ccode, year int }
	cinc := map[cy]float64{}
	for _, r := range recs {
		if r.Year >= from && r.Year <= to && r.CINC > 0 && !math.IsNaN(r.CINC) {
			cinc[cy{r.CCode, r.Year}] = r.CINC
		}
	}
	inSystem := map[cy]bool{}
	for _, s := range sys {
		if _, ok := cinc[cy{s.CCode, s.Year}]; ok {
			inSystem[cy{s.CCode, s.Year}] = true
		}
	}
	// Each alliance's first and last day, and who entered on its first
	// day's year, for formations and terminations.
	first, last := map[int]atopindex.Day{}, map[int]atopindex.Day{}
	for i := range members {
		m := &members[i]
		f, l := atopindex.Spell(m, atopindex.LastYear)
		if l < f {
			continue
		}
		if d, ok := first[m.ATOPID]; !ok || f < d {
			first[m.ATOPID] = f
		}
		if d, ok := last[m.ATOPID]; !ok || l > d {
			last[m.ATOPID] = l
		}
	}
	ids := make([]int, 0, len(first))
	for id := range first {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	var rows []sim.Row
	for y := from; y <= to; y++ {
		present := func(c int) bool { return inSystem[cy{c, y}] }
		n := 0
		for k := range inSystem {
			if k.year == y {
				n++
			}
		}
		// The alliances in force at the year's end, with their members in
		// the system and whether they are defence pacts.
		type alliance struct {
			members []int
			defence bool
		}
		byID := map[int]*alliance{}
		for _, m := range ix.Members(atopindex.YearEnd(y), atopindex.YearEnd(y)) {
			if !present(m.CCode) {
				continue
			}
			a := byID[m.ATOPID]
			if a == nil {
				a = &alliance{}
				byID[m.ATOPID] = a
			}
			if !slices.Contains(a.members, m.CCode) {
				a.members = append(a.members, m.CCode)
			}
			a.defence = a.defence || m.Owes.Has(atop.Defense) || m.Owes.Has(atop.Offense)
		}
		var k, defence, sumMembers, asym float64
		allied := map[int]bool{}
		pairs := map[[2]int]bool{}
		for _, id := range ids {
			a := byID[id]
			if a == nil || len(a.members) < 2 {
				continue
			}
			k++
			if a.defence {
				defence++
			}
			sumMembers += float64(len(a.members))
			caps := make([]float64, len(a.members))
			for i, c := range a.members {
				caps[i] = cinc[cy{c, y}]
			}
			if dominance(caps) >= entente.AsymmetryRatio {
				asym++
			}
			for i, c := range a.members {
				if a.defence {
					allied[c] = true
				}
				for _, d := range a.members[i+1:] {
					pairs[[2]int{min(c, d), max(c, d)}] = true
				}
			}
		}
		var formed, ended float64
		for _, id := range ids {
			if first[id].Year() == y {
				entered := map[int]bool{}
				for _, m := range ix.Alliance(id, first[id], atopindex.YearEnd(y)) {
					if m.From.Year() == y && present(m.CCode) {
						entered[m.CCode] = true
					}
				}
				if len(entered) >= 2 {
					formed++
				}
			}
			if last[id].Year() == y && last[id] < atopindex.YearEnd(atopindex.LastYear) {
				in := map[int]bool{}
				for _, m := range ix.Alliance(id, atopindex.YearStart(y), atopindex.YearEnd(y)) {
					if present(m.CCode) {
						in[m.CCode] = true
					}
				}
				if len(in) >= 2 {
					ended++
				}
			}
		}
		nf := float64(n)
		values := map[string]float64{
			"states":           nf,
			"alliances":        k,
			"defence_share":    ratio(defence, k),
			"allied_share":     ratio(float64(len(allied)), nf),
			"mean_members":     ratio(sumMembers, k),
			"asymmetric_share": ratio(asym, k),
			"density":          ratio(float64(len(pairs)), nf*(nf-1)/2),
			"formations":       formed,
			"terminations":     ended,
		}
		for _, s := range HistoryStatistics {
			if v := values[s]; !math.IsNaN(v) {
				rows = append(rows, sim.Row{Year: y, Statistic: s, Value: v})
			}
		}
	}
	return rows, nil
}

// dominance is the strongest capability over the second strongest, 0 when
// one is unknown (as entente's structure leaves the symmetry unknown).
func dominance(caps []float64) float64 {
	s := append([]float64(nil), caps...)
	sort.Sort(sort.Reverse(sort.Float64Slice(s)))
	if len(s) < 2 || s[len(s)-1] <= 0 {
		return 0
	}
	return s[0] / s[1]
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
