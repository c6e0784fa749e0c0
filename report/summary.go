package report

import (
	"cmp"
	"math"
	"slices"
)

// Gap is the mean, over the years of one decade in which both groups have
// a value, of the difference in agreement with the hub between two
// groups.
type Gap struct {
	Hub, Decade int // Decade is its first year, e.g. 1980
	// Votes is "all" or "important".
	Votes string
	// AlliesMinusOthers is allies' mean agreement minus non-allies',
	// averaged over Years years; Allies and Others are the two levels.
	AlliesMinusOthers float64
	Allies, Others    float64
	Years             int
	// AsymmetricMinusSymmetric is the asymmetric allies' mean agreement
	// minus the symmetric allies', averaged over SplitYears years (those
	// with both groups present).
	AsymmetricMinusSymmetric float64
	AsymmetricAllies         float64
	SymmetricAllies          float64
	SplitYears               int
	MeanAllies, MeanOthers   float64 // mean group sizes over the Years years
}

// Decades summarises rows by hub, decade and vote set: allies minus
// others, and asymmetric allies minus symmetric allies.
func Decades(rows []HubRow) []Gap {
	type key struct {
		hub, decade, year int
	}
	byYear := map[key]map[string]HubRow{}
	for _, r := range rows {
		k := key{r.Hub, r.Year / 10 * 10, r.Year}
		if byYear[k] == nil {
			byYear[k] = map[string]HubRow{}
		}
		byYear[k][r.Group] = r
	}
	type dk struct {
		hub, decade int
		votes       string
	}
	// Visit the years in a fixed order (hub, decade, year), not the map's:
	// the sums below are floating point, so their order sets the last bits.
	keys := make([]key, 0, len(byYear))
	for k := range byYear {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.hub, b.hub), cmp.Compare(a.decade, b.decade), cmp.Compare(a.year, b.year))
	})
	acc := map[dk]*Gap{}
	for _, k := range keys {
		groups := byYear[k]
		for _, votes := range []string{"all", "important"} {
			d := dk{k.hub, k.decade, votes}
			if acc[d] == nil {
				acc[d] = &Gap{Hub: k.hub, Decade: k.decade, Votes: votes}
			}
			acc[d].add(groups, votes)
		}
	}
	out := make([]Gap, 0, len(acc))
	for _, g := range acc {
		g.finish()
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(a.Hub, b.Hub), cmp.Compare(a.Votes, b.Votes), cmp.Compare(a.Decade, b.Decade))
	})
	return out
}

// value is a group's agreement on the chosen vote set and its size.
func value(r HubRow, votes string) (float64, int) {
	if votes == "important" {
		return r.AgreeImportant, r.StatesImportant
	}
	return r.Agree, r.States
}

// add accumulates one year (sums; finish turns them into means).
func (g *Gap) add(groups map[string]HubRow, votes string) {
	al, nal := value(groups[GroupAllies], votes)
	ot, not := value(groups[GroupOthers], votes)
	if !math.IsNaN(al) && !math.IsNaN(ot) {
		g.Years++
		g.AlliesMinusOthers += al - ot
		g.Allies += al
		g.Others += ot
		g.MeanAllies += float64(nal)
		g.MeanOthers += float64(not)
	}
	as, _ := value(groups[GroupAsymmetric], votes)
	oa, _ := value(groups[GroupSymmetric], votes)
	if !math.IsNaN(as) && !math.IsNaN(oa) {
		g.SplitYears++
		g.AsymmetricMinusSymmetric += as - oa
		g.AsymmetricAllies += as
		g.SymmetricAllies += oa
	}
}

func (g *Gap) finish() {
	div := func(s *float64, n int) {
		if n == 0 {
			*s = math.NaN()
			return
		}
		*s /= float64(n)
	}
	for _, s := range []*float64{&g.AlliesMinusOthers, &g.Allies, &g.Others, &g.MeanAllies, &g.MeanOthers} {
		div(s, g.Years)
	}
	for _, s := range []*float64{&g.AsymmetricMinusSymmetric, &g.AsymmetricAllies, &g.SymmetricAllies} {
		div(s, g.SplitYears)
	}
}
