package partner_test

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/entente/entente/partner"
	"github.com/entente/entente/trust"
)

// trustNoFading is trust's options with evidence that never fades.
func trustNoFading() trust.Options { return trust.Options{HalfLife: -1} }

func TestAUCHandExample(t *testing.T) {
	scores := []float64{0.9, 0.8, 0.8, 0.3, 0.1}
	labels := []bool{true, false, true, false, false}
	// Positives 0.9 and 0.8; negatives 0.8, 0.3, 0.1: six pairs.
	//   0.9 beats all three negatives:           3
	//   0.8 ties the 0.8 (½), beats 0.3 and 0.1:  2.5
	// AUC = 5.5 / 6.
	checkNear(t, "AUC", partner.AUC(scores, labels), 5.5/6)
	// All tied: ½. Reversed: 0.5/6.
	checkNear(t, "all tied", partner.AUC([]float64{1, 1, 1}, []bool{true, false, false}), 0.5)
	checkNear(t, "reversed", partner.AUC([]float64{0.1, 0.2, 0.2, 0.7, 0.9}, labels), 0.5/6)
	// NaN ranks lowest: a NaN negative is beaten by every positive.
	checkNear(t, "NaN", partner.AUC([]float64{0.1, math.NaN()}, []bool{true, false}), 1)
	for _, l := range [][]bool{{true, true}, {false, false}} {
		if a := partner.AUC([]float64{1, 2}, l); !math.IsNaN(a) {
			t.Errorf("AUC with one class = %v, want NaN", a)
		}
	}
}

func TestPrecisionAtK(t *testing.T) {
	scores := []float64{5, 4, 4, 4, 1}
	labels := []bool{false, true, false, false, true}
	// Top 2: the 5 (a negative), then one place among three tied 4s with
	// one positive: 1/3 expected. (0 + 1/3)/2 = 1/6.
	checkNear(t, "P@2", partner.PrecisionAtK(scores, labels, 2), 1.0/6)
	checkNear(t, "P@1", partner.PrecisionAtK(scores, labels, 1), 0)
	// The whole tie group: 1 of 4.
	checkNear(t, "P@4", partner.PrecisionAtK(scores, labels, 4), 0.25)
	// More places than items: two positives among five.
	checkNear(t, "P@10", partner.PrecisionAtK(scores, labels, 10), 0.4)
	if p := partner.PrecisionAtK(nil, nil, 10); !math.IsNaN(p) {
		t.Errorf("no items: %v", p)
	}
}

// A tie group straddling the cut counts its expected share: the mean over
// every order of the ties. Checked against enumeration of the orders of a
// group of three with one positive.
func TestPrecisionAtKAveragesTieOrders(t *testing.T) {
	// Orders of (P, N, N): the positive is first in 1 of 3, in the first two
	// in 2 of 3. P@1 = 1/3, P@2 = (2/3)/2 = 1/3.
	checkNear(t, "P@1", partner.PrecisionAtK([]float64{1, 1, 1}, []bool{true, false, false}, 1), 1.0/3)
	checkNear(t, "P@2", partner.PrecisionAtK([]float64{1, 1, 1}, []bool{true, false, false}, 2), 1.0/3)
}

// The AUC equals the fraction of correctly ordered positive–negative pairs
// counted directly, ties one half.
func TestAUCMatchesPairCount(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 40).Draw(t, "n")
		scores := make([]float64, n)
		labels := make([]bool, n)
		for i := range scores {
			scores[i] = float64(rapid.IntRange(0, 5).Draw(t, "score"))
			labels[i] = rapid.Bool().Draw(t, "label")
		}
		var num, pairs float64
		for i := range scores {
			for j := range scores {
				if labels[i] && !labels[j] {
					pairs++
					switch {
					case scores[i] > scores[j]:
						num++
					case scores[i] == scores[j]:
						num += 0.5
					}
				}
			}
		}
		got := partner.AUC(scores, labels)
		if pairs == 0 {
			if !math.IsNaN(got) {
				t.Fatalf("AUC %v with one class", got)
			}
			return
		}
		if math.Abs(got-num/pairs) > 1e-12 {
			t.Fatalf("AUC %v, pair count %v", got, num/pairs)
		}
	})
}
