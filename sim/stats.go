package sim

import (
	"math"
	"strings"

	"github.com/entente/entente"
)

// The statistics a run reports each year, in the order they are written.
// Each is documented in the package documentation.
var Statistics = []string{
	"states", "alliances", "defence_share", "allied_share", "mean_members", "asymmetric_share", "density", "blocs", "largest_bloc", "largest_pact",
	"formations", "terminations", "joins", "exits", "largest_share", "largest_capability_share",
	"delivery_ratio", "deadlock", "admissions_refused", "disputes_opened", "arbitrations",
	"disputes_open", "health", "trust", "events",
}

// yearStats gathers a year's statistics as the run goes.
type yearStats struct {
	values                     map[string]float64
	events                     int
	formations, terminations   int
	joins, exits               int
	pledged, delivered         float64
	largest, largestCap, pacts float64
	decidedGeneral, rejected   int
	decidedAdmit, refused      int
	opened, arbitrations       int
}

func newYearStats() *yearStats { return &yearStats{values: map[string]float64{}} }

// count notes what an event means for the year's statistics.
func (st *yearStats) count(e entente.Event) {
	switch d := e.Data.(type) {
	case entente.MemberAdmitted:
		st.joins++
	case entente.MemberLeft:
		if d.Reason == "notice ran out" || strings.HasPrefix(d.Reason, "expelled") {
			st.exits++
		}
	case entente.ContributionMade:
		st.delivered += d.Contribution.Amount
	case entente.DisputeOpened:
		st.opened++
	case entente.DisputeEscalated:
		if d.Stage == entente.Arbitration {
			st.arbitrations++
		}
	}
}

// decided notes a decided proposal.
func (st *yearStats) decided(p *entente.Proposal) {
	rejected := p.Decision.Outcome == entente.Rejected
	switch p.Matter {
	case entente.General:
		st.decidedGeneral++
		if rejected {
			st.rejected++
		}
	case entente.Admission:
		st.decidedAdmit++
		if rejected {
			st.refused++
		}
	}
}

// burden notes a pact's deliveries this year: the share of the member with
// the largest capability, beside its share of capability.
func (st *yearStats) burden(ms []int, delivered map[int]float64, cap []float64) {
	if len(ms) < 2 {
		return
	}
	var total, totalCap float64
	big := ms[0]
	for _, m := range ms {
		total += delivered[m]
		totalCap += cap[m]
		if cap[m] > cap[big] {
			big = m
		}
	}
	if total <= 0 {
		return
	}
	st.largest += delivered[big] / total
	st.largestCap += cap[big] / totalCap
	st.pacts++
}

// ratio is a/b, NaN when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// observe measures the alliance system at the year's end.
func (r *runner) observe() {
	st := r.stats
	var active []*simPact
	for _, sp := range r.live() {
		if len(r.members(sp)) >= 2 {
			active = append(active, sp)
		}
	}
	n := float64(r.states)
	var defence, members, asym, healthSum, healthN, trustSum, trustN, open float64
	uf := newUnionFind(len(r.ids))
	pairs := map[[2]int]bool{}
	allied := make([]bool, len(r.ids))
	for _, sp := range active {
		ms := r.members(sp)
		members += float64(len(ms))
		if sp.defense {
			defence++
		}
		if r.asymmetric(sp, ms) {
			asym++
		}
		if !math.IsNaN(sp.health) {
			healthSum += sp.health
			healthN++
		}
		if t := r.meanTrust(sp, ms); !math.IsNaN(t) {
			trustSum += t
			trustN++
		}
		for _, d := range sp.s.Disputes.All() {
			if d.Stage != entente.Closed {
				open++
			}
		}
		for a, i := range ms {
			if !r.present[i] {
				continue // left the system, serving its notice
			}
			allied[i] = allied[i] || sp.defense
			for _, j := range ms[a+1:] {
				if !r.present[j] {
					continue
				}
				pairs[r.key(i, j)] = true
				if sp.defense {
					uf.union(i, j)
				}
			}
		}
	}
	var alliedN, biggest float64
	for _, sp := range active {
		biggest = math.Max(biggest, float64(len(r.members(sp))))
	}
	for _, a := range allied {
		if a {
			alliedN++
		}
	}
	k := float64(len(active))
	v := st.values
	v["states"] = n
	v["alliances"] = k
	v["defence_share"] = ratio(defence, k)
	v["allied_share"] = ratio(alliedN, n)
	v["mean_members"] = ratio(members, k)
	v["asymmetric_share"] = ratio(asym, k)
	v["density"] = ratio(float64(len(pairs)), n*(n-1)/2)
	blocs, largest := uf.blocs()
	v["blocs"] = float64(blocs)
	v["largest_bloc"] = ratio(float64(largest), n)
	v["largest_pact"] = ratio(biggest, n)
	v["formations"] = float64(st.formations)
	v["terminations"] = float64(st.terminations)
	v["joins"] = float64(st.joins)
	v["exits"] = float64(st.exits)
	v["largest_share"] = ratio(st.largest, st.pacts)
	v["largest_capability_share"] = ratio(st.largestCap, st.pacts)
	v["delivery_ratio"] = ratio(st.delivered, st.pledged)
	v["deadlock"] = ratio(float64(st.rejected), float64(st.decidedGeneral))
	v["admissions_refused"] = ratio(float64(st.refused), float64(st.decidedAdmit))
	v["disputes_opened"] = float64(st.opened)
	v["arbitrations"] = float64(st.arbitrations)
	v["disputes_open"] = open
	v["health"] = ratio(healthSum, healthN)
	v["trust"] = ratio(trustSum, trustN)
	v["events"] = float64(st.events)
}

// asymmetric reports whether entente.DeriveStructure calls the pact
// asymmetric: its members' shares of capability on the pact's power
// measure (entente.Shares) classed by dominance (entente.Classify), and
// unknown, not asymmetric, when a member's capability is unknown. ms are
// the members in the pact (members). It computes only that, not the
// structure's hierarchy and reasons.
func (r *runner) asymmetric(sp *simPact, ms []int) bool {
	if r.slow {
		return entente.DeriveStructure(sp.s, r.actor).Symmetry == "asymmetric"
	}
	if len(ms) == 0 {
		return false
	}
	measure := sp.s.Pact.Agreement.PowerMeasureOrDefault()
	capability := make(map[entente.ActorID]float64, len(ms))
	for _, i := range ms {
		v, ok := r.actors[i].Capabilities[measure]
		if !ok {
			return false
		}
		capability[r.ids[i]] = v
	}
	_, _, _, dom, ok := entente.Shares(capability)
	return ok && entente.Classify(dom) == "asymmetric"
}

// meanTrust is the mean trust among a pact's current members, NaN without
// a trust record.
func (r *runner) meanTrust(sp *simPact, ms []int) float64 {
	if sp.trust == nil {
		return math.NaN()
	}
	var sum, cnt float64
	for _, i := range ms {
		for _, j := range ms {
			if i != j {
				if v, ok := r.score(sp, i, j); ok {
					sum += v
					cnt++
				}
			}
		}
	}
	return ratio(sum, cnt)
}

// rows returns the year's statistics as tidy rows, leaving out those that
// are undefined (NaN) this year.
func (st *yearStats) rows(run, year int) []Row {
	out := make([]Row, 0, len(Statistics))
	for _, name := range Statistics {
		if v, ok := st.values[name]; ok && !math.IsNaN(v) {
			out = append(out, Row{Run: run, Year: year, Statistic: name, Value: v})
		}
	}
	return out
}

// unionFind finds blocs: groups of actors linked by defence pacts.
type unionFind struct{ parent, size []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n), size: make([]int, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = i, 1
	}
	return u
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(i, j int) {
	a, b := u.find(i), u.find(j)
	if a == b {
		return
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}

// blocs counts the groups of two or more linked actors and returns the
// size of the largest.
func (u *unionFind) blocs() (n, largest int) {
	for i := range u.parent {
		if u.find(i) == i && u.size[i] >= 2 {
			n++
			largest = max(largest, u.size[i])
		}
	}
	return n, largest
}
