package reliability

import (
	"math"
	"testing"

	"github.com/entente/entente/dataset/atop"
)

// Published figures (see doc.go for the sources).
const (
	// Leeds, Long and Mitchell (2000), JCR 44(5): 686-699, abstract:
	// "alliances are reliable 74.5% of the time", 1816-1944.
	publishedLLM = 0.745
	// The earlier estimate LLM set out to correct: allies join about 25% of the time.
	publishedNaive = 0.25
	// Berkemeier and Fuhrmann (2018), Research & Politics, abstract:
	// 66% before 1945, 22% 1945-2003, 50% over 1816-2003, defence pacts 41%.
	publishedBFPre, publishedBFPost, publishedBFAll, publishedBFDefense = 0.66, 0.22, 0.50, 0.41
)

const (
	seed = 20000686 // LLM's volume and first page
	reps = 2000
)

func fighting(c Case) bool { return c.Join }

// TestPublishedReliability replicates the headline shares from ATOP 5.1 and
// COW Inter-State War 4.0 and pins them. It does not force agreement with
// the hand-coded studies: the pooled share (every observable obligation)
// lands near LLM for 1816-1944 but does not fall after 1945, because
// post-1945 cases are dominated by large multilateral treaties whose
// neutrality and non-aggression pledges are honoured by simply staying
// out; the share for pledges to fight (defence and offence) falls sharply
// after 1945, the direction Berkemeier and Fuhrmann report, but sits well
// below both papers in both periods (see doc.go, "How far and why").
func TestPublishedReliability(t *testing.T) {
	data := loadReliability(t)
	ms, wr := data.Members, data.Wars
	cases, err := Cases(ms, WarsFromDyads(wr))
	if err != nil {
		t.Fatal(err)
	}
	type pin struct {
		name            string
		from, to        int
		keep            func(Case) bool
		honoured, n     int
		share, lo, hi   float64
		published       float64
		publishedSource string
	}
	pins := []pin{
		{"all obligations", 1816, 1944, nil, 205, 329, 0.623, 0.523, 0.720, publishedLLM, "LLM 2000 (BF 2018: 0.66)"},
		{"all obligations", 1945, 2003, nil, 1226, 1783, 0.688, 0.528, 0.828, publishedBFPost, "BF 2018"},
		{"all obligations", 1816, 2003, nil, 1431, 2112, 0.678, 0.541, 0.797, publishedBFAll, "BF 2018"},
		{"pledges to fight", 1816, 1944, fighting, 60, 154, 0.390, 0.204, 0.561, publishedLLM, "LLM 2000 (all types)"},
		{"pledges to fight", 1945, 2003, fighting, 41, 571, 0.072, 0.024, 0.135, publishedBFPost, "BF 2018 (all types)"},
		{"defence pledges", 1816, 2003, func(c Case) bool { return c.Invoked.Has(atop.Defense) }, 82, 686, 0.120, 0.058, 0.206, publishedBFDefense, "BF 2018 defence pacts"},
	}
	// The counts are exact and pinned exactly; shares to rounding; the
	// interval depends only on the seed and is pinned to 0.01.
	const tolShare, tolCI = 0.0005, 0.01
	for _, p := range pins {
		e := Share(cases, p.from, p.to, p.keep, seed, reps)
		t.Logf("%-16s %s | published %.3f (%s), difference %+.3f", p.name, e, p.published, p.publishedSource, e.Share-p.published)
		if e.Honoured != p.honoured || e.Cases != p.n {
			t.Errorf("%s %d-%d: %d/%d honoured, pinned %d/%d", p.name, p.from, p.to, e.Honoured, e.Cases, p.honoured, p.n)
		}
		if math.Abs(e.Share-p.share) > tolShare {
			t.Errorf("%s %d-%d: share %.4f, pinned %.3f", p.name, p.from, p.to, e.Share, p.share)
		}
		if math.Abs(e.CI.Lo-p.lo) > tolCI || math.Abs(e.CI.Hi-p.hi) > tolCI {
			t.Errorf("%s %d-%d: interval [%.3f, %.3f], pinned [%.3f, %.3f]", p.name, p.from, p.to, e.CI.Lo, e.CI.Hi, p.lo, p.hi)
		}
	}

	pre := Share(cases, 1816, 1944, fighting, seed, reps)
	post := Share(cases, 1945, 2003, fighting, seed, reps)
	// The direction Berkemeier and Fuhrmann report (0.66 -> 0.22): pledges to
	// fight are honoured less often after 1945, and the intervals do not overlap.
	if !(post.Share < pre.Share) || !(post.CI.Hi < pre.CI.Lo) {
		t.Errorf("pledges to fight: %.3f after 1945 vs %.3f before; want lower, with separated intervals", post.Share, pre.Share)
	}
	// How far from the published figures, stated as test facts:
	// pooled 1816-1944 is 0.12 below LLM's 0.745 (LLM's figure lies above
	// the bootstrap interval); pledges to fight are far below both papers
	// in both periods.
	allPre := Share(cases, 1816, 1944, nil, seed, reps)
	if d := publishedLLM - allPre.Share; d < 0.10 || d > 0.15 {
		t.Errorf("pooled 1816-1944 is %.3f below LLM's 0.745; pinned at about 0.12", d)
	}
	if pre.Share > publishedLLM-0.3 || post.Share > publishedBFPost-0.1 {
		t.Errorf("pledges to fight %.3f / %.3f: expected far below LLM 0.745 and BF 0.22", pre.Share, post.Share)
	}
	// The pooled measure does NOT reproduce the fall after 1945: say so.
	allPost := Share(cases, 1945, 2003, nil, seed, reps)
	if allPost.Share <= allPre.Share {
		t.Errorf("pooled share now falls after 1945 (%.3f -> %.3f): update doc.go and this test", allPre.Share, allPost.Share)
	}
	// Above the naive 25% that LLM corrected, for the pooled measure.
	if allPre.Share <= publishedNaive {
		t.Errorf("pooled 1816-1944 %.3f not above the naive 0.25", allPre.Share)
	}
}

// TestCodingRules checks the coding on a constructed war and alliance.
func TestCodingRules(t *testing.T) {
	// War 1: state 2 (initiator, side 2) attacks 200 (side 1); 220 joins 200
	// in the next year; 230 fights for the attacker.
	wars := []Conflict{{ID: 1, Start: 1900, Parts: map[int]Participant{
		2:   {State: 2, Side: 2, Entry: 1900, Initiator: true},
		200: {State: 200, Side: 1, Entry: 1900},
		220: {State: 220, Side: 1, Entry: 1901},
		230: {State: 230, Side: 2, Entry: 1900},
	}}}
	mem := func(id, c int, o atop.Obligation, thr int) atop.Member {
		var m atop.Member
		for i := range m.Provisions {
			m.Provisions[i] = -1
		}
		m.ATOPID, m.Member, m.COWSys, m.Obligations = id, c, true, o
		m.Entry.Year = 1890
		if thr != 0 {
			m.Provisions[atop.DefCoAdv] = 1
			m.Provisions[atop.StatThr1] = int16(thr)
		}
		return m
	}
	ms := []atop.Member{
		mem(10, 200, atop.Defense, 0), mem(10, 220, atop.Defense, 0), // 220 honours defence of 200
		mem(11, 200, atop.Defense, 0), mem(11, 255, atop.Defense, 0), // 255 stays out: violation
		mem(12, 200, atop.Defense, 0), mem(12, 365, atop.Defense, 365), // 365 pledged only against 365: not invoked
		mem(13, 200, atop.Neutrality, 0), mem(13, 230, atop.Neutrality, 0), // 230 fights 200: violation both ways
		mem(14, 2, atop.Defense, 0), mem(14, 710, atop.Defense, 0), // 2 attacked nobody: defence not invoked
		mem(15, 200, atop.Consultation, 0), mem(15, 740, atop.Consultation, 0), // consultation: never counted
	}
	cases, err := Cases(ms, wars)
	if err != nil {
		t.Fatal(err)
	}
	type k struct{ id, ally int }
	want := map[k]bool{{10, 220}: true, {10, 200}: true, {11, 255}: false, {13, 230}: false, {13, 200}: false}
	got := map[k]bool{}
	for _, c := range cases {
		got[k{c.ATOPID, c.Ally}] = c.Honoured
	}
	if len(got) != len(want) {
		t.Errorf("cases %v, want %v", got, want)
	}
	for key, h := range want {
		if g, ok := got[key]; !ok || g != h {
			t.Errorf("alliance %d ally %d: honoured %v (present %v), want %v", key.id, key.ally, g, ok, h)
		}
	}
	e := Share(cases, 1900, 1901, nil, 1, 50)
	if e.Cases != 5 || e.Honoured != 2 || e.Conflicts != 1 {
		t.Errorf("share %v", e)
	}
}
