package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/panel"
)

// ClaimInput is the data of the test of seed 003's claim (HubClaim).
type ClaimInput struct {
	Votes        *unvotes.Matrix     // General Assembly roll calls
	Alliances    *atopindex.Index    // ATOP, read on 31 December of the session's year
	Capabilities *panel.Capabilities // NMC CINC scores
	System       *cowstate.System    // COW system members
	Democracy    []peacesciencer.Democracy
	IdealPoints  []idealpoints.Record // Bailey, Strezhnev and Voeten ideal points
}

// ClaimOptions chooses the hub and the sessions; zero values mean the
// United States, sessions 2-71 (1947-2016: the first session has no
// previous one, NMC ends in 2016) and defense pledges.
type ClaimOptions struct {
	Hub                    int
	FromSession, ToSession int
	Obligation             atop.Obligation
	// MinCalls is the fewest hub-minority roll calls a state must have
	// voted on in a session to be an observation (default 5).
	MinCalls int
	// Important replaces the hub's minority votes by the contested roll
	// calls on the US State Department's list of important votes
	// (flagged for sessions 38-72, 1983-2017), on which the hub voted.
	Important bool
}

// ClaimObs is one state-session of the regression.
type ClaimObs struct {
	State, Session int
	Ally           bool    // shares an alliance with the hub with the obligation, on 31 December of the session's year
	Asymmetry      float64 // log(CINC of the hub / CINC of the state) in the session's year
	Agree          float64 // agreement with the hub on the hub's minority votes
	Calls          int     // hub-minority roll calls both voted on
	IdealDist      float64 // |ideal point of the state - of the hub| in the previous year
	RegimeDist     float64 // |Polity2 of the state - of the hub|
	Region         string
}

// ClaimResult is the regression of agreement with the hub on the hub's
// minority votes on alliance, asymmetry and their interaction.
type ClaimResult struct {
	Hub       int
	Obs       []ClaimObs
	Terms     []string // the reported coefficients, in order
	Coef, SE  []float64
	N, States int
	Sessions  int
	R2        float64
	// MinorityCalls is the number of roll calls the outcome is measured
	// on, over the sessions used: contested roll calls on which the hub
	// voted with the minority, or (Important) contested important votes.
	MinorityCalls int
	// Important is true when the outcome is agreement on the important
	// votes rather than on the hub's minority votes.
	Important bool
}

// ClaimTerms are the coefficients ClaimResult reports; session and region
// fixed effects are estimated but not reported.
var ClaimTerms = []string{"constant", "ally", "asymmetry", "ally_x_asymmetry", "ideal_point_distance_lag", "regime_distance"}

// region is a coarse COW-code region, for fixed effects.
func region(c int) string {
	switch {
	case c < 200:
		return "americas"
	case c < 400:
		return "europe"
	case c < 630:
		return "africa"
	case c < 700:
		return "middle_east"
	case c < 900:
		return "asia"
	}
	return "oceania"
}

// HubClaim tests seed 003's claim that junior allies in asymmetric
// alliances lend the hegemon political support, where it counts: on the
// General Assembly roll calls on which the hub voted with the minority of
// the voting states (its unpopular positions). For each session and each
// COW system member other than the hub, the outcome is the share of those
// roll calls (contested ones only, by the session convention) on which
// the state voted as the hub did; it is regressed by least squares on
// ally (defense pact with the hub, ATOP, 31 December), asymmetry (the log
// of the hub's CINC over the state's, continuous: 0 for equals, 2.3 for a
// state with a tenth of the hub's capability) and their product, with the
// previous year's ideal-point distance to the hub (Bailey, Strezhnev and
// Voeten 2017), the Polity2 distance, region and session fixed effects,
// and standard errors clustered by state. The claim predicts a positive
// ally × asymmetry coefficient.
func HubClaim(in ClaimInput, opt ClaimOptions) (*ClaimResult, error) {
	if opt.Hub == 0 {
		opt.Hub = USA
	}
	if opt.FromSession == 0 {
		opt.FromSession = 2
	}
	if opt.ToSession == 0 {
		opt.ToSession = 71
	}
	if opt.Obligation == 0 {
		opt.Obligation = atop.Defense
	}
	if opt.MinCalls == 0 {
		opt.MinCalls = 5
	}
	if in.Votes == nil || in.Alliances == nil || in.Capabilities == nil || in.System == nil {
		return nil, fmt.Errorf("report: the claim test needs votes, alliances, capabilities and the state system")
	}
	ideal := map[[2]int]float64{}
	for _, r := range in.IdealPoints {
		ideal[[2]int{r.CCode, r.Year}] = r.All
	}
	polity := map[[2]int]float64{}
	for _, d := range in.Democracy {
		polity[[2]int{d.CCode, d.Year}] = d.Polity2
	}
	res := &ClaimResult{Hub: opt.Hub, Terms: ClaimTerms, Important: opt.Important}
	hub, ok := in.Votes.CountryIndex(opt.Hub)
	if !ok {
		return nil, fmt.Errorf("report: hub %d has no votes", opt.Hub)
	}
	hv := in.Votes.Votes(hub)
	for s := opt.FromSession; s <= opt.ToSession; s++ {
		y := panel.SessionYear(s)
		var minority []int
		for _, r := range in.Votes.SessionRollCalls(s) {
			rc := &in.Votes.RollCalls[r]
			v := hv[r]
			if !panel.Contested(rc) || !v.Cast() {
				continue
			}
			if opt.Important {
				if panel.Important(rc) {
					minority = append(minority, r)
				}
				continue
			}
			same := map[unvotes.Vote]int{unvotes.Yes: rc.Tally.Yes, unvotes.Abstain: rc.Tally.Abstain, unvotes.No: rc.Tally.No}[v]
			if 2*same < rc.Tally.Cast() {
				minority = append(minority, r)
			}
		}
		res.MinorityCalls += len(minority)
		allies := in.Alliances.Allies(atopindex.YearEnd(y), opt.Hub, opt.Obligation)
		hubCINC := in.Capabilities.CINC(opt.Hub, y)
		hubIdeal, okHI := ideal[[2]int{opt.Hub, y - 1}]
		hubPolity, okHP := polity[[2]int{opt.Hub, y}]
		if len(minority) == 0 || math.IsNaN(hubCINC) || !okHI || !okHP || math.IsNaN(hubPolity) {
			continue
		}
		for c, code := range in.Votes.Countries {
			if code == opt.Hub || !in.System.IsMember(code, y) {
				continue
			}
			votes := in.Votes.Votes(c)
			var n, agree int
			for _, r := range minority {
				if votes[r].Cast() {
					n++
					if votes[r] == hv[r] {
						agree++
					}
				}
			}
			cinc := in.Capabilities.CINC(code, y)
			ip, okI := ideal[[2]int{code, y - 1}]
			pol, okP := polity[[2]int{code, y}]
			if n < opt.MinCalls || math.IsNaN(cinc) || cinc <= 0 || !okI || !okP || math.IsNaN(pol) || math.IsNaN(ip) {
				continue
			}
			res.Obs = append(res.Obs, ClaimObs{State: code, Session: s, Ally: slices.Contains(allies, code),
				Asymmetry: math.Log(hubCINC / cinc), Agree: float64(agree) / float64(n), Calls: n,
				IdealDist: math.Abs(ip - hubIdeal), RegimeDist: math.Abs(pol - hubPolity), Region: region(code)})
		}
	}
	return res, res.fit()
}

// fit runs the regression over res.Obs.
func (res *ClaimResult) fit() error {
	sessions, regions := map[int]int{}, map[string]int{}
	states := map[int]bool{}
	for _, o := range res.Obs {
		if _, ok := sessions[o.Session]; !ok {
			sessions[o.Session] = len(sessions)
		}
		if _, ok := regions[o.Region]; !ok {
			regions[o.Region] = len(regions)
		}
		states[o.State] = true
	}
	res.N, res.States, res.Sessions = len(res.Obs), len(states), len(sessions)
	k := len(ClaimTerms) + len(sessions) - 1 + len(regions) - 1
	x := make([][]float64, len(res.Obs))
	y := make([]float64, len(res.Obs))
	cl := make([]int, len(res.Obs))
	for i, o := range res.Obs {
		row := make([]float64, k)
		ally := 0.0
		if o.Ally {
			ally = 1
		}
		copy(row, []float64{1, ally, o.Asymmetry, ally * o.Asymmetry, o.IdealDist, o.RegimeDist})
		if j := sessions[o.Session]; j > 0 {
			row[len(ClaimTerms)+j-1] = 1
		}
		if j := regions[o.Region]; j > 0 {
			row[len(ClaimTerms)+len(sessions)-1+j-1] = 1
		}
		x[i], y[i], cl[i] = row, o.Agree, o.State
	}
	f, err := fitOLS(x, y, cl)
	if err != nil {
		return err
	}
	res.Coef, res.SE, res.R2 = f.Coef[:len(ClaimTerms)], f.SE[:len(ClaimTerms)], f.R2
	return nil
}

// ClaimTable renders the reported coefficients as rows of text: term,
// coefficient, clustered standard error, t.
func (res *ClaimResult) ClaimTable() [][]string {
	rows := [][]string{{"term", "coef", "se_clustered_by_state", "t"}}
	for j, t := range res.Terms {
		rows = append(rows, []string{t, strconv.FormatFloat(res.Coef[j], 'f', 4, 64),
			strconv.FormatFloat(res.SE[j], 'f', 4, 64), strconv.FormatFloat(res.Coef[j]/res.SE[j], 'f', 2, 64)})
	}
	return rows
}
