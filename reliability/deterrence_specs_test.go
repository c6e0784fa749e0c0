package reliability

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/stats"
)

var (
	detSampleOnce sync.Once
	detSample     *DeterrenceSample
	detSampleErr  error
)

// loadDeterrenceSample codes 1816-2000 once per test binary.
func loadDeterrenceSample(tb testing.TB) *DeterrenceSample {
	tb.Helper()
	d := loadDeterrence(tb)
	detSampleOnce.Do(func() {
		detSample, detSampleErr = NewDeterrenceSample(*d, DeterrenceOptions{From: 1816, To: 2000})
	})
	if detSampleErr != nil {
		tb.Fatal(detSampleErr)
	}
	return detSample
}

// TestDeterrenceSpecifications fits, on 1816-1944 (Leeds 2003), 1945-2000
// and 1816-2000 (Johnson and Leeds 2011), the alliance variables alone,
// Johnson and Leeds's own specification (their replication file's Table 1:
// ln_distance, capprop, jdem, s_un_glo, peace-years cubic) as a logit and
// as the probit they fit, and every control (SpecFull), and pins the
// alliance coefficients and the S score:
//
//	                          none            jl2011 logit     jl2011 probit    full
//	1816-1944 target_defence  +0.178 (0.119)  -0.023 (0.118)   +0.017 (0.041)   -0.014 (0.112)
//	          chal. offence   +1.180 (0.142)  +1.055 (0.145)   +0.406 (0.054)   +0.344 (0.130)
//	          chal. neutral.  +0.313 (0.117)  +0.458 (0.116)   +0.145 (0.042)   +0.267 (0.119)
//	          chal. defence   +0.392 (0.127)  +0.225 (0.119)   +0.087 (0.041)   +0.019 (0.106)
//	1945-2000 target_defence  +0.020 (0.113)  +0.364 (0.132)   +0.108 (0.039)   +0.009 (0.114)
//	          chal. offence   -0.450 (0.392)  -0.801 (0.401)   -0.309 (0.133)   -0.762 (0.344)
//	          chal. neutral.  +0.757 (0.146)  +0.523 (0.140)   +0.167 (0.050)   +0.126 (0.136)
//	          chal. defence   +0.202 (0.106)  +0.422 (0.130)   +0.111 (0.037)   +0.031 (0.104)
//	1816-2000 target_defence  -0.209 (0.077)  +0.057 (0.077)   +0.009 (0.025)   +0.014 (0.082)
//	          chal. offence   +1.203 (0.133)  +0.812 (0.148)   +0.330 (0.051)   +0.006 (0.134)
//	          chal. neutral.  +0.712 (0.108)  +0.593 (0.102)   +0.193 (0.037)   +0.273 (0.096)
//	          chal. defence   -0.002 (0.074)  +0.143 (0.076)   +0.027 (0.025)   +0.004 (0.075)
//
// The deterrent effect (target_defence negative and significant) appears
// only without controls over 1816-2000 (-0.209, z -2.7, -19%); with
// Johnson and Leeds's controls it is gone in every period, and after 1945
// it is positive and significant (+0.364, z +2.8). Offensive and
// neutrality pledges to the challenger raise initiation before 1945 under
// every specification, as Leeds (2003) finds.
func TestDeterrenceSpecifications(t *testing.T) {
	s := loadDeterrenceSample(t)
	type coef struct{ est, se float64 }
	type model struct {
		spec DeterrenceSpec
		link stats.Link
		// target_defence, challenger_offence, challenger_neutrality,
		// challenger_defence, then s_score when the spec has it
		want []coef
	}
	type period struct {
		from, to, n, initiations int
		models                   []model
	}
	logit, probit := stats.LogitLink, stats.ProbitLink
	periods := []period{
		{1816, 1944, 212400, 740, []model{
			{SpecAlliancesOnly, logit, []coef{{0.1778, 0.1191}, {1.1797, 0.1423}, {0.3134, 0.1168}, {0.3921, 0.1266}}},
			{SpecJohnsonLeeds, logit, []coef{{-0.0228, 0.1176}, {1.0546, 0.1450}, {0.4575, 0.1159}, {0.2247, 0.1192}, {0.8396, 0.2306}}},
			{SpecJohnsonLeeds, probit, []coef{{0.0172, 0.0414}, {0.4058, 0.0540}, {0.1448, 0.0417}, {0.0868, 0.0413}, {0.2908, 0.0836}}},
			{SpecFull, logit, []coef{{-0.0140, 0.1123}, {0.3436, 0.1300}, {0.2671, 0.1193}, {0.0187, 0.1062}, {1.6856, 0.3419}}},
		}},
		{1945, 2000, 894450, 1307, []model{
			{SpecAlliancesOnly, logit, []coef{{0.0199, 0.1134}, {-0.4503, 0.3915}, {0.7573, 0.1457}, {0.2021, 0.1061}}},
			{SpecJohnsonLeeds, logit, []coef{{0.3636, 0.1320}, {-0.8014, 0.4013}, {0.5234, 0.1402}, {0.4216, 0.1299}, {-0.9900, 0.4338}}},
			{SpecJohnsonLeeds, probit, []coef{{0.1084, 0.0386}, {-0.3085, 0.1327}, {0.1669, 0.0499}, {0.1111, 0.0374}, {-0.4837, 0.1283}}},
			{SpecFull, logit, []coef{{0.0086, 0.1135}, {-0.7618, 0.3437}, {0.1264, 0.1355}, {0.0308, 0.1037}, {-1.0957, 0.3203}}},
		}},
		{1816, 2000, 1106850, 2047, []model{
			{SpecAlliancesOnly, logit, []coef{{-0.2091, 0.0768}, {1.2034, 0.1328}, {0.7117, 0.1083}, {-0.0019, 0.0738}}},
			{SpecJohnsonLeeds, logit, []coef{{0.0569, 0.0772}, {0.8115, 0.1483}, {0.5933, 0.1022}, {0.1433, 0.0764}, {-0.1570, 0.2672}}},
			{SpecJohnsonLeeds, probit, []coef{{0.0092, 0.0249}, {0.3299, 0.0505}, {0.1930, 0.0369}, {0.0274, 0.0246}, {-0.1263, 0.0892}}},
			{SpecFull, logit, []coef{{0.0137, 0.0819}, {0.0055, 0.1341}, {0.2726, 0.0958}, {0.0039, 0.0752}, {0.1893, 0.2665}}},
		}},
	}
	// Coefficients to 5e-4, standard errors to 1e-3; counts exact.
	const tolCoef, tolSE = 5e-4, 1e-3
	fits := map[[3]int]*DeterrenceResult{} // from, spec, link
	for _, p := range periods {
		for _, m := range p.models {
			r, err := s.Fit(DeterrenceOptions{From: p.from, To: p.to, Spec: m.spec, Link: m.link})
			if err != nil {
				t.Fatal(err)
			}
			fits[[3]int{p.from*10000 + p.to, int(m.spec), int(m.link)}] = r
			if r.N != p.n || r.Initiations != p.initiations || r.Spec != m.spec.String() || r.Link != m.link.String() {
				t.Errorf("%d-%d %s %s: N %d, initiations %d; pinned %d, %d", p.from, p.to, r.Spec, r.Link, r.N, r.Initiations, p.n, p.initiations)
			}
			terms := append(DeterrenceTerms[:4:4], sScoreTerm)
			for i, want := range m.want {
				c := r.Coef(terms[i])
				t.Logf("%d-%d %-7s %-6s %-22s %+.4f (SE %.4f, z %+.2f)", p.from, p.to, r.Spec, r.Link, c.Term, c.Estimate, c.SE, c.Z)
				if math.Abs(float64(c.Estimate)-want.est) > tolCoef || math.Abs(float64(c.SE)-want.se) > tolSE {
					t.Errorf("%d-%d %s %s %s: %.4f (SE %.4f); pinned %.4f (SE %.4f)", p.from, p.to, r.Spec, r.Link, c.Term, c.Estimate, c.SE, want.est, want.se)
				}
			}
			if len(r.Coefs) != len(m.spec.Terms())+1 {
				t.Errorf("%s: %d coefficients for %d terms", r.Spec, len(r.Coefs), len(m.spec.Terms()))
			}
		}
	}
	get := func(from, to int, spec DeterrenceSpec, link stats.Link) *DeterrenceResult {
		return fits[[3]int{from*10000 + to, int(spec), int(link)}]
	}
	// Leeds (2003), 1816-1944: offensive and neutrality pledges to the
	// challenger raise initiation, significantly, under every specification.
	for _, m := range periods[0].models {
		r := get(1816, 1944, m.spec, m.link)
		for _, term := range []string{"challenger_offence", "challenger_neutrality"} {
			if z := r.Coef(term).Z; z < 1.96 {
				t.Errorf("1816-1944 %s %s: %s z = %.2f; Leeds 2003 finds a significant increase", r.Spec, r.Link, term, z)
			}
		}
	}
	// The deterrent effect Leeds (2003) and Johnson and Leeds (2011) report
	// is NOT reproduced with their controls: target_defence is not
	// negative and significant in any period, logit or probit.
	for _, p := range periods {
		for _, link := range []stats.Link{logit, probit} {
			if z := get(p.from, p.to, SpecJohnsonLeeds, link).Coef("target_defence").Z; z < -1.96 {
				t.Errorf("%d-%d jl2011 %v: deterrence now significant (z = %.2f): update doc.go and this test", p.from, p.to, link, z)
			}
		}
	}
	// Without controls, 1816-2000 shows it (the raw association), and the
	// controls remove it.
	if z := get(1816, 2000, SpecAlliancesOnly, logit).Coef("target_defence").Z; z > -1.96 {
		t.Errorf("1816-2000 without controls: target_defence z = %.2f, pinned as significantly negative", z)
	}
	// After 1945, under Johnson and Leeds's controls, targets with
	// defensive allies are challenged MORE often, logit and probit alike;
	// Kenwick, Vasquez and Powers (2015) find deterrence, if anywhere, in
	// the nuclear era, so their period pattern is not what these data show.
	for _, link := range []stats.Link{logit, probit} {
		if z := get(1945, 2000, SpecJohnsonLeeds, link).Coef("target_defence").Z; z < 1.96 {
			t.Errorf("1945-2000 jl2011 %v: target_defence z = %.2f, pinned as significantly positive", link, z)
		}
	}
	// Johnson and Leeds (2011): no significant increase in initiation by
	// challengers with defensive allies over 1816-2000 (reproduced).
	for _, link := range []stats.Link{logit, probit} {
		if z := get(1816, 2000, SpecJohnsonLeeds, link).Coef("challenger_defence").Z; z > 1.96 {
			t.Errorf("1816-2000 jl2011 %v: challenger_defence z = %.2f; Johnson and Leeds find no increase", link, z)
		}
	}
	// The probit and logit agree in sign and significance on every
	// alliance coefficient, logit ≈ 1.6-3.6 × probit for the large ones.
	for _, p := range periods {
		l, pr := get(p.from, p.to, SpecJohnsonLeeds, logit), get(p.from, p.to, SpecJohnsonLeeds, probit)
		for _, term := range DeterrenceTerms[:4] {
			a, b := l.Coef(term), pr.Coef(term)
			if math.Abs(float64(a.Z)) > 2.5 && (a.Estimate*b.Estimate < 0 || math.Abs(float64(b.Z)) < 1.96) {
				t.Errorf("%d-%d %s: logit %+.3f (z %.2f), probit %+.3f (z %.2f)", p.from, p.to, term, a.Estimate, a.Z, b.Estimate, b.Z)
			}
		}
	}
}

// TestDeterrenceSampleFitIsDeterrence: fitting a sub-span of a longer
// sample gives exactly what Deterrence gives on that span alone (the same
// rows in the same order, clusters numbered alike, fixed-order sums), and
// a second fit is bit-identical to the first.
func TestDeterrenceSampleFitIsDeterrence(t *testing.T) {
	d := loadDeterrence(t)
	s := loadDeterrenceSample(t)
	opt := DeterrenceOptions{From: 1870, To: 1913, Spec: SpecJohnsonLeeds, Link: stats.ProbitLink}
	a, err := Deterrence(*d, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Fit(DeterrenceOptions{From: opt.From, To: opt.To, Spec: opt.Spec, Link: opt.Link})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Fit(DeterrenceOptions{From: opt.From, To: opt.To, Spec: opt.Spec, Link: opt.Link})
	if err != nil {
		t.Fatal(err)
	}
	if a.N != b.N || a.Dropped != b.Dropped || a.Dyads != b.Dyads || a.Initiations != b.Initiations || a.LogLik != b.LogLik {
		t.Errorf("Deterrence N %d dropped %d dyads %d ll %v; sample fit %d %d %d %v", a.N, a.Dropped, a.Dyads, a.LogLik, b.N, b.Dropped, b.Dyads, b.LogLik)
	}
	for i := range a.Coefs {
		if a.Coefs[i] != b.Coefs[i] || b.Coefs[i] != c.Coefs[i] {
			t.Errorf("%s: %+v / %+v / %+v", a.Coefs[i].Term, a.Coefs[i], b.Coefs[i], c.Coefs[i])
		}
	}
	if _, err := s.Fit(DeterrenceOptions{From: 1800, To: 1900, Spec: SpecDefault, Link: stats.LogitLink}); err == nil {
		t.Error("a fit before the sample's span was accepted")
	}
}

// TestDeterrenceSpecNames: every specification's name maps back to it, and
// every one starts with the four alliance variables.
func TestDeterrenceSpecNames(t *testing.T) {
	for name, spec := range DeterrenceSpecs {
		if spec.String() != name {
			t.Errorf("%v named %q", spec, name)
		}
		terms := spec.Terms()
		for i, term := range DeterrenceTerms[:4] {
			if terms[i] != term {
				t.Errorf("%s: term %d is %s, want %s", name, i, terms[i], term)
			}
		}
		for _, term := range terms {
			if term == outsideColumn {
				t.Errorf("%s: the OutsideOnly column is a term", name)
			}
			if !containsString(deterrenceColumns, term) {
				t.Errorf("%s: term %s has no column", name, term)
			}
		}
	}
	if len(SpecFull.Terms()) != len(DeterrenceTerms)+1 {
		t.Errorf("full has %d terms, want DeterrenceTerms and S", len(SpecFull.Terms()))
	}
	if len(SpecJohnsonLeeds.Terms()) != 11 {
		t.Errorf("Johnson and Leeds's Table 1 has 11 regressors, spec has %d", len(SpecJohnsonLeeds.Terms()))
	}
}

func containsString(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// TestDeterrenceSimilarity checks the S score's portfolios: ties are
// symmetric at the strongest obligation either state undertook, ties
// with states outside the system are left out, and two states without
// allies score Signorino and Ritter's 1 - 4/n.
func TestDeterrenceSimilarity(t *testing.T) {
	ss := []int{2, 200, 220, 255, 365}
	ties := []atopindex.Tie{
		{From: 2, To: 200, Owes: atop.Defense},                                    // one-sided defence: both rows get 3
		{From: 220, To: 255, Owes: atop.Consultation, OwedBy: atop.NonAggression}, // strongest either way: 2
		{From: 2, To: 999, Owes: atop.Defense},                                    // not a system member
	}
	m, err := newSimilarity(ss, ties)
	if err != nil {
		t.Fatal(err)
	}
	port := func(rows ...[]int8) [][]int8 { return rows }
	p := port(
		[]int8{3, 3, 0, 0, 0},
		[]int8{3, 3, 0, 0, 0},
		[]int8{0, 0, 3, 2, 0},
		[]int8{0, 0, 2, 3, 0},
		[]int8{0, 0, 0, 0, 3},
	)
	for i := range ss {
		for j := range ss {
			if i == j {
				continue
			}
			want, err := fpsim.ComparePortfolios(p[i], p[j], nil, fpsim.DefensePact)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.s(i, j); math.Abs(got-want.SAbs) > 1e-15 || got != m.s(j, i) {
				t.Errorf("S(%d, %d) = %v, S(%d, %d) = %v; want %v", ss[i], ss[j], got, ss[j], ss[i], m.s(j, i), want.SAbs)
			}
		}
	}
	if got := m.s(0, 1); got != 1 {
		t.Errorf("identical portfolios S = %v, want 1", got)
	}
	lone, err := newSimilarity(ss, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lone.s(0, 4), 1-4.0/5; math.Abs(got-want) > 1e-15 {
		t.Errorf("two states without allies among 5: S = %v, want 1 - 4/n = %v", got, want)
	}
}

// TestWriteDeterrence: the text names the link and specification and
// prints the published finding beside each alliance term; the CSV has a
// row per term with the spec and link columns.
func TestWriteDeterrence(t *testing.T) {
	r := &DeterrenceResult{From: 1816, To: 2000, Spec: "jl2011", Link: "probit", N: 10, Initiations: 2, Dyads: 3,
		Coefs:  []Coef{{Term: "intercept", Estimate: -3, SE: 0.1, Z: -30}, {Term: "target_defence", Estimate: 0.01, SE: 0.02, Z: 0.5}},
		Effect: map[string]number.Figure{"target_defence": 0.03}}
	var text, csv strings.Builder
	if err := WriteDeterrenceText(&text, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(probit, specification jl2011)", "target_defence", "3.0%", "deters (negative)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if err := WriteDeterrenceCSV(&csv, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if n := DeterrenceRows(r, r); n != 2*(len(lines)-1) {
		t.Errorf("DeterrenceRows of the result twice = %d, want twice the %d CSV rows", n, len(lines)-1)
	}
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "from,to,relevant,spec,link,n,") || !strings.HasPrefix(lines[2], "1816,2000,false,jl2011,probit,10,2,target_defence,") {
		t.Errorf("CSV:\n%s", csv.String())
	}
}

// TestDeterrenceOutsideOnly codes target_defence from alliances the
// challenger is not a member of (a pact as protection against outsiders).
// The raw association grows (1816-2000: -0.423, z -4.8; 1945-2000:
// -0.324, z -2.9) but Johnson and Leeds's controls remove it again: no
// deterrence is reproduced under this coding either.
func TestDeterrenceOutsideOnly(t *testing.T) {
	s := loadDeterrenceSample(t)
	pins := []struct {
		from, to int
		spec     DeterrenceSpec
		est, se  float64
	}{
		{1816, 2000, SpecAlliancesOnly, -0.4230, 0.0888},
		{1945, 2000, SpecAlliancesOnly, -0.3242, 0.1124},
		{1816, 1944, SpecJohnsonLeeds, 0.1079, 0.1188},
		{1945, 2000, SpecJohnsonLeeds, 0.1774, 0.1117},
		{1816, 2000, SpecJohnsonLeeds, -0.0057, 0.0822},
		{1816, 1944, SpecDefault, -0.0544, 0.1086},
	}
	for _, p := range pins {
		r, err := s.Fit(DeterrenceOptions{From: p.from, To: p.to, Spec: p.spec, OutsideOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		c := r.Coef("target_defence")
		t.Logf("%d-%d %-7s outside only: target_defence %+.4f (SE %.4f, z %+.2f) effect %+.1f%%", p.from, p.to, r.Spec, c.Estimate, c.SE, c.Z, 100*r.Effect["target_defence"])
		if math.Abs(float64(c.Estimate)-p.est) > 5e-4 || math.Abs(float64(c.SE)-p.se) > 1e-3 || !r.OutsideOnly {
			t.Errorf("%d-%d %s outside only: %.4f (SE %.4f); pinned %.4f (SE %.4f)", p.from, p.to, r.Spec, c.Estimate, c.SE, p.est, p.se)
		}
		switch {
		case p.spec == SpecAlliancesOnly && c.Z > -1.96:
			t.Errorf("%d-%d without controls: z = %.2f, pinned as significantly negative", p.from, p.to, c.Z)
		case p.spec != SpecAlliancesOnly && c.Z < -1.96:
			t.Errorf("%d-%d %s: deterrence now significant (z = %.2f): update doc.go and this test", p.from, p.to, r.Spec, c.Z)
		}
	}
}
