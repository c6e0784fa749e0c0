package burden

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/entente/entente"
	"gonum.org/v1/gonum/stat/distuv"
)

// ExactMaxN is the largest sample for which Spearman also computes the
// exact permutation p-value (10! = 3,628,800 orderings) and reports it.
const ExactMaxN = 10

// Method names how a reported p-value was found.
type Method string

// The methods.
const (
	// MethodExact: the share of all n! pairings of the ranks whose |ρ| is
	// at least the observed |ρ|.
	MethodExact Method = "exact_permutation"
	// MethodT: Student's t with n − 2 degrees of freedom.
	MethodT Method = "t_approximation"
)

// Correlation is Spearman's rank correlation with its two-sided p-values.
type Correlation struct {
	// N is the number of pairs used (pairs with a NaN or infinite value
	// are dropped).
	N int `json:"n"`
	// Rho is Spearman's ρ, the Pearson correlation of the average ranks;
	// NaN for fewer than two pairs or when either side is constant.
	Rho float64 `json:"rho"`
	// T is ρ·sqrt((n−2)/(1−ρ²)), with DF = n − 2 degrees of freedom.
	T  float64 `json:"t"`
	DF int     `json:"df"`
	// PT is the two-sided p-value from Student's t; NaN for n < 3.
	PT float64 `json:"p_t"`
	// PExact is the two-sided exact permutation p-value for n ≤
	// ExactMaxN, NaN above.
	PExact float64 `json:"p_exact"`
	// P is the reported p-value: PExact when n ≤ ExactMaxN, else PT.
	P      float64 `json:"p"`
	Method Method  `json:"method"`
}

// Spearman returns the rank correlation of x and y (same length), ties
// given their average rank, with its two-sided p-values. Pairs in which
// either value is NaN or infinite are dropped first.
func Spearman(x, y []float64) Correlation {
	xs, ys := finitePairs(x, y)
	n := len(xs)
	c := Correlation{N: n, Rho: math.NaN(), T: math.NaN(), DF: max(n-2, 0), PT: math.NaN(), PExact: math.NaN(), P: math.NaN()}
	if n < 2 {
		return c
	}
	rx, ry := ranks(xs), ranks(ys)
	c.Rho = pearson(rx, ry)
	if math.IsNaN(c.Rho) {
		return c
	}
	if n >= 3 {
		c.T, c.PT = tTest(c.Rho, n)
	}
	c.P, c.Method = c.PT, MethodT
	if n <= ExactMaxN {
		c.PExact = exactP(rx, ry)
		c.P, c.Method = c.PExact, MethodExact
	}
	return c
}

// finitePairs returns the pairs of x and y in which both are finite.
func finitePairs(x, y []float64) ([]float64, []float64) {
	n := min(len(x), len(y))
	xs, ys := make([]float64, 0, n), make([]float64, 0, n)
	for i := range n {
		if finite(x[i]) && finite(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	return xs, ys
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// ranks returns the ranks of v, 1 for the smallest, tied values sharing
// the average of the ranks they span.
func ranks(v []float64) []float64 {
	order := make([]int, len(v))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
	r := make([]float64, len(v))
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && v[order[j+1]] == v[order[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1 // ranks i+1 … j+1
		for k := i; k <= j; k++ {
			r[order[k]] = avg
		}
		i = j + 1
	}
	return r
}

// pearson returns the Pearson correlation of a and b, NaN when either is
// constant.
func pearson(a, b []float64) float64 {
	ma, mb := mean(a), mean(b)
	var sab, saa, sbb float64
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	if saa == 0 || sbb == 0 {
		return math.NaN()
	}
	return max(-1, min(1, sab/math.Sqrt(saa*sbb)))
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// tTest returns t = ρ·sqrt((n−2)/(1−ρ²)) and its two-sided p-value under
// Student's t with n − 2 degrees of freedom.
func tTest(rho float64, n int) (t, p float64) {
	if math.Abs(rho) == 1 {
		return math.Copysign(math.Inf(1), rho), 0
	}
	df := float64(n - 2)
	t = rho * math.Sqrt(df/(1-rho*rho))
	dist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	return t, min(1, 2*dist.Survival(math.Abs(t)))
}

// exactP returns the two-sided permutation p-value of the correlation of
// the ranks rx and ry: the share of the n! pairings of rx with an ordering
// of ry whose |Σ (rx−m)(ry−m)| reaches the observed one. Under the null
// hypothesis of no association every pairing is equally likely, and with
// the ranks' sums of squares fixed, |ρ| grows with that sum alone.
//
// Average ranks and their mean m = (n+1)/2 are multiples of ½, so twice
// each deviation is an integer and the sum, times four, is an exact
// integer. The count runs over subsets of ry (a dynamic programme over
// which ranks of ry are used, filling rx's positions in order), 2ⁿ states
// instead of n! orderings.
func exactP(rx, ry []float64) float64 {
	n := len(rx)
	m := (float64(n) + 1) / 2
	ax, ay := make([]int, n), make([]int, n)
	observed, bound := 0, 0
	for i := range n {
		ax[i], ay[i] = int(math.Round(2*(rx[i]-m))), int(math.Round(2*(ry[i]-m)))
		observed += ax[i] * ay[i]
	}
	for i := range n {
		largest := 0
		for k := range n {
			largest = max(largest, abs(ax[i]*ay[k]))
		}
		bound += largest
	}
	counts := pairingSums(ax, ay, bound)
	var hits, total int64
	for s, c := range counts {
		total += c
		if abs(s-bound) >= abs(observed) {
			hits += c
		}
	}
	return float64(hits) / float64(total)
}

// pairingSums counts, over every ordering π of ay, the sums Σ ax[i]·ay[π(i)]:
// counts[s+bound] is how many orderings give s.
func pairingSums(ax, ay []int, bound int) []int64 {
	n, width := len(ax), 2*bound+1
	dp := make([][]int64, 1<<n)
	dp[0] = make([]int64, width)
	dp[0][bound] = 1
	for mask := range dp {
		if dp[mask] == nil {
			continue
		}
		pos := bits.OnesCount(uint(mask)) // the next position of ax to fill
		if pos == n {
			return dp[mask]
		}
		for k := range n {
			if mask&(1<<k) != 0 {
				continue
			}
			next := mask | 1<<k
			if dp[next] == nil {
				dp[next] = make([]int64, width)
			}
			step := ax[pos] * ay[k]
			for s, c := range dp[mask] {
				if c != 0 {
					dp[next][s+step] += c
				}
			}
		}
		dp[mask] = nil // every successor has been reached: free the row
	}
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// OZTest is the Olson–Zeckhauser test for one year: the rank correlation
// between members' size and their burden. Olson and Zeckhauser (1966)
// predict a positive correlation: the large carry a disproportionate share.
type OZTest struct {
	Correlation
	// Members are the members in the test, sorted, with their Size (GDP)
	// and Burden (spending / GDP) in the same order.
	Members []entente.ActorID `json:"members"`
	Size    []float64         `json:"size"`
	Burden  []float64         `json:"burden"`
	// Dropped are the members left out: GDP or spending missing, NaN,
	// infinite or negative, or GDP zero.
	Dropped []entente.ActorID `json:"dropped,omitempty"`
}

// OlsonZeckhauser tests one year's values: gdp and spending (military
// spending, or any contribution to the common good) per member. Burden is
// spending / gdp; the test is Spearman's ρ between gdp and burden (see
// Spearman for the p-values). The caller loops over years.
func OlsonZeckhauser(gdp, spending map[entente.ActorID]float64) OZTest {
	ids := unionKeys(gdp, spending)
	var oz OZTest
	for _, id := range ids {
		g, gok := gdp[id]
		s, sok := spending[id]
		if !gok || !sok || !validAmount(g) || !validAmount(s) || g == 0 {
			oz.Dropped = append(oz.Dropped, id)
			continue
		}
		oz.Members = append(oz.Members, id)
		oz.Size = append(oz.Size, g)
		oz.Burden = append(oz.Burden, s/g)
	}
	oz.Correlation = Spearman(oz.Size, oz.Burden)
	return oz
}

// unionKeys returns the keys of a and b, sorted.
func unionKeys(a, b map[entente.ActorID]float64) []entente.ActorID {
	var ids []entente.ActorID
	for id := range a {
		ids = append(ids, id)
	}
	for id := range b {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
