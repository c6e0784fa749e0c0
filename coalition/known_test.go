package coalition

import (
	"errors"
	"math"
	"testing"

	"github.com/entente/entente/power"
)

const tol = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) <= tol*max(1, math.Abs(a), math.Abs(b)) }

func nearAll(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i]) {
			return false
		}
	}
	return true
}

// mustGame panics on a construction error: test games are known valid.
func mustGame(g *Game, err error) *Game {
	if err != nil {
		panic(err)
	}
	return g
}

// glove is the glove game with player 0 holding a left glove and players
// 1..right holding right gloves: a coalition is worth its number of pairs.
func glove(t testing.TB, right int) *Game {
	return mustGame(NewFunc(1+right, func(s uint64) float64 {
		l := float64(s & 1)
		r := float64(popcount(s >> 1))
		return min(l, r)
	}))
}

func TestGloveGame(t *testing.T) {
	g := glove(t, 2)
	phi, err := Shapley(g)
	if err != nil {
		t.Fatal(err)
	}
	// Orderings: the left holder is pivotal unless it comes first (2/3 of
	// orderings); a right holder only when it directly follows the left
	// holder at the front... in 1 of 6 orderings.
	if want := []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}; !nearAll(phi, want) {
		t.Errorf("Shapley = %v, want %v", phi, want)
	}
	c, err := Core(g)
	if err != nil {
		t.Fatal(err)
	}
	if c.Empty || !nearAll(c.Point, []float64{1, 0, 0}) || !near(c.Epsilon, 0) {
		t.Errorf("core = %+v, want non-empty {(1,0,0)} with ε* = 0", c)
	}
	nu, err := Nucleolus(g)
	if err != nil {
		t.Fatal(err)
	}
	if !nearAll(nu, []float64{1, 0, 0}) {
		t.Errorf("nucleolus = %v, want (1,0,0)", nu)
	}
}

// TestNucleolusPublished checks the three-player example shipped with
// Benedek's nucleolus solver: v(1)=1, v(2)=2, v(3)=5, v(12)=6, v(13)=7,
// v(23)=8, v(123)=12 has nucleolus (2.75, 3.75, 5.5).
//
// Working: the core is non-empty, so nucleolus and prenucleolus coincide.
// Stage 1 (least core): x3 ≥ 5-ε and x1+x2 = 12-x3 ≥ 6-ε force ε ≥ -1/2,
// reached with {3} and {1,2} tight: x3 = 5.5, x1+x2 = 6.5, ε* = -0.5.
// Stage 2: the largest remaining excesses are e(13) = 1.5-x1 and
// e(23) = 2.5-x2 (e(1), e(2) are 1 lower); equal when x2 = x1+1, so
// x1 = 2.75, x2 = 3.75, both excesses -1.25.
func TestNucleolusPublished(t *testing.T) {
	v := make([]float64, 8)
	v[Mask(0)], v[Mask(1)], v[Mask(2)] = 1, 2, 5
	v[Mask(0, 1)], v[Mask(0, 2)], v[Mask(1, 2)] = 6, 7, 8
	v[Mask(0, 1, 2)] = 12
	g := mustGame(NewTable(3, v))
	want := []float64{2.75, 3.75, 5.5}
	for name, f := range map[string]func(*Game) ([]float64, error){"nucleolus": Nucleolus, "prenucleolus": Prenucleolus} {
		x, err := f(g)
		if err != nil {
			t.Fatal(err)
		}
		if !nearAll(x, want) {
			t.Errorf("%s = %v, want %v", name, x, want)
		}
	}
	c, err := Core(g)
	if err != nil {
		t.Fatal(err)
	}
	if c.Empty || !near(c.Epsilon, -0.5) {
		t.Errorf("least core ε* = %v (empty %v), want -0.5", c.Epsilon, c.Empty)
	}
}

func weighted(t testing.TB, q int64, w ...int64) *power.Weighted {
	t.Helper()
	g, err := power.NewWeighted(q, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestWeightedMajority(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rule   *power.Weighted
		vetoes []int
	}{
		{"no veto [51; 40,30,20,10]", weighted(t, 51, 40, 30, 20, 10), nil},
		{"one veto [5; 3,1,1,1]", weighted(t, 5, 3, 1, 1, 1), []int{0}},
		{"two vetoes [7; 3,3,1,1]", weighted(t, 7, 3, 3, 1, 1), []int{0, 1}},
		{"UNSC [39; 7x5, 1x10]", weighted(t, 39, 7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), []int{0, 1, 2, 3, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := mustGame(NewVoting(tc.rule))
			phi, err := Shapley(g)
			if err != nil {
				t.Fatal(err)
			}
			ss, err := power.ShapleyShubik(tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			if !nearAll(phi, ss) {
				t.Errorf("Shapley = %v, Shapley-Shubik = %v", phi, ss)
			}
			c, err := Core(g)
			if err != nil {
				t.Fatal(err)
			}
			if c.Empty != (len(tc.vetoes) == 0) {
				t.Fatalf("core empty = %v (ε* = %v) with vetoes %v", c.Empty, c.Epsilon, tc.vetoes)
			}
			if c.Empty {
				return
			}
			// The core of a simple game with vetoes is the set of
			// distributions of the unit among the veto players.
			veto := Mask(tc.vetoes...)
			for i, x := range c.Point {
				if veto>>i&1 == 0 && math.Abs(x) > tol || x < -tol {
					t.Errorf("core point %v pays non-veto player %d", c.Point, i)
				}
			}
			nu, err := Nucleolus(g)
			if err != nil {
				t.Fatal(err)
			}
			// The veto players are symmetric, so the nucleolus splits
			// the unit equally among them.
			for i, x := range nu {
				want := 0.0
				if veto>>i&1 == 1 {
					want = 1 / float64(len(tc.vetoes))
				}
				if !near(x, want) {
					t.Errorf("nucleolus = %v, want equal shares for %v", nu, tc.vetoes)
					break
				}
			}
		})
	}
}

func TestMinimalWinning(t *testing.T) {
	for _, rule := range []power.Game{
		weighted(t, 12, 4, 4, 4, 2, 2, 1), // EEC 1958
		weighted(t, 39, 7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
		weighted(t, 51, 40, 30, 20, 10),
	} {
		mwc, err := MinimalWinning(rule)
		if err != nil {
			t.Fatal(err)
		}
		r, err := power.Analyze(rule, power.Options{Indices: power.HollerIndex})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(mwc)) != r.MinimalWinning.Int64() {
			t.Errorf("%v: %d minimal winning coalitions, power counts %v", rule, len(mwc), r.MinimalWinning)
		}
		// Rebuilding the rule from its minimal winning coalitions must give
		// the same game.
		var lists [][]int
		for _, s := range mwc {
			lists = append(lists, Members(s))
		}
		back, err := power.NewMinimalWinning(rule.N(), lists)
		if err != nil {
			t.Fatal(err)
		}
		a, b := winBits(rule), winBits(back)
		for k := range a {
			if a[k] != b[k] {
				t.Fatalf("%v: game rebuilt from minimal winning coalitions differs", rule)
			}
		}
		again, err := MinimalWinning(back)
		if err != nil || len(again) != len(mwc) {
			t.Errorf("round trip through power.MinimalWinning: %d vs %d (%v)", len(again), len(mwc), err)
		}
	}
	// EEC 1958: 12 of 17 votes; the minimal winning coalitions are the
	// three large members, and two large with both medium members.
	mwc, _ := MinimalWinning(weighted(t, 12, 4, 4, 4, 2, 2, 1))
	want := []uint64{Mask(0, 1, 2), Mask(0, 1, 3, 4), Mask(0, 2, 3, 4), Mask(1, 2, 3, 4)}
	if len(mwc) != len(want) {
		t.Fatalf("EEC minimal winning = %v", mwc)
	}
	got := map[uint64]bool{}
	for _, s := range mwc {
		got[s] = true
	}
	for _, s := range want {
		if !got[s] {
			t.Errorf("EEC minimal winning %v lacks %v", mwc, Members(s))
		}
	}
}

func TestValidation(t *testing.T) {
	for name, err := range map[string]error{
		"n=0":           second(NewTable(0, []float64{0})),
		"short table":   second(NewTable(2, []float64{0, 1, 2})),
		"v(∅)≠0":        second(NewTable(1, []float64{1, 2})),
		"NaN":           second(NewTable(1, []float64{0, math.NaN()})),
		"n=65":          second(NewFunc(65, func(uint64) float64 { return 0 })),
		"func v(∅)≠0":   second(NewFunc(3, func(uint64) float64 { return 1 })),
		"nil func":      second(NewFunc(3, nil)),
		"negative c":    second(NewPool(Pool{Contributions: []float64{1, -1}})),
		"R(0)≠0":        second(NewPool(Pool{Contributions: []float64{1}, Return: func(x float64) float64 { return x + 1 }})),
		"empty pool":    second(NewPool(Pool{})),
		"inf synergy":   second(NewPool(Pool{Contributions: []float64{1}, Synergy: math.Inf(1)})),
		"nil rule":      second(NewVoting(nil)),
		"bad samples":   second(ShapleySample(glove(t, 2), SampleOptions{Samples: -1})),
		"bad conf":      second(ShapleySample(glove(t, 2), SampleOptions{Confidence: 1})),
		"big shapley":   second(Shapley(mustGame(NewFunc(40, func(uint64) float64 { return 0 })))),
		"no imputation": second(Nucleolus(mustGame(NewTable(2, []float64{0, 1, 1, 1})))),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	_, err := NewTable(2, []float64{1, 0, 0, 0})
	if !errors.Is(err, ErrEmptyWorth) {
		t.Errorf("v(∅)≠0 gives %v, want ErrEmptyWorth", err)
	}
}

func second[T any](_ T, err error) error { return err }
