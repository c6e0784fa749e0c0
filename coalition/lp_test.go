package coalition

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// checkOptimal verifies an LP solution by duality: x ≥ 0 with Ax = b, the
// reduced costs c - Aᵀy ≥ 0, and cᵀx = yᵀb (together they prove
// optimality).
func checkOptimal(t *rapid.T, a [][]float64, b, c []float64, sol *lpSolution) {
	const tol = 1e-7
	for j, x := range sol.x {
		if x < -tol {
			t.Fatalf("x[%d] = %v < 0", j, x)
		}
	}
	for r, row := range a {
		ax := 0.0
		for j, v := range row {
			ax += v * sol.x[j]
		}
		if math.Abs(ax-b[r]) > tol {
			t.Fatalf("row %d: Ax = %v, b = %v", r, ax, b[r])
		}
	}
	cx, yb := 0.0, 0.0
	for j := range c {
		cx += c[j] * sol.x[j]
		red := c[j]
		for r := range a {
			red -= a[r][j] * sol.y[r]
		}
		if red < -tol {
			t.Fatalf("reduced cost of column %d is %v", j, red)
		}
	}
	for r := range b {
		yb += sol.y[r] * b[r]
	}
	if math.Abs(cx-yb) > tol || math.Abs(cx-sol.obj) > tol {
		t.Fatalf("cᵀx = %v, yᵀb = %v, reported %v", cx, yb, sol.obj)
	}
}

// TestSolveLP solves random degenerate LPs (small integers, many ties) that
// are feasible and bounded by construction: b = A·x0 for some x0 ≥ 0, and
// c ≥ 0 bounds the objective below by 0.
func TestSolveLP(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.IntRange(1, 6).Draw(t, "m")
		k := rapid.IntRange(m, 14).Draw(t, "k")
		a := make([][]float64, m)
		for r := range a {
			a[r] = make([]float64, k)
			for j := range a[r] {
				a[r][j] = float64(rapid.IntRange(-2, 2).Draw(t, "a"))
			}
		}
		x0 := make([]float64, k)
		for j := range x0 {
			x0[j] = float64(rapid.IntRange(0, 2).Draw(t, "x0"))
		}
		b := make([]float64, m)
		for r := range a {
			for j := range x0 {
				b[r] += a[r][j] * x0[j]
			}
		}
		c := make([]float64, k)
		for j := range c {
			c[j] = float64(rapid.IntRange(0, 3).Draw(t, "c"))
		}
		sol, err := solveLP(a, b, c, 1e-11)
		if err != nil {
			t.Fatal(err)
		}
		checkOptimal(t, a, b, c, sol)
	})
}

// TestSolveLPBeale is Beale's (1955) example, on which Dantzig's rule with
// lowest-index ties cycles: max 3/4 x1 - 20 x2 + 1/2 x3 - 6 x4 subject to
// 1/4 x1 - 8 x2 - x3 + 9 x4 ≤ 0, 1/2 x1 - 12 x2 - 1/2 x3 + 3 x4 ≤ 0,
// x3 ≤ 1, whose optimum is 5/4 at x1 = x3 = 1.
func TestSolveLPBeale(t *testing.T) {
	a := [][]float64{
		{0.25, -8, -1, 9, 1, 0, 0},
		{0.5, -12, -0.5, 3, 0, 1, 0},
		{0, 0, 1, 0, 0, 0, 1},
	}
	b := []float64{0, 0, 1}
	c := []float64{-0.75, 20, -0.5, 6, 0, 0, 0}
	sol, err := solveLP(a, b, c, 1e-12)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sol.obj+1.25) > 1e-12 {
		t.Errorf("optimum %v, want -5/4", sol.obj)
	}
}

// TestNucleolusDegenerate is a 12-player game whose nucleolus stage LPs
// made gonum's lp.Simplex cycle.
func TestNucleolusDegenerate(t *testing.T) {
	g := mustGame(NewTable(12, NDCSValues(12, 3)))
	x, err := Nucleolus(g)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sum(x)-g.Value(g.Grand())) > 1e-9 {
		t.Errorf("nucleolus %v not efficient", x)
	}
}
