package fpsim

import (
	"math"
	"testing"
)

// TestSignorinoRitterTable6 checks the published example: the 1914 alliance
// portfolios of Germany and Russia over twenty European states, with the
// capability shares Signorino and Ritter (1999, Table 6) report, as
// reproduced in S. Miller's "Some Comments on (Weighting) Alliance Measures
// of Foreign Policy Similarity" (svmiller.com, 2026), whose fpsim output is
// tau-b 0.03031695, S 0.4 and capability-weighted S -0.46.
func TestSignorinoRitterTable6(t *testing.T) {
	// GMY RUS UKG FRN AUH ITA BEL SPN TUR NTH SWD RUM POR SWZ GRC DEN YUG BUL NOR ALB
	gmy := []int8{3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0}
	rus := []int8{0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	cap := []float64{.25, .21, .2, .08, .08, .05, .03, .03, .02, .01, .01, .01, .01, .01, 0, 0, 0, 0, 0, 0}
	s, err := ComparePortfolios(gmy, rus, cap, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	// S: d = 3+3+1+3+3+2+3 = 18 over N = 20 states, so 1 - 2·18/60 = 0.4.
	// Weighted: d = .25·3+.21·3+.2·1+.08·3+.08·3+.05·2+.01·3 = 2.19, and
	// the shares sum to 1, so 1 - 2·2.19/3 = -0.46.
	if !near(s.SAbs, 0.4) || !near(s.SWAbs, -0.46) || math.Abs(s.TauB-0.03031695) > 5e-9 {
		t.Errorf("S = %v, weighted S = %v, tau-b = %v; published 0.4, -0.46, 0.03031695", s.SAbs, s.SWAbs, s.TauB)
	}
	checkFields(t, "GMY-RUS 1914", s.fields(), refPortfolio(gmy, rus, cap, DefensePact).fields())
}

// fourStates is a hand-worked system of states A, B, C, D: A and B have a
// defense pact, A and C an entente, D has no ties; each state is in its own
// portfolio at level 3.
var fourStates = struct {
	levels  []int8
	weights []float64
}{
	levels: []int8{
		3, 3, 1, 0, // A
		3, 3, 0, 0, // B
		1, 0, 3, 0, // C
		0, 0, 0, 3, // D
	},
	weights: []float64{0.4, 0.3, 0.2, 0.1},
}

// TestHandWorkedPortfolio works every measure of dyad A-B by hand.
//
//	x (A) = 3 3 1 0,  y (B) = 3 3 0 0,  N = 4,  Δmax = 3
//
// S: d_abs = |1-0| = 1 and d_sq = 1, so S_abs = 1 - 2·1/(4·3) = 5/6 and
// S_sq = 1 - 2·1/(4·9) = 17/18. Weighted (w = .4 .3 .2 .1, sum 1): the only
// difference is at C, d = .2, so S_w,abs = 1 - 2·.2/3 = 0.8667 and
// S_w,sq = 1 - 2·.2/9 = 0.9556.
//
// Kappa: A's counts by level (0,1,2,3) are R = 1 1 0 2 and B's are
// C = 2 0 0 2. Σ R_a C_b |a-b| = R0·C3·3 + R1·(C0·1 + C3·2) + R3·C0·3
// = 6 + 6 + 12 = 24, so D_o/D_e = (1/4)/(24/16) = 1/6 and κ_abs = 5/6.
// Squared: Σ R_a C_b (a-b)² = 1·2·9 + 1·(2·1 + 2·4) + 2·2·9 = 64, so
// D_o/D_e = (1/4)/(64/16) = 1/16 and κ_sq = 15/16.
//
// Pi: pooled counts m = R + C = 3 1 0 4 over 2N = 8. Σ m_a m_b |a-b|
// = 2·(3·1·1 + 3·4·3 + 1·4·2) = 94, so D_e = 94/64 and
// π_abs = 1 - (1/4)/(94/64) = 1 - 16/94 = 39/47. Squared:
// 2·(3·1·1 + 3·4·9 + 1·4·4) = 254, π_sq = 1 - 16/254 = 119/127.
//
// Tau-b: of the 6 pairs of states, A-B is tied on both vectors, C-D is
// tied on y only, and the other 4 (A-C, A-D, B-C, B-D) are concordant.
// n0 = 6, n1 = 1 (ties on x), n2 = 2 (ties on y), so
// τ_b = (4-0)/sqrt(5·4) = 0.8944.
func TestHandWorkedPortfolio(t *testing.T) {
	want := map[string]float64{
		"N": 4, "SAbs": 5.0 / 6, "SSq": 17.0 / 18, "SWAbs": 1 - 0.4/3, "SWSq": 1 - 0.4/9,
		"KappaAbs": 5.0 / 6, "KappaSq": 15.0 / 16, "PiAbs": 39.0 / 47, "PiSq": 119.0 / 127,
		"TauB": 4 / math.Sqrt(20),
	}
	l, w := fourStates.levels, fourStates.weights
	s, err := ComparePortfolios(l[0:4], l[4:8], w, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "ComparePortfolios A-B", s.fields(), want)
	p, err := NewPortfolioYear(4, l, w, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "PortfolioYear A-B", p.Dyad(0, 1).fields(), want)
}

// TestHandWorkedNegative works dyad C-D, whose portfolios mostly differ.
//
//	x (C) = 1 0 3 0,  y (D) = 0 0 0 3
//
// d_abs = 1 + 3 + 3 = 7, S_abs = 1 - 14/12 = -1/6; d_sq = 1 + 9 + 9 = 19,
// S_sq = 1 - 38/36 = -1/18. Weighted: d = .4·1 + .2·3 + .1·3 = 1.3,
// S_w,abs = 1 - 2.6/3; d_sq = .4 + .2·9 + .1·9 = 3.1, S_w,sq = 1 - 6.2/9.
// Kappa: R = 2 1 0 1, C = 3 0 0 1; Σ R_a C_b |a-b| = R0·C3·3 +
// R1·(C0·1 + C3·2) + R3·C0·3 = 6 + 5 + 9 = 20, κ_abs = 1 - 4·7/20 = -0.4.
func TestHandWorkedNegative(t *testing.T) {
	want := map[string]float64{
		"SAbs": -1.0 / 6, "SSq": -1.0 / 18, "SWAbs": 1 - 2.6/3, "SWSq": 1 - 6.2/9, "KappaAbs": -0.4,
	}
	p, err := NewPortfolioYear(4, fourStates.levels, fourStates.weights, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "C-D", p.Dyad(2, 3).fields(), want)
}

// TestHandWorkedIsolated works the closed form: four states, none with a
// tie but to itself. For states 0 and 1,
//
//	x = 3 0 0 0,  y = 0 3 0 0
//
// d_abs = 6 and d_sq = 18, so S = 1 - 12/12 = 1 - 36/36 = 0 = 1 - 4/N.
// Kappa: R = C = (3, 0, 0, 1); Σ R_a C_b |a-b| = 3·1·3 + 1·3·3 = 18, so
// κ_abs = 1 - 4·6/18 = -1/3; squared 3·1·9 + 1·3·9 = 54, κ_sq = 1 - 4·18/54
// = -1/3. Pi: m = (6, 0, 0, 2), Σ m_a m_b |a-b| = 2·6·2·3 = 72, π_abs =
// 1 - 16·6/72 = -1/3; squared 216, π_sq = 1 - 16·18/216 = -1/3.
// Tau-b: pair (0,1) is discordant, pairs (0,2), (0,3) tie on y, (1,2),
// (1,3) tie on x, (2,3) ties on both: C = 0, D = 1, n1 = n2 = 3,
// τ_b = -1/sqrt(3·3) = -1/3. Weighted, w = .4 .3 .2 .1: dyad (0,1) has
// d = 3·.4 + 3·.3 = 2.1, S_w = 1 - 4.2/3 = -0.4; dyad (2,3) has d = 0.9,
// S_w = 0.4.
func TestHandWorkedIsolated(t *testing.T) {
	p, err := NewPortfolioYear(4, NewLevelMatrix(4, DefensePact), fourStates.weights, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	third := -1.0 / 3
	want := map[string]float64{
		"N": 4, "SAbs": 0, "SSq": 0, "KappaAbs": third, "KappaSq": third, "PiAbs": third, "PiSq": third, "TauB": third,
	}
	for _, d := range collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{}, fn) }) {
		checkFields(t, "isolated", d.fields(), want)
	}
	checkFields(t, "isolated 0-1", p.Dyad(0, 1).fields(), map[string]float64{"SWAbs": -0.4, "SWSq": -0.4})
	checkFields(t, "isolated 2-3", p.Dyad(2, 3).fields(), map[string]float64{"SWAbs": 0.4, "SWSq": 0.4})
}

// TestHandWorkedVotes works every vote measure by hand. Six roll calls:
//
//	x = yes yes no  abstain yes absent
//	y = yes no  no  yes     abstain yes
//
// The sixth is dropped (x absent), N = 5. On yes 0 < abstain 1 < no 2:
// x = 0 0 2 1 0, y = 0 2 2 0 1.
//
// Agree: identical on calls 1 and 3, 2/5 = 0.4. AgreeHalf: calls 4 and 5
// pit an abstention against yes (half each), call 2 is yes against no:
// (2 + 1)/5 = 0.6.
//
// S: d_abs = 0+2+0+1+1 = 4, S_abs = 1 - 2·4/(5·2) = 0.2 (and indeed
// AgreeHalf = (1 + S_abs)/2); d_sq = 0+4+0+1+1 = 6, S_sq = 1 - 12/20 = 0.4.
//
// Kappa: R = 3 1 1 (x), C = 2 1 2 (y). Σ R_a C_b |a-b| = 3·(1·1 + 2·2) +
// 1·(2·1 + 2·1) + 1·(2·2 + 1·1) = 15 + 4 + 5 = 24, κ_abs = 1 - 5·4/24 = 1/6.
// Squared: 3·(1 + 8) + 1·(2 + 2) + 1·(8 + 1) = 40, κ_sq = 1 - 5·6/40 = 1/4.
//
// Pi: m = 5 2 3. Σ m_a m_b |a-b| = 2·(5·2·1 + 5·3·2 + 2·3·1) = 92,
// π_abs = 1 - 4·5·4/92 = 3/23; squared 2·(10 + 60 + 6) = 152,
// π_sq = 1 - 4·5·6/152 = 4/19.
//
// Tau-b: pairs (1,3), (3,4), (3,5) are concordant, (2,4), (4,5)
// discordant; (1,2), (1,5), (2,5) tie on x and (1,4), (2,3) on y. n0 = 10,
// τ_b = (3-2)/sqrt((10-3)(10-2)) = 1/sqrt(56).
func TestHandWorkedVotes(t *testing.T) {
	x := []int8{VoteYes, VoteYes, VoteNo, VoteAbstain, VoteYes, VoteAbsent}
	y := []int8{VoteYes, VoteNo, VoteNo, VoteYes, VoteAbstain, VoteYes}
	want := map[string]float64{
		"N": 5, "Agree": 0.4, "AgreeHalf": 0.6, "SAbs": 0.2, "SSq": 0.4,
		"KappaAbs": 1.0 / 6, "KappaSq": 0.25, "PiAbs": 3.0 / 23, "PiSq": 4.0 / 19, "TauB": 1 / math.Sqrt(56),
	}
	s, err := CompareVotes(x, y)
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "CompareVotes", s.fields(), want)

	codes := make([]int8, 0, 12) // roll calls × countries
	for r := range x {
		codes = append(codes, x[r], y[r])
	}
	m, err := NewVoteMatrix(len(x), 2, codes)
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "VoteMatrix", m.Dyad(0, 1).fields(), want)
}

// TestIdentical checks that identical portfolios and votes agree fully.
func TestIdentical(t *testing.T) {
	x := []int8{3, 0, 1, 2, 0, 0, 3}
	s, err := ComparePortfolios(x, x, []float64{.3, .1, .1, 0, .2, .1, .2}, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	one := map[string]float64{"SAbs": 1, "SSq": 1, "SWAbs": 1, "SWSq": 1, "KappaAbs": 1, "KappaSq": 1, "PiAbs": 1, "PiSq": 1, "TauB": 1}
	checkFields(t, "identical portfolios", s.fields(), one)

	v := []int8{VoteYes, VoteNo, VoteAbstain, VoteYes, VoteAbsent}
	vs, err := CompareVotes(v, v)
	if err != nil {
		t.Fatal(err)
	}
	delete(one, "SWAbs")
	delete(one, "SWSq")
	one["Agree"], one["AgreeHalf"] = 1, 1
	checkFields(t, "identical votes", vs.fields(), one)

	// One level throughout: S is still 1, but kappa, pi and tau-b are 0/0.
	c := []int8{0, 0, 0}
	s, _ = ComparePortfolios(c, c, nil, DefensePact)
	nan := math.NaN()
	checkFields(t, "constant", s.fields(), map[string]float64{
		"SAbs": 1, "KappaAbs": nan, "KappaSq": nan, "PiAbs": nan, "PiSq": nan, "TauB": nan, "SWAbs": nan,
	})
}

// TestEqualWeights checks that equal weights reproduce the unweighted S.
func TestEqualWeights(t *testing.T) {
	l := fourStates.levels
	for _, w := range [][]float64{{1, 1, 1, 1}, {.25, .25, .25, .25}, {7, 7, 7, 7}} {
		p, err := NewPortfolioYear(4, l, w, DefensePact)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{}, fn) }) {
			if !near(d.SWAbs, d.SAbs) || !near(d.SWSq, d.SSq) {
				t.Errorf("weights %v, dyad %d-%d: weighted S %v, %v; unweighted %v, %v", w, d.I, d.J, d.SWAbs, d.SWSq, d.SAbs, d.SSq)
			}
		}
	}
}

// TestMissing checks that a state without data gives NaN dyads and that
// dropping it is the same as leaving it out of the system.
func TestMissing(t *testing.T) {
	l := append([]int8(nil), fourStates.levels...)
	DropState(l, 4, 1) // B
	w := []float64{0.4, 0.3, 0.2, 0.1}
	p, err := NewPortfolioYear(4, l, w, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	// The same system without B: A, C, D.
	q, err := NewPortfolioYear(3, []int8{3, 1, 0, 1, 3, 0, 0, 0, 3}, []float64{0.4, 0.2, 0.1}, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	qi := map[int32]int{0: 0, 2: 1, 3: 2} // state in p → state in q
	for _, d := range collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{}, fn) }) {
		if d.I == 1 || d.J == 1 {
			for name, v := range d.fields() {
				if name != "N" && !math.IsNaN(v) {
					t.Errorf("dyad %d-%d with a dropped state: %s = %v, want NaN", d.I, d.J, name, v)
				}
			}
			if d.N != 0 {
				t.Errorf("dyad %d-%d with a dropped state: N = %d", d.I, d.J, d.N)
			}
			continue
		}
		checkFields(t, "without B", d.fields(), q.Dyad(qi[d.I], qi[d.J]).fields())
	}

	// A weight that is unknown drops the state from the weighted S only.
	s, err := ComparePortfolios([]int8{3, 1, 0}, []int8{1, 3, 3}, []float64{math.NaN(), 1, 1}, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	// Weighted over states 2 and 3: d = 2 + 3 = 5, S = 1 - 10/6.
	checkFields(t, "unknown weight", s.fields(), map[string]float64{"N": 3, "SWAbs": 1 - 10.0/6})

	// A country that never voted has no dyad data.
	m, err := NewVoteMatrix(2, 2, []int8{VoteYes, VoteNotMember, VoteNo, VoteAbsent})
	if err != nil {
		t.Fatal(err)
	}
	if d := m.Dyad(0, 1); d.N != 0 || !math.IsNaN(d.SAbs) || !math.IsNaN(d.Agree) || !math.IsNaN(d.KappaSq) {
		t.Errorf("dyad without common votes: %+v, want N 0 and NaN", d)
	}
}

// TestInvalidInput checks that bad shapes and codes are errors.
func TestInvalidInput(t *testing.T) {
	bad := []struct {
		name string
		err  error
	}{
		{"level out of scale", func() error { _, err := ComparePortfolios([]int8{4}, []int8{0}, nil, 3); return err }()},
		{"binary scale, level 2", func() error { _, err := ComparePortfolios([]int8{2}, []int8{0}, nil, 1); return err }()},
		{"maxLevel 0", func() error { _, err := ComparePortfolios(nil, nil, nil, 0); return err }()},
		{"lengths", func() error { _, err := ComparePortfolios([]int8{1}, nil, nil, 3); return err }()},
		{"negative weight", func() error { _, err := ComparePortfolios([]int8{1}, []int8{1}, []float64{-1}, 3); return err }()},
		{"matrix shape", func() error { _, err := NewPortfolioYear(2, []int8{3, 0, 0}, nil, 3); return err }()},
		{"matrix level", func() error { _, err := NewPortfolioYear(1, []int8{-2}, nil, 3); return err }()},
		{"weights length", func() error { _, err := NewPortfolioYear(1, []int8{3}, []float64{1, 2}, 3); return err }()},
		{"infinite weight", func() error { _, err := NewPortfolioYear(1, []int8{3}, []float64{math.Inf(1)}, 3); return err }()},
		{"vote code", func() error { _, err := CompareVotes([]int8{0}, []int8{1}); return err }()},
		{"vote lengths", func() error { _, err := CompareVotes([]int8{1}, nil); return err }()},
		{"vote matrix code", func() error { _, err := NewVoteMatrix(1, 1, []int8{4}); return err }()},
		{"vote matrix shape", func() error { _, err := NewVoteMatrix(2, 1, []int8{1}); return err }()},
		{"subset length", func() error {
			m, _ := NewVoteMatrix(1, 1, []int8{1})
			_, err := m.Subset([]bool{true, false})
			return err
		}()},
	}
	for _, b := range bad {
		if b.err == nil {
			t.Errorf("%s: no error", b.name)
		}
	}
	var tab Table
	if s := tab.Scores(); !math.IsNaN(s.SAbs) {
		t.Errorf("Table with 0 levels: S = %v, want NaN", s.SAbs)
	}
}

// TestLevelMappings checks the COW and ATOP codings.
func TestLevelMappings(t *testing.T) {
	cow := []struct {
		def, neu, non, ent bool
		want               int8
	}{
		{false, false, false, false, NoAlliance},
		{false, false, false, true, Entente},
		{false, true, false, true, Neutrality},
		{false, false, true, false, Neutrality},
		{true, true, true, true, DefensePact},
	}
	for _, c := range cow {
		if got := COWLevel(c.def, c.neu, c.non, c.ent); got != c.want {
			t.Errorf("COWLevel(%v, %v, %v, %v) = %d, want %d", c.def, c.neu, c.non, c.ent, got, c.want)
		}
	}
	atop := []struct {
		def, off, neu, non, con bool
		want                    int8
	}{
		{false, false, false, false, false, NoAlliance},
		{false, false, false, false, true, Entente},
		{false, false, false, true, true, Neutrality},
		{false, false, true, false, false, Neutrality},
		{false, true, false, false, false, DefensePact},
		{true, false, true, true, true, DefensePact},
	}
	for _, c := range atop {
		if got := ATOPLevel(c.def, c.off, c.neu, c.non, c.con); got != c.want {
			t.Errorf("ATOPLevel(%v, %v, %v, %v, %v) = %d, want %d", c.def, c.off, c.neu, c.non, c.con, got, c.want)
		}
	}
}

// TestCallbackError checks that the callback's error stops a run.
func TestCallbackError(t *testing.T) {
	p, err := NewPortfolioYear(4, fourStates.levels, nil, DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	stop := errTest("stop")
	err = p.Dyads(Options{}, func(PortfolioDyad) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("Dyads returned %v after %d calls, want the callback's error after 1", err, calls)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// TestClosedFormEqualsMerge checks, bit for bit, that the once-a-year
// closed form for two states without ties gives what tabulating the dyad
// gives, with and without weights, on the binary and the 4-level scale.
func TestClosedFormEqualsMerge(t *testing.T) {
	for _, maxLevel := range []int8{1, 3} {
		for _, w := range [][]float64{nil, {0.1, 0.2, 0.3, math.NaN(), 0, 0.4}} {
			const n = 6
			levels := NewLevelMatrix(n, maxLevel)
			levels[0*n+1], levels[1*n+0] = 1, 1 // states 0 and 1 allied; 2..5 isolated
			p, err := NewPortfolioYear(n, levels, w, maxLevel)
			if err != nil {
				t.Fatal(err)
			}
			pairs := 0
			for i := range n {
				for j := i + 1; j < n; j++ {
					if !p.isolated[i] || !p.isolated[j] {
						continue
					}
					pairs++
					closed := PortfolioDyad{PortfolioScores: p.isolatedDyad(i, j)}
					merged := PortfolioDyad{PortfolioScores: p.mergeDyad(i, j)}
					if !sameBits(closed.vector(), merged.vector()) {
						t.Errorf("maxLevel %d, weights %v, dyad %d-%d: closed form %v, merge %v", maxLevel, w, i, j, closed.vector(), merged.vector())
					}
				}
			}
			if pairs != 6 {
				t.Fatalf("%d isolated pairs, want 6", pairs)
			}
		}
	}
}

// TestTinyYears checks that years with fewer than two states or countries
// have no dyads and no error.
func TestTinyYears(t *testing.T) {
	for n := range 2 {
		p, err := NewPortfolioYear(n, NewLevelMatrix(n, DefensePact), nil, DefensePact)
		if err != nil {
			t.Fatal(err)
		}
		if got := collect(func(fn func(PortfolioDyad) error) error { return p.Dyads(Options{}, fn) }); len(got) != 0 {
			t.Errorf("%d states: %d dyads", n, len(got))
		}
		m, err := NewVoteMatrix(3, n, make([]int8, 3*n))
		if n > 0 && err == nil {
			t.Errorf("vote code 0 accepted")
		}
		if m, err = NewVoteMatrix(0, n, nil); err != nil {
			t.Fatal(err)
		}
		if got := collect(func(fn func(VoteDyad) error) error { return m.Dyads(Options{}, fn) }); len(got) != 0 {
			t.Errorf("%d countries: %d dyads", n, len(got))
		}
	}
}
