package stats

import (
	"math"
	"slices"
)

// Interval is a two-sided confidence interval.
type Interval struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// Z975 is the 97.5% quantile of the standard normal distribution.
const Z975 = 1.959963984540054

// Mean is the arithmetic mean; NaN for no values.
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Covariance is the sample covariance (n − 1 denominator); NaN for fewer
// than two values.
func Covariance(x, y []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	mx, my := Mean(x), Mean(y)
	var s float64
	for i := range x {
		s += (x[i] - mx) * (y[i] - my)
	}
	return s / float64(len(x)-1)
}

// SD is the sample standard deviation (n − 1 denominator); NaN for fewer
// than two values.
func SD(xs []float64) float64 { return math.Sqrt(Covariance(xs, xs)) }

// Quantile is the q-quantile of sorted by linear interpolation between
// order statistics (Hyndman and Fan's type 7, R's default); NaN for none.
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(sorted)-1)
	return sorted[lo] + (h-float64(lo))*(sorted[hi]-sorted[lo])
}

// Percentile95 is the percentile bootstrap interval of xs: its 2.5% and
// 97.5% quantiles, NaN values left out; NaN, NaN for none.
func Percentile95(xs []float64) Interval {
	v := slices.DeleteFunc(slices.Clone(xs), math.IsNaN)
	if len(v) == 0 {
		return Interval{math.NaN(), math.NaN()}
	}
	slices.Sort(v)
	return Interval{Quantile(v, 0.025), Quantile(v, 0.975)}
}
