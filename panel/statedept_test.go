package panel

import (
	"math"
	"testing"
)

// stateDeptCase is one country's published voting coincidence with the
// United States in a calendar year, beside this package's agree_half for
// the General Assembly session held that autumn.
type stateDeptCase struct {
	country   string
	ccode     int
	session   int
	published float64 // State Department, rounded to two decimals
	n         int32   // roll calls both voted on in the session (this data)
	half      float64 // agree_half here, all roll calls (not only contested)
}

// The published figures are the "voting coincidence" column of the US
// State Department's reports to Congress, Voting Practices in the United
// Nations 2018 and 2019 (General Assembly, overall votes), as transcribed in
// github.com/markschaver/UN (un-coincidence-2018.csv, un-coincidence-2019.csv;
// read in a stored copy). Since the 2018 report the State Department counts
// a partial agreement (yes or no against an abstention) as half:
// (same + partial/2) / (same + opposite + partial), absences left out,
// which is agree_half. The reports cover the plenary votes of a calendar
// year (110 in 2018, 100 in 2019): the autumn of sessions 73 and 74.
var stateDeptCases = []stateDeptCase{
	{"Israel", 666, 73, 0.92, 91, 0.9231},
	{"Canada", 20, 73, 0.65, 95, 0.6684},
	{"Australia", 900, 73, 0.64, 94, 0.6702},
	{"United Kingdom", 200, 73, 0.59, 95, 0.6000},
	{"France", 220, 73, 0.56, 95, 0.5895},
	{"Germany", 255, 73, 0.51, 95, 0.5316},
	{"Japan", 740, 73, 0.46, 95, 0.4789},
	{"Russia", 365, 73, 0.28, 95, 0.3000},
	{"Brazil", 140, 73, 0.27, 95, 0.2842},
	{"India", 750, 73, 0.25, 95, 0.2737},
	{"China", 710, 73, 0.20, 93, 0.2151},
	{"Cuba", 40, 73, 0.16, 94, 0.1809},
	{"Syria", 652, 73, 0.14, 91, 0.1538},
	{"Israel", 666, 74, 0.96, 89, 0.9607},
	{"Canada", 20, 74, 0.66, 91, 0.6923},
	{"Australia", 900, 74, 0.66, 90, 0.6778},
	{"United Kingdom", 200, 74, 0.64, 91, 0.6538},
	{"France", 220, 74, 0.60, 91, 0.6154},
	{"Germany", 255, 74, 0.56, 91, 0.5769},
	{"Japan", 740, 74, 0.48, 91, 0.4780},
	{"Russia", 365, 74, 0.27, 87, 0.2874},
	{"Brazil", 140, 74, 0.37, 91, 0.3846},
	{"India", 750, 74, 0.27, 91, 0.2692},
	{"China", 710, 74, 0.20, 89, 0.2022},
	{"Cuba", 40, 74, 0.16, 89, 0.1685},
	{"Syria", 652, 74, 0.12, 86, 0.1221},
}

// TestSessionAgreementStateDepartment compares session agreement with the
// United States (agree_half over every roll call of the session) with the
// State Department's published voting coincidence for 13 countries in 2018
// and 2019, and pins both.
//
//	country          2018 published  session 73   2019 published  session 74
//	Israel           0.92            0.923        0.96            0.961
//	Canada           0.65            0.668        0.66            0.692
//	Australia        0.64            0.670        0.66            0.678
//	United Kingdom   0.59            0.600        0.64            0.654
//	France           0.56            0.590        0.60            0.615
//	Germany          0.51            0.532        0.56            0.577
//	Japan            0.46            0.479        0.48            0.478
//	Russia           0.28            0.300        0.27            0.287
//	Brazil           0.27            0.284        0.37            0.385
//	India            0.25            0.274        0.27            0.269
//	China            0.20            0.215        0.20            0.202
//	Cuba             0.16            0.181        0.16            0.169
//	Syria            0.14            0.154        0.12            0.122
//
// Every figure is within 0.035 of the published one and the order of the
// countries is nearly the same; ours run higher by 0.015 on average. Why they
// differ: the reports count the plenary votes on resolutions in a calendar
// year (110 and 100), the data hold 95 and 91 roll calls of the sessions
// (Voeten's recent sessions lack some separate and amendment votes) with
// their own country coverage; and the published figures are rounded to two
// decimals.
func TestSessionAgreementStateDepartment(t *testing.T) {
	m := votes(t)
	bySession := map[int]map[int]int{}
	var sumDiff float64
	for _, c := range stateDeptCases {
		vm, codes, err := VoteSession(m, c.session, nil)
		if err != nil {
			t.Fatal(err)
		}
		if bySession[c.session] == nil {
			idx := map[int]int{}
			for i, code := range codes {
				idx[code] = i
			}
			bySession[c.session] = idx
		}
		idx := bySession[c.session]
		i, okUS := idx[2]
		j, ok := idx[c.ccode]
		if !okUS || !ok {
			t.Errorf("%s session %d: no votes", c.country, c.session)
			continue
		}
		got := vm.Dyad(i, j)
		d := got.AgreeHalf - c.published
		sumDiff += d
		t.Logf("US-%-15s session %d: agree_half %.4f (n %d) | State Department %.2f | difference %+.3f", c.country, c.session, got.AgreeHalf, got.N, c.published, d)
		if got.N != c.n || math.Abs(got.AgreeHalf-c.half) > 5e-5 {
			t.Errorf("US-%s session %d: n %d agree_half %.4f, pinned n %d %.4f", c.country, c.session, got.N, got.AgreeHalf, c.n, c.half)
		}
		if math.Abs(d) > 0.035 {
			t.Errorf("US-%s session %d: %.3f against the published %.2f, more than 0.035 apart", c.country, c.session, got.AgreeHalf, c.published)
		}
	}
	if mean := sumDiff / float64(len(stateDeptCases)); mean < 0 || mean > 0.025 {
		t.Errorf("mean difference from the published figures %+.3f; pinned at about +0.015", mean)
	}
	// The rank order of the 13 countries agrees with the published one:
	// Spearman's rho above 0.98 in each year.
	for _, s := range []int{73, 74} {
		var pub, ours []float64
		for _, c := range stateDeptCases {
			if c.session == s {
				pub, ours = append(pub, c.published), append(ours, c.half)
			}
		}
		if rho := spearman(pub, ours); rho < 0.98 {
			t.Errorf("session %d: Spearman's rho with the published order %.3f, want > 0.98", s, rho)
		}
	}
}

// spearman is Spearman's rho with average ranks for ties.
func spearman(x, y []float64) float64 {
	rank := func(v []float64) []float64 {
		r := make([]float64, len(v))
		for i := range v {
			less, eq := 0, 0
			for j := range v {
				if v[j] < v[i] {
					less++
				} else if v[j] == v[i] {
					eq++
				}
			}
			r[i] = float64(less) + float64(eq+1)/2
		}
		return r
	}
	rx, ry := rank(x), rank(y)
	var mx, my float64
	for i := range rx {
		mx += rx[i]
		my += ry[i]
	}
	mx /= float64(len(rx))
	my /= float64(len(ry))
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}
