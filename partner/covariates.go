package partner

import (
	"math"
	"math/bits"

	"github.com/entente/entente/dataset/hofstede"
	"github.com/entente/entente/dataset/peacesciencer"
)

// Covariates are the dyadic covariates of the validation's extended model,
// as the shared data folder has them (package histdata reads them): the
// strategic rivalries of Thompson, Sakuwa and Suhas (2021), COW Direct
// Contiguity 3.2, the capitals of COW states, V-Dem's electoral democracy
// index, COW IGO 3.0's shared memberships and Hofstede's six dimensions.
type Covariates struct {
	Rivalries  []peacesciencer.TSSRivalry
	Contiguity []peacesciencer.Contiguity
	Capitals   []peacesciencer.Capital
	Democracy  []peacesciencer.Democracy
	IGOs       []peacesciencer.IGODyad
	Culture    []hofstede.Scores
}

// covIndex is Covariates indexed by the world's dense state index.
type covIndex struct {
	n         int
	rivalries []spanPair
	contig    []spanPair // value: the COW contiguity type 1-5
	capitals  map[int][]peacesciencer.Capital
	polyarchy map[int][]float64         // year → per dense state, NaN unknown
	igos      map[int]map[int32]float64 // year → a*n+b (a < b) → shared IGOs
	culture   [][6]float64              // per dense state, NaN unknown
	variance  [6]float64                // sample variance of each dimension over the COW states scored
}

type spanPair struct{ a, b, from, to, value int }

func newCovIndex(w *world, c *Covariates, from, to int) *covIndex {
	x := &covIndex{n: w.n, capitals: map[int][]peacesciencer.Capital{}, polyarchy: map[int][]float64{},
		igos: map[int]map[int32]float64{}, culture: make([][6]float64, w.n)}
	dense := func(code int) (int, bool) { i, ok := w.index[code]; return i, ok }
	for _, r := range c.Rivalries {
		a, okA := dense(r.CCode1)
		b, okB := dense(r.CCode2)
		if okA && okB && r.End >= from && r.Start <= to {
			x.rivalries = append(x.rivalries, spanPair{a, b, r.Start, r.End, 1})
		}
	}
	for _, r := range c.Contiguity {
		a, okA := dense(r.CCode1)
		b, okB := dense(r.CCode2)
		if okA && okB && r.Type >= 1 && r.Type <= 5 && r.End.Year >= from && r.Start.Year <= to {
			x.contig = append(x.contig, spanPair{a, b, r.Start.Year, r.End.Year, r.Type})
		}
	}
	for _, cp := range c.Capitals {
		if i, ok := dense(cp.CCode); ok {
			x.capitals[i] = append(x.capitals[i], cp)
		}
	}
	for _, d := range c.Democracy {
		i, ok := dense(d.CCode)
		if !ok || d.Year < from || d.Year > to {
			continue
		}
		if x.polyarchy[d.Year] == nil {
			x.polyarchy[d.Year] = nanSlice(w.n)
		}
		x.polyarchy[d.Year][i] = d.Polyarchy
	}
	for _, r := range c.IGOs {
		a, okA := dense(r.CCode1)
		b, okB := dense(r.CCode2)
		if !okA || !okB || r.Year < from || r.Year > to {
			continue
		}
		if x.igos[r.Year] == nil {
			x.igos[r.Year] = map[int32]float64{}
		}
		x.igos[r.Year][int32(min(a, b)*w.n+max(a, b))] = float64(r.IGOs)
	}
	for i := range x.culture {
		x.culture[i] = [6]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}
	}
	var pool [6][]float64
	for _, s := range c.Culture {
		code, ok := hofstede.COW(s.Code)
		if !ok {
			continue
		}
		for k, v := range s.Dimensions() {
			if !math.IsNaN(v) {
				pool[k] = append(pool[k], v)
			}
		}
		if i, ok := dense(code); ok {
			x.culture[i] = s.Dimensions()
		}
	}
	for k := range pool {
		x.variance[k] = sampleVariance(pool[k])
	}
	return x
}

// capitalAt returns the coordinates (radians) of state i's capital at the
// end of year y: the one in force on 31 December, else the last one whose
// spell touched the year (package panel's reading).
func (x *covIndex) capitalAt(i, y int) (lat, lng float64, ok bool) {
	end := y*10000 + 1231
	key := func(d int, m, dd int) int { return d*10000 + m*100 + dd }
	for _, cp := range x.capitals[i] {
		if cp.Start.Year > y || cp.End.Year < y {
			continue
		}
		lat, lng, ok = cp.Lat*math.Pi/180, cp.Lng*math.Pi/180, true
		if key(cp.Start.Year, cp.Start.Month, cp.Start.Day) <= end && key(cp.End.Year, cp.End.Month, cp.End.Day) >= end {
			return lat, lng, true
		}
	}
	return lat, lng, ok
}

// haversine is the great-circle distance in km between two points given
// in radians, on a sphere of radius 6371 km.
func haversine(lat1, lng1, lat2, lng2 float64) float64 {
	dlat, dlng := lat2-lat1, lng2-lng1
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dlng/2)*math.Sin(dlng/2)
	return 2 * 6371 * math.Asin(math.Min(1, math.Sqrt(h)))
}

// covNames are the extended model's added raw features, in order; see
// covYear.features.
var covNames = []string{"log(1 + shared rivals)", "rivals of each other", "land contiguity", "sea contiguity (≤400 mi)",
	"log(1 + capital distance, km)", "regime similarity (V-Dem)", "log(1 + shared IGOs)", "Kogut-Singh cultural distance"}

// The added indicators: each is 1 when its column (an index into covNames)
// is unknown.
var covIndicators = []struct {
	name string
	col  int
}{{"capital distance unknown", 4}, {"regime unknown", 5}, {"IGOs unknown", 6}, {"culture unknown", 7}}

// covYear is one year's covariates over the year's local states.
type covYear struct {
	words   int
	rivals  []uint64 // m × words bitset: local j is a rival of local i
	contig  []int8   // per local pair: closest contiguity type, 0 none
	lat     []float64
	lng     []float64
	capOK   []bool
	poly    []float64
	igos    []float64 // per local pair, NaN unknown
	culture [][6]float64
	ks      *[6]float64
}

func (x *covIndex) year(d *yearData) *covYear {
	t, m := d.year, len(d.states)
	local := make(map[int]int, m)
	for i, s := range d.states {
		local[s] = i
	}
	cy := &covYear{words: (m + 63) / 64, contig: make([]int8, m*(m-1)/2), lat: make([]float64, m), lng: make([]float64, m),
		capOK: make([]bool, m), poly: nanSlice(m), igos: nanSlice(m * (m - 1) / 2), culture: make([][6]float64, m), ks: &x.variance}
	cy.rivals = make([]uint64, m*cy.words)
	for _, r := range x.rivalries {
		i, okI := local[r.a]
		j, okJ := local[r.b]
		if okI && okJ && i != j && r.from <= t && r.to >= t {
			cy.rivals[i*cy.words+j/64] |= 1 << (j % 64)
			cy.rivals[j*cy.words+i/64] |= 1 << (i % 64)
		}
	}
	for _, r := range x.contig {
		i, okI := local[r.a]
		j, okJ := local[r.b]
		if okI && okJ && i != j && r.from <= t && r.to >= t {
			p := d.pairIndex(i, j)
			if cy.contig[p] == 0 || int8(r.value) < cy.contig[p] {
				cy.contig[p] = int8(r.value)
			}
		}
	}
	poly := x.polyarchy[t]
	igos := x.igos[t]
	for i, s := range d.states {
		cy.lat[i], cy.lng[i], cy.capOK[i] = x.capitalAt(s, t)
		if poly != nil {
			cy.poly[i] = poly[s]
		}
		cy.culture[i] = x.culture[s]
	}
	for i, a := range d.states {
		for j := i + 1; j < m; j++ {
			if v, ok := igos[int32(a*x.n+d.states[j])]; ok {
				cy.igos[d.pairIndex(i, j)] = v
			}
		}
	}
	return cy
}

// features writes the added raw features of the pair (i, j), pair index
// p, NaN where unknown: log(1 + the number of states rival to both at t),
// 1 if the two are rivals, land contiguity (type 1), contiguity across at
// most 400 miles of water (types 2-5), the log of the great-circle
// distance between the capitals at the end of t, 1 − |polyarchy_i −
// polyarchy_j| at t, log(1 + IGOs both belong to at t), and the
// Kogut-Singh distance over the Hofstede dimensions both have.
func (cy *covYear) features(i, j, p int, out []float64) {
	ri, rj := cy.rivals[i*cy.words:(i+1)*cy.words], cy.rivals[j*cy.words:(j+1)*cy.words]
	shared := 0
	for k := range ri {
		shared += bits.OnesCount64(ri[k] & rj[k])
	}
	out[0] = math.Log1p(float64(shared))
	out[1] = indicator(ri[j/64]&(1<<(j%64)) != 0)
	out[2] = indicator(cy.contig[p] == 1)
	out[3] = indicator(cy.contig[p] >= 2)
	out[4] = math.NaN()
	if cy.capOK[i] && cy.capOK[j] {
		out[4] = math.Log(1 + haversine(cy.lat[i], cy.lng[i], cy.lat[j], cy.lng[j]))
	}
	out[5] = 1 - math.Abs(cy.poly[i]-cy.poly[j]) // NaN when either is unknown
	out[6] = math.Log1p(cy.igos[p])
	out[7] = kogutSingh(cy.culture[i], cy.culture[j], cy.ks)
}

// kogutSingh is the Kogut-Singh index over the dimensions both have and
// whose variance is positive (KogutSingh's formula on raw arrays), NaN
// with none.
func kogutSingh(a, b [6]float64, v *[6]float64) float64 {
	sum, d := 0.0, 0
	for k := range a {
		if math.IsNaN(a[k]) || math.IsNaN(b[k]) || !(v[k] > 0) {
			continue
		}
		diff := b[k] - a[k]
		sum += diff * diff / v[k]
		d++
	}
	if d == 0 {
		return math.NaN()
	}
	return sum / float64(d)
}
