package power

import (
	"math/big"
	"testing"
)

// rats parses fractions such as "421/2145".
func rats(t *testing.T, xs ...string) []*big.Rat {
	t.Helper()
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		r, ok := new(big.Rat).SetString(x)
		if !ok {
			t.Fatalf("bad fraction %q", x)
		}
		out[i] = r
	}
	return out
}

func repeat(x string, k int) []string {
	out := make([]string, k)
	for i := range out {
		out[i] = x
	}
	return out
}

func cat(xs ...[]string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}

func weights(ws ...int64) []int64 { return ws }

func ones(w int64, k int) []int64 {
	out := make([]int64, k)
	for i := range out {
		out[i] = w
	}
	return out
}

func join(xs ...[]int64) []int64 {
	var out []int64
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}

// publishedCase is a game with known exact values; nil slices are not checked.
type publishedCase struct {
	name   string
	source string
	quota  int64
	w      []int64
	ss     []string
	swings []int64
	bz     []string // normalized Banzhaf
	pen    []string // Penrose
	dp     []string // Deegan-Packel
	dummy  []int
}

var publishedCases = []publishedCase{
	{
		name:   "UNSC",
		source: "oracles.md §1 (gonitsora.com: elected member 4/2145; computed 421/2145, 848/84 swings)",
		quota:  39, w: join(ones(7, 5), ones(1, 10)),
		ss:     cat(repeat("421/2145", 5), repeat("4/2145", 10)),
		swings: join(ones(848, 5), ones(84, 10)),
		bz:     cat(repeat("106/635", 5), repeat("84/5080", 10)),
		pen:    cat(repeat("848/16384", 5), repeat("84/16384", 10)),
	},
	{
		name:   "UNSC pre-1966",
		source: "oracles.md §1, computed by enumeration: SS 76/385 and 1/462, swings 57 and 5",
		quota:  27, w: join(ones(5, 5), ones(1, 6)),
		ss:     cat(repeat("76/385", 5), repeat("1/462", 6)),
		swings: join(ones(57, 5), ones(5, 6)),
		bz:     cat(repeat("19/105", 5), repeat("1/63", 6)),
	},
	{
		name:   "Nassau 1958",
		source: "Banzhaf 1965; oracles.md §3 (Malkevitch, AMS Feature Column): last three are dummies",
		quota:  16, w: weights(9, 9, 7, 3, 1, 1),
		ss:     []string{"1/3", "1/3", "1/3", "0", "0", "0"},
		swings: weights(16, 16, 16, 0, 0, 0),
		pen:    []string{"1/2", "1/2", "1/2", "0", "0", "0"},
		dummy:  []int{3, 4, 5},
	},
	{
		name:   "Nassau 1964",
		source: "oracles.md §3: North Hempstead, Long Beach, Glen Cove are dummies",
		quota:  58, w: weights(31, 31, 21, 28, 2, 2),
		ss:    []string{"1/3", "1/3", "0", "1/3", "0", "0"},
		dummy: []int{2, 4, 5},
	},
	{
		name:   "Nassau 1970",
		source: "oracles.md §3 (computed; agrees with FAPP 'no dummies in 1970')",
		quota:  63, w: weights(31, 31, 21, 28, 2, 2),
		swings: weights(15, 15, 7, 11, 3, 3),
		ss:     []string{"17/60", "17/60", "7/60", "13/60", "1/20", "1/20"},
	},
	{
		name:   "Nassau 1982 (FAPP)",
		source: "oracles.md §3 (computed)",
		quota:  65, w: weights(30, 28, 15, 22, 6, 7),
		swings: weights(15, 13, 9, 11, 1, 3),
	},
	{
		name:   "EEC 1958",
		source: "EEC Treaty art. 148(2); Games 2018 9(2) 29 (Luxembourg null player); oracles.md §2",
		quota:  12, w: weights(4, 4, 4, 2, 2, 1),
		ss:     []string{"7/30", "7/30", "7/30", "3/20", "3/20", "0"},
		swings: weights(10, 10, 10, 6, 6, 0),
		bz:     []string{"5/21", "5/21", "5/21", "1/7", "1/7", "0"},
		pen:    []string{"5/16", "5/16", "5/16", "3/16", "3/16", "0"},
		dummy:  []int{5},
	},
	{
		name:  "[50; 10,10,20,30]",
		quota: 50, w: weights(10, 10, 20, 30),
		ss: []string{"1/12", "1/12", "1/4", "7/12"},
	},
	{
		name:  "[51; 35,20,15,15,15]",
		quota: 51, w: weights(35, 20, 15, 15, 15),
		source: "Deegan & Packel 1978 example",
		dp:     []string{"3/10", "3/20", "11/60", "11/60", "11/60"},
	},
	{
		name:  "[12; 8,6,4,2]",
		quota: 12, w: weights(8, 6, 4, 2),
		pen: []string{"5/8", "3/8", "3/8", "1/8"},
	},
}

func checkRats(t *testing.T, what string, got []*big.Rat, want []string) {
	t.Helper()
	if want == nil {
		return
	}
	w := rats(t, want...)
	if len(got) != len(w) {
		t.Fatalf("%s: got %d values, want %d", what, len(got), len(w))
	}
	for i := range w {
		if got[i].Cmp(w[i]) != 0 {
			t.Errorf("%s[%d] = %s, want %s", what, i, got[i].RatString(), w[i].RatString())
		}
	}
}

func TestPublishedValues(t *testing.T) {
	for _, c := range publishedCases {
		for _, method := range []Method{MethodAuto, MethodEnumeration, MethodMeetInMiddle} {
			t.Run(c.name+"/"+string(method), func(t *testing.T) {
				g, err := NewWeighted(c.quota, c.w)
				if err != nil {
					t.Fatal(err)
				}
				idx := AllIndices
				if method == MethodMeetInMiddle {
					idx = BanzhafIndex | ShapleyShubikIndex | ColemanIndices
				}
				r, err := Analyze(g, Options{Exact: true, Method: method, Indices: idx})
				if err != nil {
					t.Fatal(err)
				}
				checkRats(t, "Shapley-Shubik", r.Exact.ShapleyShubik, c.ss)
				checkRats(t, "Banzhaf", r.Exact.Banzhaf, c.bz)
				checkRats(t, "Penrose", r.Exact.Penrose, c.pen)
				if method != MethodMeetInMiddle {
					checkRats(t, "Deegan-Packel", r.Exact.DeeganPackel, c.dp)
				}
				if c.swings != nil {
					for i, s := range c.swings {
						if r.Swings[i].Int64() != s {
							t.Errorf("swings[%d] = %s, want %d", i, r.Swings[i], s)
						}
					}
				}
				if c.dummy != nil && !equalInts(r.Dummies, c.dummy) {
					t.Errorf("dummies %v, want %v", r.Dummies, c.dummy)
				}
			})
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestEEC1958FourMemberRule: for acts not on a Commission proposal the EEC
// Treaty (art. 148(2)) required 12 votes cast by at least four members, and
// under that rule Luxembourg was not a null player (Games 2018, 9(2), 29;
// oracles.md §2).
func TestEEC1958FourMemberRule(t *testing.T) {
	g, err := NewMultiWeighted([]Layer{
		{Quota: 12, Weights: weights(4, 4, 4, 2, 2, 1)},
		{Quota: 4, Weights: ones(1, 6)},
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyze(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Swings[5].Sign() == 0 || len(r.Dummies) != 0 {
		t.Fatalf("Luxembourg swings %s, dummies %v", r.Swings[5], r.Dummies)
	}
}

// TestEECEnlargements runs the Council's qualified-majority games of every
// enlargement (CVCE table, oracles.md §2), checks the printed totals and
// that every index is computed, and that no member is a null player after
// 1958 (computed here, not a published figure).
func TestEECEnlargements(t *testing.T) {
	for _, c := range []struct {
		year         string
		quota, total int64
		w            []int64
	}{
		{"1973", 41, 58, weights(10, 10, 10, 10, 5, 5, 3, 3, 2)},
		{"1981", 45, 63, weights(10, 10, 10, 10, 5, 5, 5, 3, 3, 2)},
		{"1986", 54, 76, weights(10, 10, 10, 10, 8, 5, 5, 5, 5, 3, 3, 2)},
		{"1995", 62, 87, weights(10, 10, 10, 10, 8, 5, 5, 5, 5, 4, 4, 3, 3, 3, 2)},
		{"2004-05", 88, 124, weights(10, 10, 10, 10, 8, 8, 5, 5, 5, 5, 5, 5, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2)},
		{"2007", 255, 345, weights(29, 29, 29, 29, 27, 27, 14, 13, 12, 12, 12, 12, 12, 10, 10, 10, 7, 7, 7, 7, 7, 4, 4, 4, 4, 4, 3)},
	} {
		g := mustWeighted(t, c.quota, c.w)
		if g.Total() != c.total {
			t.Fatalf("%s: total %d, printed %d", c.year, g.Total(), c.total)
		}
		r, err := Analyze(g, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.year, err)
		}
		if len(r.Dummies) != 0 {
			t.Errorf("%s: dummies %v", c.year, r.Dummies)
		}
	}
}

// TestEUCouncil2020 checks the Lisbon rule for EU-27 (2020 populations): the
// meet-in-the-middle result equals full enumeration, the thresholds are 15
// members and ceil(65% of the population), and nobody holds a veto.
func TestEUCouncil2020(t *testing.T) {
	if testing.Short() {
		t.Skip("enumerates 2^27 coalitions")
	}
	g, err := EUCouncil(euPopulation2020)
	if err != nil {
		t.Fatal(err)
	}
	if l := g.Layers(); l[0].Quota != 15 || g.MinBlockers() != 4 {
		t.Fatalf("layers %v", l[0].Quota)
	}
	idx := BanzhafIndex | ShapleyShubikIndex | ColemanIndices
	fast, err := Analyze(g, Options{Indices: idx, Exact: true})
	if err != nil || fast.Method != MethodMeetInMiddle {
		t.Fatalf("%v %v", err, fast.Method)
	}
	ref, err := Analyze(g, Options{Indices: idx, Exact: true, Method: MethodEnumeration})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 27 {
		if fast.Swings[i].Cmp(ref.Swings[i]) != 0 || fast.Exact.ShapleyShubik[i].Cmp(ref.Exact.ShapleyShubik[i]) != 0 {
			t.Fatalf("member %d differs", i)
		}
	}
	if fast.Winning.Cmp(ref.Winning) != 0 || len(fast.Vetoes) != 0 || len(fast.Dummies) != 0 {
		t.Fatalf("winning %s vs %s, vetoes %v", fast.Winning, ref.Winning, fast.Vetoes)
	}
	// Germany (18.6% of the population) must outweigh Malta.
	if !(fast.ShapleyShubik[0] > fast.ShapleyShubik[26]) {
		t.Fatal("Germany not above Malta")
	}
}
