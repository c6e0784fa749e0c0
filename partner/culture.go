package partner

import (
	"math"

	"github.com/entente/entente"
)

// CultureDims names Hofstede's six dimensions in the order dims reads them.
var CultureDims = [6]string{"power_distance", "individualism", "masculinity",
	"uncertainty_avoidance", "long_term_orientation", "indulgence"}

// dims returns the six dimensions of c in CultureDims order, NaN where a
// score is unknown (or c is nil).
func dims(c *entente.Culture) [6]float64 {
	out := [6]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}
	if c == nil {
		return out
	}
	for i, p := range []*float64{c.PowerDistance, c.Individualism, c.Masculinity,
		c.UncertaintyAvoidance, c.LongTermOrientation, c.Indulgence} {
		if p != nil {
			out[i] = *p
		}
	}
	return out
}

// fromDims turns six values back into a Culture, NaN becoming unknown (nil).
// It returns nil when every value is unknown.
func fromDims(v [6]float64) *entente.Culture {
	var p [6]*float64
	some := false
	for i, x := range v {
		if !math.IsNaN(x) {
			x := x
			p[i], some = &x, true
		}
	}
	if !some {
		return nil
	}
	return &entente.Culture{PowerDistance: p[0], Individualism: p[1], Masculinity: p[2],
		UncertaintyAvoidance: p[3], LongTermOrientation: p[4], Indulgence: p[5]}
}

// CultureVariance returns, for each Hofstede dimension, the sample variance
// of the scores the pool holds on it (divisor n − 1):
//
//	V_i = Σ_j (I_ij − Ī_i)² / (n_i − 1)
//
// over the n_i members of the pool with a score on dimension i. A dimension
// with fewer than two scores is unknown (nil) in the result. This is the
// V_i of the Kogut–Singh index when no reference variance is given.
func CultureVariance(pool []*entente.Culture) *entente.Culture {
	var v [6]float64
	for i := range v {
		var xs []float64
		for _, c := range pool {
			if x := dims(c)[i]; !math.IsNaN(x) {
				xs = append(xs, x)
			}
		}
		v[i] = sampleVariance(xs)
	}
	return fromDims(v)
}

// sampleVariance is Σ(x − x̄)²/(n − 1), NaN for fewer than two values.
func sampleVariance(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return ss / float64(len(xs)-1)
}

// KogutSingh returns the cultural distance between an actor u and a
// candidate j by Kogut and Singh's (1988) index over Hofstede's dimensions,
//
//	KS_j = (1/d) · Σ_i (I_ij − I_iu)² / V_i
//
// where i runs over the d dimensions on which both have a score and the
// variance V_i is known and above zero. It returns the index and d; when d
// is 0 the distance is unknown and KS is NaN, never 0.
func KogutSingh(u, j, variance *entente.Culture) (ks float64, d int) {
	a, b, v := dims(u), dims(j), dims(variance)
	sum := 0.0
	for i := range a {
		if math.IsNaN(a[i]) || math.IsNaN(b[i]) || !(v[i] > 0) {
			continue
		}
		diff := b[i] - a[i]
		sum += diff * diff / v[i]
		d++
	}
	if d == 0 {
		return math.NaN(), 0
	}
	return sum / float64(d), d
}

// meanCulture returns, per dimension, the mean score of the cultures that
// have one; nil when none has any.
func meanCulture(cs []*entente.Culture) *entente.Culture {
	var out [6]float64
	for i := range out {
		sum, n := 0.0, 0
		for _, c := range cs {
			if x := dims(c)[i]; !math.IsNaN(x) {
				sum += x
				n++
			}
		}
		out[i] = math.NaN()
		if n > 0 {
			out[i] = sum / float64(n)
		}
	}
	return fromDims(out)
}
