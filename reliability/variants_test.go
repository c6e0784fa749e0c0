package reliability

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/atop"
)

// TestReliabilityVariants pins the robustness checks beside the war-based,
// one-case-per-ally measure of TestPublishedReliability: conflicts from
// COW-MID 5.0 disputes instead of wars (every side-A state an initiator;
// honouring a pledge to fight is joining the dispute on the partner's
// side), and one case per alliance and conflict (PerAlliance) instead of
// one per obliged ally, so that a large multilateral treaty counts once
// per conflict.
//
//	variant                         all pledges 1816-1944   1945-2003     to fight 1816-1944   1945-2003
//	wars, per ally (the headline)   0.623                   0.688         0.390                0.072
//	wars, per alliance              0.655 [0.549, 0.747]    0.763         0.391                0.054
//	MIDs, per ally                  0.600                   0.647         0.190                0.013
//	MIDs, per alliance              0.688                   0.751         0.143                0.018
//	published                       LLM 0.745; BF 0.66      BF 0.22
//
// Counting each alliance once brings 1816-1944 to 0.655, BF's 66%, with
// LLM's 74.5% just inside the interval. The fall after 1945 of pledges to
// fight holds in every variant with separated intervals; the pooled share
// falls in none, so the pooled measure's failure to reproduce BF's 22% is
// not an artefact of the unit or of using wars. MIDs give lower shares for
// pledges to fight: most disputes stay bilateral, and allies rarely join a
// dispute short of war.
func TestReliabilityVariants(t *testing.T) {
	data := loadReliability(t)
	ms, wr, md := data.Members, data.Wars, data.MIDs
	wars, err := Cases(ms, WarsFromDyads(wr))
	if err != nil {
		t.Fatal(err)
	}
	mids, err := Cases(ms, MIDsFromDyads(md))
	if err != nil {
		t.Fatal(err)
	}
	fight := func(cs []Case) []Case { return Filter(cs, math.MinInt, math.MaxInt, fighting) }
	type pin struct {
		name          string
		cases         []Case
		from, to      int
		honoured, n   int
		share, lo, hi float64
	}
	pins := []pin{
		{"wars per alliance", PerAlliance(wars), 1816, 1944, 112, 171, 0.655, 0.549, 0.747},
		{"wars per alliance", PerAlliance(wars), 1945, 2003, 251, 329, 0.763, 0.643, 0.861},
		{"wars to fight per alliance", PerAlliance(fight(wars)), 1816, 1944, 27, 69, 0.391, 0.196, 0.571},
		{"wars to fight per alliance", PerAlliance(fight(wars)), 1945, 2003, 4, 74, 0.054, 0.013, 0.125},
		{"MIDs", mids, 1816, 1944, 1654, 2756, 0.600, 0.557, 0.640},
		{"MIDs", mids, 1945, 2003, 39085, 60426, 0.647, 0.625, 0.668},
		{"MIDs to fight", fight(mids), 1816, 1944, 231, 1216, 0.190, 0.135, 0.246},
		{"MIDs to fight", fight(mids), 1945, 2003, 257, 20289, 0.013, 0.008, 0.017},
		{"MIDs per alliance", PerAlliance(mids), 1816, 1944, 1138, 1654, 0.688, 0.659, 0.714},
		{"MIDs per alliance", PerAlliance(mids), 1945, 2003, 9098, 12120, 0.751, 0.731, 0.769},
		{"MIDs to fight per alliance", PerAlliance(fight(mids)), 1816, 1944, 76, 532, 0.143, 0.097, 0.194},
		{"MIDs to fight per alliance", PerAlliance(fight(mids)), 1945, 2003, 48, 2647, 0.018, 0.012, 0.025},
	}
	const tolShare, tolCI = 0.0005, 0.01
	est := map[string]Estimate{}
	for _, p := range pins {
		e := Share(p.cases, p.from, p.to, nil, seed, reps)
		est[p.name+"/"+periodName(p.from)] = e
		t.Logf("%-27s %s", p.name, e)
		if e.Honoured != p.honoured || e.Cases != p.n {
			t.Errorf("%s %d-%d: %d/%d honoured, pinned %d/%d", p.name, p.from, p.to, e.Honoured, e.Cases, p.honoured, p.n)
		}
		if math.Abs(e.Share-p.share) > tolShare || math.Abs(e.CI.Lo-p.lo) > tolCI || math.Abs(e.CI.Hi-p.hi) > tolCI {
			t.Errorf("%s %d-%d: %.4f [%.3f, %.3f], pinned %.3f [%.3f, %.3f]", p.name, p.from, p.to, e.Share, e.CI.Lo, e.CI.Hi, p.share, p.lo, p.hi)
		}
	}
	// Pledges to fight fall after 1945 in every variant, with separated
	// intervals; the pooled share falls in none.
	for _, v := range []string{"wars to fight per alliance", "MIDs to fight", "MIDs to fight per alliance"} {
		pre, post := est[v+"/pre"], est[v+"/post"]
		if !(post.CI.Hi < pre.CI.Lo) {
			t.Errorf("%s: %.3f after 1945 vs %.3f before; want lower with separated intervals", v, post.Share, pre.Share)
		}
	}
	for _, v := range []string{"wars per alliance", "MIDs", "MIDs per alliance"} {
		if est[v+"/post"].Share <= est[v+"/pre"].Share {
			t.Errorf("%s: pooled share now falls after 1945: update the doc and this test", v)
		}
	}
	// One case per alliance: LLM's 0.745 inside the 1816-1944 interval,
	// BF's 0.66 within a point of the share.
	if e := est["wars per alliance/pre"]; publishedLLM < e.CI.Lo || publishedLLM > e.CI.Hi || math.Abs(e.Share-publishedBFPre) > 0.01 {
		t.Errorf("wars per alliance 1816-1944 %.3f [%.3f, %.3f]: LLM 0.745 no longer inside, or BF 0.66 not within 0.01", e.Share, e.CI.Lo, e.CI.Hi)
	}
}

func periodName(from int) string {
	if from < 1945 {
		return "pre"
	}
	return "post"
}

// TestPerAlliance checks the collapse on hand-made cases.
func TestPerAlliance(t *testing.T) {
	cs := []Case{
		{Conflict: 1, ATOPID: 10, Ally: 2, Partners: []int{200}, Year: 1900, Invoked: atop.Defense, Join: true, Honoured: true},
		{Conflict: 1, ATOPID: 10, Ally: 220, Partners: []int{200, 2}, Year: 1899, Invoked: atop.Neutrality, Honoured: false},
		{Conflict: 1, ATOPID: 11, Ally: 2, Partners: []int{365}, Year: 1900, Invoked: atop.Defense, Join: true, Honoured: true},
		{Conflict: 0, ATOPID: 12, Ally: 2, Partners: []int{365}, Year: 1850, Invoked: atop.NonAggression, Honoured: true},
	}
	got := PerAlliance(cs)
	if len(got) != 3 || got[0].ATOPID != 12 || got[1].ATOPID != 10 || got[2].ATOPID != 11 {
		t.Fatalf("collapsed %+v", got)
	}
	a := got[1]
	if a.Honoured || !a.Join || a.Year != 1899 || a.Invoked != atop.Defense|atop.Neutrality || len(a.Partners) != 2 || a.Partners[0] != 2 || a.Ally != 0 {
		t.Errorf("alliance 10 collapsed to %+v", a)
	}
	if !got[2].Honoured {
		t.Error("alliance 11 honoured by its only ally")
	}
}

// TestReport checks that the report's rows agree with the pinned shares
// and that its outputs carry them.
func TestReport(t *testing.T) {
	data := loadReliability(t)
	ms, wr, md, ct := data.Members, data.Wars, data.MIDs, data.Contiguity
	rows, err := Report(ms, wr, md, ReportOptions{MIDs: true, Contiguity: ct})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 36 {
		t.Fatalf("%d rows, want 3 sources (wars, MIDs, wars with conditions applied) x 2 units x 6 measures", len(rows))
	}
	want := map[[5]string][2]int{
		{"wars", "ally", "all", "1816-1944", "assumed"}:          {205, 329},
		{"wars", "ally", "to fight", "1945-2003", "assumed"}:     {41, 571},
		{"wars", "ally", "defence", "1816-2003", "assumed"}:      {82, 686},
		{"wars", "alliance", "all", "1816-1944", "assumed"}:      {112, 171},
		{"MIDs", "ally", "to fight", "1945-2003", "assumed"}:     {257, 20289},
		{"MIDs", "alliance", "to fight", "1816-1944", "assumed"}: {76, 532},
		{"wars", "ally", "all", "1816-1944", "applied"}:          {181, 295},
		{"wars", "alliance", "all", "1816-1944", "applied"}:      {99, 153},
		{"wars", "ally", "to fight", "1945-2003", "applied"}:     {15, 248},
	}
	seen := 0
	for _, r := range rows {
		k := [5]string{r.Source, r.Unit, r.Pledges, strconv.Itoa(r.From) + "-" + strconv.Itoa(r.To), r.Conditions}
		if _, ok := want[k]; ok {
			seen++
		}
		if w, ok := want[k]; ok && (r.Honoured != w[0] || r.Cases != w[1]) {
			t.Errorf("%v: %d/%d, want %d/%d", k, r.Honoured, r.Cases, w[0], w[1])
		}
		if r.Unit == "ally" && r.Pledges == "all" && r.From == 1816 && r.To == 1944 && r.Published != publishedLLM {
			t.Errorf("%v compared with %v, want LLM", k, r.Published)
		}
	}
	var b strings.Builder
	if err := WriteReportText(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0.623") || !strings.Contains(b.String(), "0.745") {
		t.Errorf("text lacks the headline or LLM's figure:\n%s", b.String())
	}
	b.Reset()
	if err := WriteReportCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	if seen != len(want) {
		t.Errorf("%d of the %d pinned rows found", seen, len(want))
	}
	if n := strings.Count(b.String(), "\n"); n != 37 || !strings.Contains(b.String(), ",applied\n") {
		t.Errorf("CSV has %d lines", n)
	}
	if _, err := Report(ms, wr, md, ReportOptions{Bootstrap: -1}); err == nil {
		t.Error("a negative bootstrap is refused")
	}
}
