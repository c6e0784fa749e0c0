package power

import (
	"os"
	"slices"
	"testing"
)

// imfGame returns the IMF Board of Governors' weighted vote over the 190
// members of 2023 (testdata/imf2023.csv, see its header for the source)
// with the quota at the given share of the votes: 50 is a simple majority
// (more than half), 85 the special majority of the Articles of Agreement,
// at which the United States (16.5%) holds a veto.
func imfGame(tb testing.TB, percent int64) *Weighted {
	tb.Helper()
	f, err := os.Open("testdata/imf2023.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	tab, err := ParseCSV(f)
	if err != nil {
		tb.Fatal(err)
	}
	w := tab.Weights[0]
	var total int64
	for _, x := range w {
		total += x
	}
	q, err := QuotaShare(total, percent, 100)
	if err != nil {
		tb.Fatal(err)
	}
	if percent == 50 {
		q = total/2 + 1
	}
	g, err := NewWeighted(q, w)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// TestIMFTable checks the IMF table against the published totals: 190
// members, the United States at 16.49% of the votes.
func TestIMFTable(t *testing.T) {
	g := imfGame(t, 85)
	if g.N() != 190 {
		t.Fatalf("%d members", g.N())
	}
	us := slices.Max(g.weights) // the United States
	if share := float64(us) / float64(g.Total()); share < 0.1645 || share > 0.1655 {
		t.Fatalf("US share %.4f", share)
	}
}
