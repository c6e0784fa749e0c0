package panel

import (
	"math"
	"sort"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
)

// The straightforward baseline: a dyad-year panel built with maps keyed by
// (year, state) and (year, dyad), looked up once per dyad-year, as one
// would write it without the dense per-year indexes. It follows the same
// definitions (membership spells overlapping within the year; the latest
// shared phase of an alliance gives the obligations), so it doubles as an
// independent check of the fast path.

type naiveKey struct{ y, a, b int }

type naiveTie struct {
	owes, owedBy atop.Obligation
	phase        map[int]int // ATOP id -> latest shared phase
	byAlliance   map[int][2]atop.Obligation
}

type naiveRow struct {
	year, a, b     int
	shared         int
	owes, owedBy   atop.Obligation
	capA, capB     [NumCaps]float64
	majorA, majorB bool
	ratio          float64
}

// naiveTies maps every directed dyad-year that shares an alliance to its
// obligations.
func naiveTies(members []atop.Member) map[naiveKey]*naiveTie {
	ties := map[naiveKey]*naiveTie{}
	for _, g := range groupPhases(members) {
		for _, x := range g {
			for _, y := range g {
				if x.Member == y.Member {
					continue
				}
				xf, xt := atopindex.Spell(&x, ATOPLastYear)
				yf, yt := atopindex.Spell(&y, ATOPLastYear)
				from, to := max(xf, yf), min(xt, yt)
				for yr := from / 10000; yr <= to/10000 && from <= to; yr++ {
					k := naiveKey{int(yr), x.Member, y.Member}
					t := ties[k]
					if t == nil {
						t = &naiveTie{phase: map[int]int{}, byAlliance: map[int][2]atop.Obligation{}}
						ties[k] = t
					}
					prev, seen := t.phase[x.ATOPID]
					switch {
					case !seen || x.Phase > prev:
						t.phase[x.ATOPID] = x.Phase
						t.byAlliance[x.ATOPID] = [2]atop.Obligation{x.Obligations, y.Obligations}
					case x.Phase == prev:
						o := t.byAlliance[x.ATOPID]
						t.byAlliance[x.ATOPID] = [2]atop.Obligation{o[0] | x.Obligations, o[1] | y.Obligations}
					}
				}
			}
		}
	}
	for _, t := range ties {
		for _, o := range t.byAlliance {
			t.owes |= o[0]
			t.owedBy |= o[1]
		}
	}
	return ties
}

// naivePanel streams the baseline's rows for the years from..to.
func naivePanel(src Sources, from, to int, directed bool, fn func(*naiveRow)) {
	type sk struct{ y, c int }
	caps := map[sk][NumCaps]float64{}
	for i := range src.NMC {
		caps[sk{src.NMC[i].Year, src.NMC[i].CCode}] = capsOf(&src.NMC[i])
	}
	majors := NewMajors(src.Majors)
	ties := naiveTies(src.Members)
	byYear := map[int][]int{}
	for _, s := range src.System {
		byYear[s.Year] = append(byYear[s.Year], s.CCode)
	}
	var row naiveRow
	for y := from; y <= to; y++ {
		states := byYear[y]
		sort.Ints(states)
		for ia, a := range states {
			for ib, b := range states {
				if a == b || (!directed && ib <= ia) {
					continue
				}
				row = naiveRow{year: y, a: a, b: b, majorA: majors.Is(a, y), majorB: majors.Is(b, y)}
				if t := ties[naiveKey{y, a, b}]; t != nil {
					row.shared, row.owes, row.owedBy = len(t.byAlliance), t.owes, t.owedBy
				}
				ca, okA := caps[sk{y, a}]
				cb, okB := caps[sk{y, b}]
				if !okA {
					ca = missingCaps()
				}
				if !okB {
					cb = missingCaps()
				}
				row.capA, row.capB = ca, cb
				row.ratio = CapRatio(ca[CINC], cb[CINC])
				fn(&row)
			}
		}
	}
}

func sameFloat(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// TestFastPanelEqualsBaseline compares every row of the fast panel with
// the baseline's, undirected over 1816-2016 and directed over a sample of
// years.
func TestFastPanelEqualsBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("compares a million rows")
	}
	src := sources(t)
	p := realPanelT(t)
	for _, tc := range []struct {
		from, to int
		directed bool
	}{{1816, 2016, false}, {1832, 1833, true}, {1950, 1951, true}, {2016, 2016, true}} {
		var fast []naiveRow
		err := p.Dyads(DyadOptions{From: tc.from, To: tc.to, Directed: tc.directed}, func(b *DyadBlock) error {
			for r := range b.I {
				row := naiveRow{year: b.Year.Year, a: b.Year.States[b.I[r]], b: b.Year.States[b.J[r]], shared: int(b.Shared[r]),
					owes: b.Owes[r], owedBy: b.OwedBy[r], majorA: b.MajorA[r], majorB: b.MajorB[r], ratio: b.Ratio[r]}
				for k := range NumCaps {
					row.capA[k], row.capB[k] = b.CapA[k][r], b.CapB[k][r]
				}
				fast = append(fast, row)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		k, bad := 0, 0
		naivePanel(src, tc.from, tc.to, tc.directed, func(w *naiveRow) {
			if k >= len(fast) {
				k++
				return
			}
			g := fast[k]
			k++
			same := g.year == w.year && g.a == w.a && g.b == w.b && g.shared == w.shared && g.owes == w.owes &&
				g.owedBy == w.owedBy && g.majorA == w.majorA && g.majorB == w.majorB && sameFloat(g.ratio, w.ratio)
			for c := range NumCaps {
				same = same && sameFloat(g.capA[c], w.capA[c]) && sameFloat(g.capB[c], w.capB[c])
			}
			if !same && bad < 5 {
				bad++
				t.Errorf("row %d: fast %+v\nbaseline %+v", k-1, g, *w)
			}
		})
		if k != len(fast) {
			t.Errorf("%d-%d directed %v: baseline %d rows, fast %d", tc.from, tc.to, tc.directed, k, len(fast))
		}
	}
}
