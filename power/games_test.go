package power

import (
	"math/rand/v2"
	"testing"
)

// electoralCollege2020 is the US electoral college allocation used in the
// 2012, 2016 and 2020 presidential elections (apportionment after the 2010
// census): 50 states and DC, 538 electors, 270 to win. Alphabetical order.
var electoralCollege2020 = []int64{
	9, 3, 11, 6, 55, 9, 7, 3, 3, 29, // AL AK AZ AR CA CO CT DE DC FL
	16, 4, 4, 20, 11, 6, 6, 8, 8, 4, // GA HI ID IL IN IA KS KY LA ME
	10, 11, 16, 10, 6, 10, 3, 5, 6, 4, // MD MA MI MN MS MO MT NE NV NH
	14, 5, 29, 15, 3, 18, 7, 7, 20, 4, // NJ NM NY NC ND OH OK OR PA RI
	9, 3, 11, 38, 6, 3, 13, 12, 5, 10, // SC SD TN TX UT VT VA WA WV WI
	3, // WY
}

// euPopulation2020 holds the EU-27 populations on 1 January 2020 (Eurostat,
// demo_pjan). The first 19 figures are as printed in the table "List of
// European Union member states by population" (Wikipedia, 2020 Eurostat
// figure column); the last eight (HR, LT, SI, LV, EE, CY, LU, MT) are the
// Eurostat 1 January 2020 release values as recalled, not re-read from a
// source, so treat them as approximate to a few thousand.
var euPopulation2020 = []int64{
	83166711, // DE
	67098824, // FR
	60244639, // IT
	47329981, // ES
	37958138, // PL
	19317984, // RO
	17407585, // NL
	11549888, // BE
	10709739, // EL
	10693939, // CZ
	10327589, // SE
	10295909, // PT
	9769526,  // HU
	8901064,  // AT
	6951482,  // BG
	5822763,  // DK
	5525292,  // FI
	5457873,  // SK
	4963839,  // IE
	4058165,  // HR
	2794090,  // LT
	2095861,  // SI
	1907675,  // LV
	1328976,  // EE
	888005,   // CY
	626108,   // LU
	514564,   // MT
}

// imfLike returns a deterministic synthetic game of IMF size: 190 players
// with weights drawn uniformly from [10000, 50000] by a seeded generator,
// and the quota at the given share (percent, rounded up) of the total.
func imfLike(tb testing.TB, percent int64) *Weighted {
	tb.Helper()
	rng := rand.New(rand.NewPCG(2024, 190))
	w := make([]int64, 190)
	var total int64
	for i := range w {
		w[i] = 10000 + rng.Int64N(40001)
		total += w[i]
	}
	q, err := QuotaShare(total, percent, 100)
	if err != nil {
		tb.Fatal(err)
	}
	if percent == 50 {
		q = total/2 + 1 // simple majority: more than half
	}
	g, err := NewWeighted(q, w)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func mustWeighted(tb testing.TB, q int64, w []int64) *Weighted {
	tb.Helper()
	g, err := NewWeighted(q, w)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestBenchmarkGames(t *testing.T) {
	var s int64
	for _, w := range electoralCollege2020 {
		s += w
	}
	if len(electoralCollege2020) != 51 || s != 538 {
		t.Fatalf("electoral college: %d entries, %d electors", len(electoralCollege2020), s)
	}
	if len(euPopulation2020) != 27 {
		t.Fatalf("EU: %d members", len(euPopulation2020))
	}
}
