package history

import (
	"math"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// toyVotes: four roll calls in 1950 among usa (2), can (20) and ukg (200),
// ukg absent on the third, and one in 1951.
var toyBallots = map[int][3]unvotes.Vote{
	1: {unvotes.Yes, unvotes.Yes, unvotes.No},
	2: {unvotes.Yes, unvotes.Abstain, unvotes.No},
	3: {unvotes.No, unvotes.No, unvotes.Unrecorded},
	4: {unvotes.Yes, unvotes.Yes, unvotes.Yes},
	5: {unvotes.Yes, unvotes.No, unvotes.Yes},
}

func toyVotes(tb testing.TB) *unvotes.Matrix {
	tb.Helper()
	b := unvotes.NewBuilder()
	codes := []int16{2, 20, 200}
	for rc := 1; rc <= 5; rc++ {
		year := 1950
		if rc == 5 {
			year = 1951
		}
		if err := b.AddRollCall(unvotes.RollCall{RCID: rc, Date: csvio.Date{Year: year, Month: 3, Day: rc}}); err != nil {
			tb.Fatal(err)
		}
		for c, v := range toyBallots[rc] {
			if v != unvotes.Unrecorded {
				b.AddBallot(unvotes.Ballot{RCID: int32(rc), CCode: codes[c], Vote: v})
			}
		}
	}
	m, err := b.Build()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestGroupCohesionToy(t *testing.T) {
	ideal := Panel{{2, 1950}: 1, {20, 1950}: 0.5, {200, 1950}: -1}
	c, err := GroupCohesion(toyVotes(t), ideal, []int{2, 20, 200, 999}, 1950)
	if err != nil {
		t.Fatal(err)
	}
	if c.Members != 4 || c.Voting != 3 || c.Pairs != 3 || c.IdealN != 3 {
		t.Errorf("counts %+v: want 4 members, 3 voting, 3 pairs, 3 ideal points", c)
	}
	// usa–can agree on 3 of 4 roll calls; usa–ukg and can–ukg on 1 of the
	// 3 ukg voted on.
	near(t, "agree", float64(c.Agree), (0.75+1.0/3+1.0/3)/3, 1e-12)
	// Kappa: the mean of fpsim's pairwise kappa on the same votes.
	col := func(k int) []int8 {
		var out []int8
		for rc := 1; rc <= 4; rc++ {
			v := toyBallots[rc][k]
			if v == unvotes.Unrecorded {
				v = unvotes.NotMember
			}
			out = append(out, int8(v))
		}
		return out
	}
	var want float64
	for _, p := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
		s, err := fpsim.CompareVotes(col(p[0]), col(p[1]))
		if err != nil {
			t.Fatal(err)
		}
		want += s.KappaAbs / 3
	}
	near(t, "kappa", float64(c.Kappa), want, 1e-12)
	// Ideal points 1, 0.5, −1: mean 1/6, Σ(x − mean)² = 13/6, sd = sqrt(13/12).
	near(t, "ideal sd", float64(c.IdealSD), math.Sqrt(13.0/12), 1e-12)
}

func TestGroupCohesionMissing(t *testing.T) {
	m := toyVotes(t)
	c, err := GroupCohesion(m, nil, []int{2}, 1950)
	if err != nil {
		t.Fatal(err)
	}
	isNaN(t, "agree of one member", float64(c.Agree))
	isNaN(t, "kappa of one member", float64(c.Kappa))
	isNaN(t, "ideal sd without ideal points", float64(c.IdealSD))
	c, err = GroupCohesion(m, nil, []int{2, 20}, 1960)
	if err != nil {
		t.Fatal(err)
	}
	if c.Voting != 0 || !math.IsNaN(float64(c.Agree)) {
		t.Errorf("a year without roll calls: %+v, want no voters and NaN agreement", c)
	}
}

// TestCohesionBlocs: in 1970 the Warsaw Pact (ATOP 3285) voted more alike,
// and its ideal points were closer together, than NATO's.
func TestCohesionBlocs(t *testing.T) {
	d := loadReal(t)
	v, err := NewVoteYear(d.votes, 1970)
	if err != nil {
		t.Fatal(err)
	}
	nato := v.Cohesion(d.alliances.Members(NATO, 1970), d.ideal)
	wp := v.Cohesion(d.alliances.Members(3285, 1970), d.ideal)
	t.Logf("1970 NATO: %+v", nato)
	t.Logf("1970 Warsaw Pact: %+v", wp)
	if nato.Voting < 14 || wp.Voting < 6 {
		t.Fatalf("voting members: NATO %d, Warsaw Pact %d", nato.Voting, wp.Voting)
	}
	if !(wp.Agree > nato.Agree && wp.Kappa > nato.Kappa && wp.IdealSD < nato.IdealSD) {
		t.Errorf("Warsaw Pact not more cohesive than NATO in 1970: agree %.3f vs %.3f, kappa %.3f vs %.3f, ideal sd %.3f vs %.3f",
			wp.Agree, nato.Agree, wp.Kappa, nato.Kappa, wp.IdealSD, nato.IdealSD)
	}
	if wp.Agree < 0.9 {
		t.Errorf("Warsaw Pact agreement %.3f, want ≥ 0.9 (the bloc voted together)", wp.Agree)
	}
}

func TestPortfolioYear(t *testing.T) {
	al := NewAlliances(nil, []atop.Member{
		member(1, 2, 1940, 0, atop.Defense), member(1, 20, 1940, 0, atop.Defense),
		member(2, 200, 1940, 0, atop.NonAggression), member(2, 365, 1940, 0, atop.Consultation),
	})
	states := []int{2, 20, 200, 365, 710}
	py, err := NewPortfolioYear(al, states, 1950)
	if err != nil {
		t.Fatal(err)
	}
	// Portfolios (ties to 2, 20, 200, 365, 710): each member ties to its
	// partner at its own obligation's level and to itself at 3.
	port := map[int][]int8{
		2: {3, 3, 0, 0, 0}, 20: {3, 3, 0, 0, 0}, 200: {0, 0, 3, 2, 0}, 365: {0, 0, 1, 3, 0}, 710: {0, 0, 0, 0, 3},
	}
	for _, g := range [][]int{{2, 20}, {200, 365}, {2, 200, 710}} {
		var want float64
		pairs := 0
		for a := range g {
			for b := a + 1; b < len(g); b++ {
				s, err := fpsim.ComparePortfolios(port[g[a]], port[g[b]], nil, fpsim.DefensePact)
				if err != nil {
					t.Fatal(err)
				}
				want += s.SAbs
				pairs++
			}
		}
		n, got := py.MeanS(g)
		if n != pairs {
			t.Errorf("%v: %d pairs, want %d", g, n, pairs)
		}
		near(t, "mean S", got, want/float64(pairs), 1e-12)
	}
	if _, s := py.MeanS([]int{2, 999}); !math.IsNaN(s) {
		t.Errorf("a pair with a state outside the year: S = %g, want NaN", s)
	}
}
