package reliability

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/stats"
)

// DeterrenceData are the datasets the deterrence replication joins: ATOP
// member rows, the COW state system and major powers, NMC capabilities, the
// dyadic COW-MID file, COW direct contiguity, Polity2 scores and capitals.
type DeterrenceData struct {
	Members    []atop.Member
	System     []cowstate.StateYear
	Majors     []cowstate.Major
	CINC       []nmc.Record
	MIDs       []peacesciencer.MID
	Contiguity []peacesciencer.Contiguity
	Democracy  []peacesciencer.Democracy
	Capitals   []peacesciencer.Capital
}

// DeterrenceOptions chooses the sample and the model.
type DeterrenceOptions struct {
	From, To int // years of the directed dyad-years, inclusive
	// Relevant keeps only politically relevant dyads: contiguous, or one
	// state a major power.
	Relevant bool
	// OutsideOnly codes target_defence from pledges of alliances the
	// challenger is not itself a member of (a defence pact read as
	// protection against outsiders), where the default counts any third
	// state's applicable pledge. Johnson and Leeds (2011) check the same
	// concern by dropping dyads whose states share a defence pact.
	OutsideOnly bool
	// Spec chooses the regressors (default SpecDefault).
	Spec DeterrenceSpec
	// Link is the binary model: stats.LogitLink (default) or
	// stats.ProbitLink, which Johnson and Leeds (2011) fit.
	Link stats.Link
}

// DeterrenceTerms are the regressors of SpecDefault, in order (an
// intercept comes first in the fit). The first four are the alliance
// variables of Leeds (2003) and Johnson and Leeds (2011); the rest are
// controls as far as these data give them.
var DeterrenceTerms = []string{
	"target_defence",        // a third state owes the target defence, applicable against the challenger
	"challenger_offence",    // a third state owes the challenger offensive support, applicable against the target
	"challenger_neutrality", // a third state owes the challenger neutrality, applicable against the target
	"challenger_defence",    // a third state owes the challenger defence
	"allied",                // challenger and target share an alliance
	"contiguous",            // land border or at most 150 miles of water (COW types 1-4)
	"ln_distance",           // log(1 + great-circle km between capitals)
	"capability_share",      // challenger's CINC / (challenger's + target's)
	"major_challenger",      // COW major power
	"major_target",
	"joint_democracy", // both Polity2 >= 6
	"peace_years",     // years since the dyad's last MID year (or since it entered the data)
	"peace_years2",    // peace_years² / 100
	"peace_years3",    // peace_years³ / 1000
}

// sScoreTerm is the alliance-portfolio similarity of the pair: the
// Signorino-Ritter S (absolute distance) over every system member's
// alliance portfolio on 1 January, unweighted and global, as EUGene's
// s_un_glo that Johnson and Leeds (2011) use.
const sScoreTerm = "s_score"

// outsideColumn is the column of target_defence coded OutsideOnly.
const outsideColumn = "target_defence_outside"

// deterrenceColumns are every column a sample holds: DeterrenceTerms, the
// S score, and target_defence coded OutsideOnly (which a fit with
// OutsideOnly reads in place of target_defence).
var deterrenceColumns = append(slices.Clip(DeterrenceTerms), sScoreTerm, outsideColumn)

// DeterrenceSpec is a set of regressors.
type DeterrenceSpec int

const (
	// SpecDefault is DeterrenceTerms: the alliance variables, shared
	// alliance, contiguity, capital distance, capability share, major
	// powers, joint democracy and a cubic in peace years.
	SpecDefault DeterrenceSpec = iota
	// SpecJohnsonLeeds is Johnson and Leeds (2011), Table 1, as their
	// replication file has it (probit dispute ptargdef pchalally pchaloff
	// pchalneu ln_distance capprop jdem s_un_glo peaceyrs peaceyrs2
	// peaceyrs3): the four alliance variables, log distance, capability
	// share, joint democracy, S and the peace-years cubic. No contiguity,
	// no major powers, no shared alliance.
	SpecJohnsonLeeds
	// SpecAlliancesOnly is the four alliance variables and nothing else.
	SpecAlliancesOnly
	// SpecFull is DeterrenceTerms and S.
	SpecFull
)

// DeterrenceSpecs are the specifications by name.
var DeterrenceSpecs = map[string]DeterrenceSpec{"default": SpecDefault, "jl2011": SpecJohnsonLeeds, "none": SpecAlliancesOnly, "full": SpecFull}

// String returns the specification's name (a key of DeterrenceSpecs).
func (s DeterrenceSpec) String() string {
	switch s {
	case SpecJohnsonLeeds:
		return "jl2011"
	case SpecAlliancesOnly:
		return "none"
	case SpecFull:
		return "full"
	}
	return "default"
}

// Terms returns the specification's regressors in order, the four
// alliance variables first.
func (s DeterrenceSpec) Terms() []string {
	switch s {
	case SpecJohnsonLeeds:
		return []string{DeterrenceTerms[0], DeterrenceTerms[1], DeterrenceTerms[2], DeterrenceTerms[3],
			"ln_distance", "capability_share", "joint_democracy", sScoreTerm, "peace_years", "peace_years2", "peace_years3"}
	case SpecAlliancesOnly:
		return slices.Clone(DeterrenceTerms[:4])
	case SpecFull:
		return append(slices.Clone(DeterrenceTerms), sScoreTerm)
	}
	return slices.Clone(DeterrenceTerms)
}

// Coef is one estimated coefficient with its standard error clustered by
// undirected dyad.
type Coef struct {
	Term     string        `json:"term"`
	Estimate number.Figure `json:"coef"`
	SE       number.Figure `json:"se"`
	Z        number.Figure `json:"z"`
}

// DeterrenceResult is the fitted model.
type DeterrenceResult struct {
	From        int           `json:"from"`
	To          int           `json:"to"`
	Relevant    bool          `json:"relevant"`
	OutsideOnly bool          `json:"outside_only"` // target_defence from alliances without the challenger
	Spec        string        `json:"spec"`         // a key of DeterrenceSpecs
	Link        string        `json:"link"`         // logit or probit
	N           int           `json:"n"`            // directed dyad-years in the fit
	Initiations int           `json:"initiations"`  // of which a MID initiation
	Dropped     int           `json:"dropped"`      // dyad-years left out for a missing control (CINC, Polity2, capital)
	Dyads       int           `json:"dyads"`        // undirected dyads (the clusters)
	LogLik      number.Figure `json:"loglik"`
	Coefs       []Coef        `json:"coefficients"` // intercept first, then the spec's terms
	// Effect is, for each alliance variable, the relative change in the
	// mean predicted probability of initiation when the variable is set
	// to 1 rather than 0 in every row, the others as observed
	// (Pr1/Pr0 - 1): -0.18 is an 18% decrease.
	Effect map[string]number.Figure `json:"effect"`
}

// Coef returns the coefficient of term.
func (r *DeterrenceResult) Coef(term string) Coef {
	for _, c := range r.Coefs {
		if c.Term == term {
			return c
		}
	}
	return Coef{Term: term, Estimate: number.Figure(math.NaN()), SE: number.Figure(math.NaN()), Z: number.Figure(math.NaN())}
}

// pledge is one obligation a third state owes a member, with the named
// adversaries it is limited to (nil: any adversary).
type pledge struct {
	from     int
	alliance [2]int // ATOPID, phase
	owes     atop.Obligation
	against  map[atop.Obligation][]int // named adversaries per obligation, when limited
}

func (p pledge) appliesAgainst(o atop.Obligation, adversary int) bool {
	if !p.owes.Has(o) {
		return false
	}
	named, limited := p.against[o]
	return !limited || slices.Contains(named, adversary)
}

// Deterrence replicates the directed dyad-year design of Leeds (2003) and
// Johnson and Leeds (2011): a logit (or probit) of the challenger's
// initiation of a MID against the target on the alliance commitments in
// force on 1 January of the year, with the controls of opt.Spec, and
// standard errors clustered by undirected dyad. See doc.go for the coding.
// It is NewDeterrenceSample then Fit over the whole span.
func Deterrence(d DeterrenceData, opt DeterrenceOptions) (*DeterrenceResult, error) {
	s, err := NewDeterrenceSample(d, opt)
	if err != nil {
		return nil, err
	}
	return s.Fit(opt)
}

// DeterrenceSample is the coded directed dyad-years of a span, every
// column of every specification, in year order; Fit estimates a model on
// any sub-span of it. Build it with NewDeterrenceSample.
type DeterrenceSample struct {
	From, To int
	Relevant bool
	year     []int16
	cols     []float64 // len(deterrenceColumns) per row
	y        []bool
	dyad     []int32     // undirected dyad of each row
	dropped  map[int]int // dyad-years left out for missing data, by year
}

// NewDeterrenceSample codes the directed dyad-years from opt.From to
// opt.To, with both codings of target_defence (opt.Spec, opt.Link and
// opt.OutsideOnly are not used). Dyad-years missing CINC,
// Polity2 or a capital are left out for every specification, so models
// with and without controls compare the same rows.
func NewDeterrenceSample(d DeterrenceData, opt DeterrenceOptions) (*DeterrenceSample, error) {
	if opt.From > opt.To {
		return nil, fmt.Errorf("reliability: deterrence span %d-%d is empty", opt.From, opt.To)
	}
	ix, err := atopindex.New(d.Members, atopindex.LastYear)
	if err != nil {
		return nil, err
	}
	if !ix.Covers(opt.From) || !ix.Covers(opt.To) {
		first, last := ix.Span()
		return nil, fmt.Errorf("reliability: deterrence span %d-%d is outside ATOP's %d-%d", opt.From, opt.To, first, last)
	}
	rows := map[rowKey]*atop.Member{}
	for i := range d.Members {
		m := &d.Members[i]
		k := rowKey{m.ATOPID, m.Phase, m.Member}
		if _, ok := rows[k]; !ok {
			rows[k] = m
		}
	}
	type sy struct{ c, y int }
	cinc := map[sy]float64{}
	for _, r := range d.CINC {
		cinc[sy{r.CCode, r.Year}] = r.CINC
	}
	polity := map[sy]float64{}
	for _, r := range d.Democracy {
		polity[sy{r.CCode, r.Year}] = r.Polity2
	}
	system := map[int][]int{}
	for _, s := range d.System {
		system[s.Year] = append(system[s.Year], s.CCode)
	}
	major := func(c, y int) bool {
		for _, m := range d.Majors {
			if m.CCode == c && m.Begin.Year <= y && y <= m.End.Year {
				return true
			}
		}
		return false
	}
	type dy struct{ a, b int }
	und := func(a, b int) dy {
		if a > b {
			a, b = b, a
		}
		return dy{a, b}
	}
	type span struct{ from, to int }
	contig := map[dy][]span{}
	for _, c := range d.Contiguity {
		if c.Type < 1 || c.Type > 4 || c.CCode1 > c.CCode2 {
			continue // both directions are listed; keep one
		}
		end := c.End.Year
		if end == 0 {
			end = math.MaxInt32
		}
		k := und(c.CCode1, c.CCode2)
		contig[k] = append(contig[k], span{c.Start.Year, end})
	}
	contiguous := func(a, b, y int) bool {
		for _, s := range contig[und(a, b)] {
			if s.from <= y && y <= s.to {
				return true
			}
		}
		return false
	}
	capitals := map[int][]peacesciencer.Capital{}
	for _, c := range d.Capitals {
		capitals[c.CCode] = append(capitals[c.CCode], c)
	}
	capital := func(c, y int) (lat, lng float64, ok bool) {
		// the capital in force on 1 July, else the nearest spell in time
		day := atopindex.DayOf(y, 7, 1)
		best, gap := -1, math.MaxInt
		for i, k := range capitals[c] {
			from, to := atopindex.EntryDay(k.Start), atopindex.ExitDay(k.End, 9999)
			g := 0
			if day < from {
				g = int(from - day)
			} else if day > to {
				g = int(day - to)
			}
			if g < gap {
				best, gap = i, g
			}
		}
		if best < 0 {
			return 0, 0, false
		}
		k := capitals[c][best]
		return k.Lat, k.Lng, !math.IsNaN(k.Lat) && !math.IsNaN(k.Lng)
	}
	initiated := map[[3]int]bool{}
	disputeYears := map[dy][]int{}
	for _, m := range d.MIDs {
		if m.Onset && m.SideA1 && !m.SideA2 && m.Orig1 && m.Orig2 {
			initiated[[3]int{m.Year, m.CCode1, m.CCode2}] = true
		}
		k := und(m.CCode1, m.CCode2)
		disputeYears[k] = append(disputeYears[k], m.Year)
	}
	for k, ys := range disputeYears {
		slices.Sort(ys)
		disputeYears[k] = slices.Compact(ys)
	}
	// firstSeen is the first year a dyad is in the system together, the
	// origin of its peace years when it has had no dispute.
	firstSeen := map[dy]int{}
	for y := 1816; y <= opt.To; y++ {
		ss := system[y]
		for i, a := range ss {
			for _, b := range ss[i+1:] {
				k := und(a, b)
				if _, ok := firstSeen[k]; !ok {
					firstSeen[k] = y
				}
			}
		}
	}
	peaceYears := func(a, b, y int) float64 {
		k := und(a, b)
		last := firstSeen[k] - 1
		ys := disputeYears[k]
		if i, _ := slices.BinarySearch(ys, y); i > 0 {
			last = max(last, ys[i-1])
		}
		return float64(y - last - 1)
	}

	smp := &DeterrenceSample{From: opt.From, To: opt.To, Relevant: opt.Relevant, dropped: map[int]int{}}
	dyadOf := map[dy]int32{}
	for yr := opt.From; yr <= opt.To; yr++ {
		day := atopindex.YearStart(yr)
		pledges := map[int][]pledge{}
		allied := map[dy]bool{}
		ss := system[yr]
		ties := ix.OnDay(day)
		sim, err := newSimilarity(ss, ties)
		if err != nil {
			return nil, fmt.Errorf("reliability: deterrence S scores of %d: %w", yr, err)
		}
		members := map[[2]int][]int{}
		for _, t := range ties {
			k := [2]int{t.ATOPID, t.Phase}
			members[k] = append(members[k], t.From)
		}
		for _, t := range ties {
			allied[und(t.From, t.To)] = true
			if t.Owes == 0 {
				continue
			}
			pl := pledge{from: t.From, alliance: [2]int{t.ATOPID, t.Phase}, owes: t.Owes}
			if r := rows[rowKey{t.ATOPID, t.Phase, t.From}]; r != nil {
				pl.against = namedAdversaries(r)
			}
			pledges[t.To] = append(pledges[t.To], pl)
		}
		for i, a := range ss {
			for j, b := range ss {
				if a == b {
					continue
				}
				cont := contiguous(a, b, yr)
				ma, mb := major(a, yr), major(b, yr)
				if opt.Relevant && !cont && !ma && !mb {
					continue
				}
				ca, okA := cinc[sy{a, yr}]
				cb, okB := cinc[sy{b, yr}]
				pa, okPA := polity[sy{a, yr}]
				pb, okPB := polity[sy{b, yr}]
				la, ga, okCA := capital(a, yr)
				lb, gb, okCB := capital(b, yr)
				if !okA || !okB || !okPA || !okPB || !okCA || !okCB || math.IsNaN(ca) || math.IsNaN(cb) || ca+cb <= 0 || math.IsNaN(pa) || math.IsNaN(pb) {
					smp.dropped[yr]++
					continue
				}
				var tdef, tdefOut, coff, cneu, cdef bool
				for _, pl := range pledges[b] {
					if pl.from != a && pl.appliesAgainst(atop.Defense, a) {
						tdef = true
						tdefOut = tdefOut || !slices.Contains(members[pl.alliance], a)
					}
				}
				for _, pl := range pledges[a] {
					if pl.from == b {
						continue
					}
					coff = coff || pl.appliesAgainst(atop.Offense, b)
					cneu = cneu || pl.appliesAgainst(atop.Neutrality, b)
					cdef = cdef || pl.owes.Has(atop.Defense)
				}
				py := peaceYears(a, b, yr)
				smp.cols = append(smp.cols,
					b2f(tdef), b2f(coff), b2f(cneu), b2f(cdef), b2f(allied[und(a, b)]),
					b2f(cont), math.Log1p(haversineKm(la, ga, lb, gb)), ca/(ca+cb),
					b2f(ma), b2f(mb), b2f(pa >= 6 && pb >= 6),
					py, py*py/100, py*py*py/1000, sim.s(i, j), b2f(tdefOut))
				smp.y = append(smp.y, initiated[[3]int{yr, a, b}])
				smp.year = append(smp.year, int16(yr))
				k := und(a, b)
				id, ok := dyadOf[k]
				if !ok {
					id = int32(len(dyadOf))
					dyadOf[k] = id
				}
				smp.dyad = append(smp.dyad, id)
			}
		}
	}
	return smp, nil
}

// Fit estimates the model opt.Spec with opt.Link (and target_defence coded
// as opt.OutsideOnly says) on the sample's dyad-years from opt.From to
// opt.To (inclusive, inside the sample's span; opt.Relevant must be the
// sample's), with standard errors clustered by undirected dyad. Sums run
// over the rows in order, so the figures are the same on every run.
func (s *DeterrenceSample) Fit(opt DeterrenceOptions) (*DeterrenceResult, error) {
	from, to, spec, link := opt.From, opt.To, opt.Spec, opt.Link
	if from > to || from < s.From || to > s.To {
		return nil, fmt.Errorf("reliability: deterrence fit %d-%d is outside the sample's %d-%d", from, to, s.From, s.To)
	}
	if opt.Relevant != s.Relevant {
		return nil, fmt.Errorf("reliability: deterrence fit with relevant=%v on a sample with relevant=%v", opt.Relevant, s.Relevant)
	}
	terms := spec.Terms()
	colOf := make([]int, len(terms))
	for j, t := range terms {
		if t == DeterrenceTerms[0] && opt.OutsideOnly {
			t = outsideColumn
		}
		colOf[j] = slices.Index(deterrenceColumns, t)
	}
	res := &DeterrenceResult{From: from, To: to, Relevant: s.Relevant, OutsideOnly: opt.OutsideOnly, Spec: spec.String(), Link: link.String(), Effect: map[string]number.Figure{}}
	for yr := from; yr <= to; yr++ {
		res.Dropped += s.dropped[yr]
	}
	lo, _ := slices.BinarySearch(s.year, int16(from))
	hi, _ := slices.BinarySearch(s.year, int16(to+1))
	p, width := len(terms), len(deterrenceColumns)
	flat := make([]float64, 0, (hi-lo)*p)
	y := s.y[lo:hi]
	cluster := make([]int, 0, hi-lo)
	clusterOf := map[int32]int{}
	for i := lo; i < hi; i++ {
		row := s.cols[i*width : (i+1)*width]
		for _, c := range colOf {
			flat = append(flat, row[c])
		}
		if y[i-lo] {
			res.Initiations++
		}
		id, ok := clusterOf[s.dyad[i]]
		if !ok {
			id = len(clusterOf)
			clusterOf[s.dyad[i]] = id
		}
		cluster = append(cluster, id)
	}
	res.N, res.Dyads = len(y), len(clusterOf)
	if res.N == 0 {
		return nil, errors.New("reliability: deterrence sample is empty")
	}
	X := make([][]float64, res.N)
	for i := range X {
		X[i] = flat[i*p : (i+1)*p : (i+1)*p]
	}
	fit, err := stats.FitBinary(X, y, link, stats.LogisticOptions{})
	if err != nil {
		return nil, fmt.Errorf("reliability: deterrence %v: %w", link, err)
	}
	res.LogLik = number.Figure(fit.LogLik)
	se, err := clusteredSE(fit, X, y, cluster, len(clusterOf))
	if err != nil {
		return nil, err
	}
	names := append([]string{"intercept"}, terms...)
	for j, b := range fit.Coef {
		res.Coefs = append(res.Coefs, Coef{Term: names[j], Estimate: number.Figure(b), SE: number.Figure(se[j]), Z: number.Figure(b / se[j])})
	}
	for j, term := range terms[:4] {
		var p0, p1 float64
		x := make([]float64, p)
		for _, row := range X {
			copy(x, row)
			x[j] = 0
			p0 += fit.Prob(x)
			x[j] = 1
			p1 += fit.Prob(x)
		}
		res.Effect[term] = number.Figure(p1/p0 - 1)
	}
	return res, nil
}

// namedAdversaries returns, for each of defence, offence and neutrality
// whose pledge is limited to named adversaries (defcoadv, offcoadv,
// neucoadv = 1), the named states (statthr1, statthr2). A limited pledge
// whose adversary is not a named state is treated as unlimited, as in
// Cases.
func namedAdversaries(r *atop.Member) map[atop.Obligation][]int {
	var named []int
	for _, v := range []atop.Var{atop.StatThr1, atop.StatThr2} {
		if s, ok := r.Provisions.Get(v); ok && s > 0 {
			named = append(named, s)
		}
	}
	if len(named) == 0 {
		return nil
	}
	var out map[atop.Obligation][]int
	for _, c := range []struct {
		o atop.Obligation
		v atop.Var
	}{{atop.Defense, atop.DefCoAdv}, {atop.Offense, atop.OffCoAdv}, {atop.Neutrality, atop.NeuCoAdv}} {
		if x, ok := r.Provisions.Get(c.v); ok && x == 1 {
			if out == nil {
				out = map[atop.Obligation][]int{}
			}
			out[c.o] = named
		}
	}
	return out
}

// clusteredSE returns the sandwich standard errors of a binary regression
// clustered by group, with Stata's small-sample factor G/(G-1):
// V = G/(G-1) · H⁻¹ (Σ_g s_g s_gᵀ) H⁻¹, H = Σ w_i x xᵀ, s_g = Σ_{i∈g} r_i x_i,
// with r_i and w_i the observation's score and observed information
// (stats.Link.Terms: y - p and p(1-p) for the logit).
func clusteredSE(fit *stats.Binary, X [][]float64, y []bool, cluster []int, G int) ([]float64, error) {
	k := len(fit.Coef)
	h := make([]float64, k*k)
	scores := make([]float64, G*k)
	x := make([]float64, k)
	x[0] = 1
	for i, row := range X {
		copy(x[1:], row)
		r, w := fit.Link.Terms(fit.Linear(row), y[i])
		s := scores[cluster[i]*k : (cluster[i]+1)*k]
		for a := range k {
			s[a] += r * x[a]
			wa := w * x[a]
			for b := a; b < k; b++ {
				h[a*k+b] += wa * x[b]
			}
		}
	}
	H := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			H.SetSym(a, b, h[a*k+b])
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(H) {
		return nil, errors.New("reliability: deterrence logit information matrix is singular")
	}
	var Hinv mat.SymDense
	if err := chol.InverseTo(&Hinv); err != nil {
		return nil, fmt.Errorf("reliability: deterrence logit: %w", err)
	}
	meat := mat.NewSymDense(k, nil)
	for g := range G {
		s := scores[g*k : (g+1)*k]
		for a := range k {
			for b := a; b < k; b++ {
				meat.SetSym(a, b, meat.At(a, b)+s[a]*s[b])
			}
		}
	}
	var tmp, V mat.Dense
	tmp.Mul(&Hinv, meat)
	V.Mul(&tmp, &Hinv)
	f := float64(G) / float64(G-1)
	se := make([]float64, k)
	for j := range k {
		se[j] = math.Sqrt(f * V.At(j, j))
	}
	return se, nil
}

// similarity holds one year's alliance portfolios for the S score.
type similarity struct {
	n     int
	py    *fpsim.PortfolioYear
	cache []float64 // n×n cache, NaN until computed
}

// newSimilarity builds the portfolios of the system members ss from the
// ties in force: state i's tie to k is the strongest obligation either
// undertook toward the other (symmetric, as the COW alliance data EUGene's
// S is computed from), on the ordinal scale fpsim.ATOPLevel (defence or
// offence 3, neutrality or non-aggression 2, consultation 1, none 0), each
// state tied to itself at 3. Ties with states outside ss are left out.
func newSimilarity(ss []int, ties []atopindex.Tie) (*similarity, error) {
	n := len(ss)
	index := make(map[int]int, n)
	for i, c := range ss {
		index[c] = i
	}
	levels := fpsim.NewLevelMatrix(n, fpsim.DefensePact)
	for _, t := range ties {
		i, okA := index[t.From]
		k, okB := index[t.To]
		if !okA || !okB {
			continue
		}
		o := t.Owes | t.OwedBy
		l := fpsim.ATOPLevel(o.Has(atop.Defense), o.Has(atop.Offense), o.Has(atop.Neutrality), o.Has(atop.NonAggression), o.Has(atop.Consultation))
		levels[i*n+k] = max(levels[i*n+k], l)
		levels[k*n+i] = max(levels[k*n+i], l)
	}
	py, err := fpsim.NewPortfolioYear(n, levels, nil, fpsim.DefensePact)
	if err != nil {
		return nil, err
	}
	cache := make([]float64, n*n)
	for i := range cache {
		cache[i] = math.NaN()
	}
	return &similarity{n: n, py: py, cache: cache}, nil
}

// s returns the S score (absolute distance) of states i and j.
func (m *similarity) s(i, j int) float64 {
	if i > j {
		i, j = j, i
	}
	v := m.cache[i*m.n+j]
	if math.IsNaN(v) {
		v = m.py.Dyad(i, j).SAbs
		m.cache[i*m.n+j] = v
	}
	return v
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// haversineKm is the great-circle distance in km between two points given
// in degrees, on a sphere of radius 6371 km.
func haversineKm(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlng := (lat2-lat1)*rad, (lng2-lng1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlng/2)*math.Sin(dlng/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
