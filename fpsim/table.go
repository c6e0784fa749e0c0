package fpsim

import "math"

// Table is the cross-tabulation of two ordinal vectors over the dimensions
// both have data for: Count[a][b] is the number of dimensions where the
// first state is at level a and the second at level b. Every measure of the
// package except the weighted S is a function of this table alone, which is
// what makes the all-dyads paths fast; it also lets a caller who already has
// such tables score them: EUGene writes the 4×4 portfolio table of a dyad as
// cells indexed by COW type 1 (defense) … 4 (no agreement), which is level
// 4 − type here.
type Table struct {
	Levels int                         // number of ordinal categories, 2..MaxLevels
	Count  [MaxLevels][MaxLevels]int64 // non-negative counts; cells past Levels must be 0
}

// Scores holds the measures that follow from one Table. A measure that is
// undefined for the table is NaN: all of them when N is 0, kappa and pi when
// the expected disagreement is 0 (both states at one and the same level on
// every dimension), tau-b when either state is at one level throughout.
type Scores struct {
	N int32 // dimensions (portfolio states, roll calls) compared

	SAbs float64 // Signorino–Ritter S, absolute distance
	SSq  float64 // Signorino–Ritter S, squared distance

	KappaAbs float64 // Cohen's kappa, absolute distance (Häge 2011)
	KappaSq  float64 // Cohen's kappa, squared distance (Häge 2011)
	PiAbs    float64 // Scott's pi, absolute distance (Häge 2011)
	PiSq     float64 // Scott's pi, squared distance (Häge 2011)

	TauB float64 // Kendall's tau-b (Bueno de Mesquita 1975)
}

// nanScores is the result for a dyad with nothing to compare.
func nanScores(n int64) Scores {
	nan := math.NaN()
	return Scores{N: int32(n), SAbs: nan, SSq: nan, KappaAbs: nan, KappaSq: nan, PiAbs: nan, PiSq: nan, TauB: nan}
}

// Scores computes every table measure. If Levels is outside 2..MaxLevels
// every measure is NaN. Counts are summed in int64, exact for up to about
// 10^8 dimensions.
func (t *Table) Scores() Scores {
	if t.Levels < 2 || t.Levels > MaxLevels {
		return nanScores(0)
	}
	return t.scores()
}

// add counts one dimension; a and b must be valid levels.
func (t *Table) add(a, b int8) { t.Count[a][b]++ }

// dist returns |a-b| and (a-b)², the two distance metrics.
func dist(a, b int) (abs, sq int64) {
	d := int64(a - b)
	if d < 0 {
		d = -d
	}
	return d, d * d
}

// scores is Scores without the Levels check, for the hot paths.
func (t *Table) scores() Scores {
	L := t.Levels
	var n, dAbs, dSq int64
	var row, col [MaxLevels]int64
	for a := range L {
		for b := range L {
			// Portfolio tables are mostly empty cells (few states are at
			// levels 1-3 for either side), so skipping them pays.
			c := t.Count[a][b]
			if c == 0 {
				continue
			}
			n += c
			row[a] += c
			col[b] += c
			da, ds := dist(a, b)
			dAbs += c * da
			dSq += c * ds
		}
	}
	if n == 0 {
		return nanScores(0)
	}
	delta := int64(L - 1)
	s := Scores{N: int32(n)}
	// S = 1 - 2d/dmax with dmax = N·Δmax (Δmax² for the squared metric).
	s.SAbs = 1 - 2*float64(dAbs)/float64(n*delta)
	s.SSq = 1 - 2*float64(dSq)/float64(n*delta*delta)

	// Expected disagreement. With proportions p = count/N,
	// D_o = d/N, kappa's D_e = Σ R_a C_b δ_ab / N², and pi's
	// D_e = Σ m_a m_b δ_ab / (2N)² with pooled m = R + C; the ratio D_o/D_e
	// is then N·d/ΣRCδ (kappa) and 4N·d/Σmmδ (pi), all in integers. The
	// sums are symmetric in (a, b) for pi, so it takes the pairs a < b
	// twice; kappa's are not, as R and C differ.
	var eAbs, eSq, pAbs, pSq int64
	for a := range L {
		ma := row[a] + col[a]
		for b := a + 1; b < L; b++ {
			da, ds := dist(a, b)
			rc := row[a]*col[b] + row[b]*col[a]
			mm := 2 * ma * (row[b] + col[b])
			eAbs += rc * da
			eSq += rc * ds
			pAbs += mm * da
			pSq += mm * ds
		}
	}
	s.KappaAbs = chanceCorrected(n*dAbs, eAbs)
	s.KappaSq = chanceCorrected(n*dSq, eSq)
	s.PiAbs = chanceCorrected(4*n*dAbs, pAbs)
	s.PiSq = chanceCorrected(4*n*dSq, pSq)
	s.TauB = t.tauB(n, &row, &col)
	return s
}

// chanceCorrected returns 1 - observed/expected (both scaled alike), NaN
// when no disagreement is expected: then the index is 0/0.
func chanceCorrected(observed, expected int64) float64 {
	if expected == 0 {
		return math.NaN()
	}
	return 1 - float64(observed)/float64(expected)
}

// tauB computes Kendall's tau-b = (C-D)/sqrt((n0-n1)(n0-n2)) from the
// table. A pair of dimensions in cells (a,b) and (a',b') with a < a' is
// concordant if b < b' and discordant if b > b'; pairs within a row or a
// column are the ties n1 and n2. Row by row from the bottom, below[b] holds
// the counts of the rows already passed (a' > a) in column b, so each cell
// meets every later pair in O(L) rather than O(L²).
func (t *Table) tauB(n int64, row, col *[MaxLevels]int64) float64 {
	L := t.Levels
	var conc, disc int64
	var below [MaxLevels]int64
	for a := L - 1; a >= 0; a-- {
		var total int64
		for b := range L {
			total += below[b]
		}
		var left int64 // Σ below[b'] for b' < b
		for b := range L {
			c := t.Count[a][b]
			right := total - left - below[b]
			conc += c * right
			disc += c * left
			left += below[b]
		}
		for b := range L {
			below[b] += t.Count[a][b]
		}
	}
	n0 := n * (n - 1) / 2
	var n1, n2 int64
	for a := range L {
		n1 += row[a] * (row[a] - 1) / 2
		n2 += col[a] * (col[a] - 1) / 2
	}
	den := float64(n0-n1) * float64(n0-n2)
	if den == 0 {
		return math.NaN()
	}
	return float64(conc-disc) / math.Sqrt(den)
}
