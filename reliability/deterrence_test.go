package reliability

import (
	"math"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/internal/stats"
)

// Published findings on alliances and dispute initiation (see doc.go,
// "Deterrence", for the sources). The papers publish directions and
// significance in their abstracts; the one magnitude found is Benson's.
const (
	// Benson (2011), JOP 73(4), abstract: deterrent alliances contingent
	// on the adversary's attack are associated with an 18% decrease in the
	// likelihood that a third party initiates a conflict with a member.
	publishedBensonDeterrent = -0.18
	// Benson (2011), abstract: unconditional compellent (offensive)
	// alliances, a 249% increase when the prospective initiator is a member.
	publishedBensonCompellent = 2.49
)

// TestPublishedDeterrence replicates the directed dyad-year design of Leeds
// (2003) on 1816-1944 and of Johnson and Leeds (2011) on 1816-2000 and pins
// the alliance coefficients beside the published findings:
//
//	finding (published)                                     1816-1944 (Leeds 2003)      1816-2000 (Johnson and Leeds 2011)
//	target's defensive allies deter (negative, significant)  -0.168 (SE 0.111), -15.0%   -0.007 (SE 0.079), -0.6%
//	challenger's offensive allies embolden (positive)        +0.263 (SE 0.127), +29.1%   +0.002 (SE 0.133)
//	challenger's neutrality pledges embolden (positive)      +0.322 (SE 0.119), +36.7%   +0.270 (SE 0.095), +29.4%
//	challenger's defensive allies: no effect (JL 2011)       -0.213 (SE 0.110)           -0.019 (SE 0.078)
//	Benson 2011 magnitudes: deterrent -18%, compellent +249%
//
// Before 1945 all of Leeds's directions are reproduced and the offence and
// neutrality effects are significant at 5%; the deterrent effect (-15%,
// near Benson's -18%) is not (z = -1.5). Over 1816-2000 only the neutrality
// effect survives: the deterrent effect Johnson and Leeds report is not
// reproduced with ATOP 5.1 and COW-MID 5.0 under this coding. doc.go gives
// the reasons the figures can differ.
func TestPublishedDeterrence(t *testing.T) {
	s := loadDeterrenceSample(t)
	type coef struct{ est, se, effect float64 }
	type pin struct {
		opt             DeterrenceOptions
		n, initiations  int
		dropped, dyads  int
		tdef, off, neu  coef
		cdef            coef
		publishedSource string
	}
	pins := []pin{
		{DeterrenceOptions{From: 1816, To: 1944}, 212400, 740, 23940, 2660,
			coef{-0.1677, 0.1107, -0.1504}, coef{0.2632, 0.1268, 0.2910}, coef{0.3223, 0.1188, 0.3670}, coef{-0.2126, 0.1100, -0.1864}, "Leeds 2003"},
		{DeterrenceOptions{From: 1816, To: 2000}, 1106850, 2047, 209104, 14463,
			coef{-0.0068, 0.0791, -0.0065}, coef{0.0017, 0.1326, 0.0016}, coef{0.2698, 0.0952, 0.2940}, coef{-0.0186, 0.0776, -0.0176}, "Johnson and Leeds 2011"},
	}
	// Counts are exact; coefficients and effects to 5e-4, standard errors to 1e-3.
	const tolCoef, tolSE = 5e-4, 1e-3
	results := map[int]*DeterrenceResult{}
	for _, p := range pins {
		r, err := s.Fit(DeterrenceOptions{From: p.opt.From, To: p.opt.To, Spec: SpecDefault, Link: stats.LogitLink})
		if err != nil {
			t.Fatal(err)
		}
		results[p.opt.To] = r
		if r.N != p.n || r.Initiations != p.initiations || r.Dropped != p.dropped || r.Dyads != p.dyads {
			t.Errorf("%d-%d: N %d, initiations %d, dropped %d, dyads %d; pinned %d, %d, %d, %d",
				p.opt.From, p.opt.To, r.N, r.Initiations, r.Dropped, r.Dyads, p.n, p.initiations, p.dropped, p.dyads)
		}
		wants := []coef{p.tdef, p.off, p.neu, p.cdef}
		for i, term := range DeterrenceTerms[:4] {
			want, c := wants[i], r.Coef(term)
			t.Logf("%d-%d %-22s %+.4f (SE %.4f, z %+.2f) effect %+.1f%% [%s]", p.opt.From, p.opt.To, term, c.Estimate, c.SE, c.Z, 100*r.Effect[term], p.publishedSource)
			if math.Abs(float64(c.Estimate)-want.est) > tolCoef || math.Abs(float64(c.SE)-want.se) > tolSE || math.Abs(float64(r.Effect[term])-want.effect) > tolCoef {
				t.Errorf("%d-%d %s: %.4f (SE %.4f) effect %.4f; pinned %.4f (SE %.4f) effect %.4f",
					p.opt.From, p.opt.To, term, c.Estimate, c.SE, r.Effect[term], want.est, want.se, want.effect)
			}
		}
	}
	pre, all := results[1944], results[2000]
	// Leeds (2003): the directions of all three effects, and significance
	// of the two that embolden challengers.
	if c := pre.Coef("target_defence"); c.Estimate >= 0 {
		t.Errorf("1816-1944: target's defensive allies %+.3f; Leeds 2003 finds deterrence (negative)", c.Estimate)
	}
	for _, term := range []string{"challenger_offence", "challenger_neutrality"} {
		if c := pre.Coef(term); c.Z < 1.96 {
			t.Errorf("1816-1944: %s z = %.2f; Leeds 2003 finds a significant increase", term, c.Z)
		}
	}
	// The deterrent effect is not significant here: say so if that changes.
	if c := pre.Coef("target_defence"); c.Z < -1.96 {
		t.Errorf("1816-1944: target's defensive allies now significant (z = %.2f): update doc.go and this test", c.Z)
	}
	// Its size is near Benson's -18%: within 5 points.
	if e := pre.Effect["target_defence"]; math.Abs(float64(e-publishedBensonDeterrent)) > 0.05 {
		t.Errorf("1816-1944: deterrent effect %+.3f, Benson 2011 %.2f", e, publishedBensonDeterrent)
	}
	// Benson's +249% for unconditional compellent alliances is far above
	// the +29% for any offensive pledge (his category is narrower).
	if e := pre.Effect["challenger_offence"]; e > publishedBensonCompellent/2 {
		t.Errorf("1816-1944: offence effect %+.2f now near Benson's +2.49: update doc.go", e)
	}
	// Johnson and Leeds (2011), 1816-2000: challengers' defensive allies do
	// not make initiation more likely (reproduced: not positive and
	// significant); the deterrent effect is NOT reproduced (not negative
	// and significant).
	if c := all.Coef("challenger_defence"); c.Z > 1.96 {
		t.Errorf("1816-2000: challenger's defensive allies z = %.2f; Johnson and Leeds find no increase", c.Z)
	}
	if c := all.Coef("target_defence"); c.Z < -1.96 {
		t.Errorf("1816-2000: deterrence now significant (z = %.2f): update doc.go and this test", c.Z)
	}
	// The covariates behave as in the literature: contiguity and major
	// challengers raise initiation, joint democracy lowers it.
	for _, r := range []*DeterrenceResult{pre, all} {
		if r.Coef("contiguous").Z < 3 || r.Coef("major_challenger").Z < 3 || r.Coef("joint_democracy").Z > -3 {
			t.Errorf("%d-%d: controls contiguous z %.1f, major z %.1f, joint democracy z %.1f", r.From, r.To,
				r.Coef("contiguous").Z, r.Coef("major_challenger").Z, r.Coef("joint_democracy").Z)
		}
	}
}

// TestDeterrenceCoding checks how a pledge limited to named adversaries is
// read, and the distance.
func TestDeterrenceCoding(t *testing.T) {
	mem := func(id, c int, o atop.Obligation, coadv atop.Var, thr int) atop.Member {
		var m atop.Member
		for i := range m.Provisions {
			m.Provisions[i] = -1
		}
		m.ATOPID, m.Member, m.COWSys, m.Obligations = id, c, true, o
		m.Entry.Year = 1890
		if thr != 0 {
			m.Provisions[coadv] = 1
			m.Provisions[atop.StatThr1] = int16(thr)
		}
		return m
	}
	// 255 owes 2 offence only against 365.
	ms := []atop.Member{
		mem(1, 2, atop.Defense, 0, 0), mem(1, 200, atop.Defense, 0, 0),
		mem(2, 220, atop.Defense, 0, 0), mem(2, 230, atop.Defense, 0, 0),
		mem(3, 2, atop.Offense, 0, 0), mem(3, 255, atop.Offense, atop.OffCoAdv, 365),
	}
	// named adversaries are read from the obliged member's row
	if got := namedAdversaries(&ms[5]); len(got[atop.Offense]) != 1 || got[atop.Offense][0] != 365 {
		t.Errorf("named adversaries %v", got)
	}
	p := pledge{from: 255, owes: atop.Offense, against: namedAdversaries(&ms[5])}
	if p.appliesAgainst(atop.Offense, 220) || !p.appliesAgainst(atop.Offense, 365) || p.appliesAgainst(atop.Defense, 365) {
		t.Error("a pledge limited to 365 applies only against 365, and only for its own obligation")
	}
	if d := haversineKm(51.5074, -0.1278, 48.8566, 2.3522); math.Abs(d-344) > 2 {
		t.Errorf("London-Paris %.0f km, want about 343", d)
	}
}
