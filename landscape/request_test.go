package landscape

import (
	"strings"
	"testing"

	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

func TestRequestValidate(t *testing.T) {
	files := func(edit func(*Request)) error {
		r := NewRequest()
		r.Sizes, r.Propensities = "s.csv", "p.csv"
		edit(&r)
		return r.Validate()
	}
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"files", files(func(*Request) {}), ""},
		{"europe", files(func(r *Request) { r.Sizes, r.Propensities, r.Europe1936 = "", "", true }), ""},
		{"europe and files", files(func(r *Request) { r.Europe1936 = true }), "europe-1936"},
		{"sizes alone", files(func(r *Request) { r.Propensities = "" }), "sizes"},
		{"unknown basis", files(func(r *Request) { r.Basis = "culture" }), "basis"},
		{"unknown method", files(func(r *Request) { r.Method = "anneal" }), "method"},
		{"no restart", files(func(r *Request) { r.Restarts = 0 }), "restarts"},
		{"negative top", files(func(r *Request) { r.Top = -1 }), "top"},
		{"basis without europe", files(func(r *Request) { r.Given = map[string]bool{"basis": true} }), "basis"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmdlinetest.WantField(t, tt.err, tt.field)
		})
	}
}

// TestRequestSolveKeepsTheTopMinima solves a case of two blocs of mutual
// friends with one enemy pair each way, whose lowest minimum puts each bloc
// on its own side, and checks that Top keeps only that one.
func TestRequestSolveKeepsTheTopMinima(t *testing.T) {
	c := &Case{Names: []string{"a", "b", "c", "d"}, Sizes: []float64{1, 1, 1, 1}, Propensities: [][]float64{
		{0, 1, -1, -1}, {1, 0, -1, -1}, {-1, -1, 0, 1}, {-1, -1, 1, 0}}}
	r := NewRequest()
	r.Method = "exhaustive"
	all, _, err := r.Solve(c)
	if err != nil {
		t.Fatal(err)
	}
	r.Top = 1
	res, rows, err := r.Solve(c)
	if err != nil || len(res.Minima) != 1 {
		t.Fatalf("Solve with Top 1 = %d minima, %v", len(res.Minima), err)
	}
	if res.Minima[0].Energy != all.Minima[0].Energy || len(rows) == 0 {
		t.Errorf("Top 1 kept energy %v, want the lowest %v (rows %d)", res.Minima[0].Energy, all.Minima[0].Energy, len(rows))
	}
}

// ReadCase reads sizes and a propensity matrix from files, and an error
// names the file that is wrong.
func TestRequestReadCase(t *testing.T) {
	r := NewRequest()
	r.Sizes, r.Propensities = "testdata/cref/n25_sizes.csv", "testdata/cref/n25_propensities.csv"
	c, err := r.ReadCase()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Names) != 25 || len(c.Sizes) != 25 || len(c.Propensities) != 25 {
		t.Errorf("read %d names, %d sizes, %d rows; want 25", len(c.Names), len(c.Sizes), len(c.Propensities))
	}
	r.Propensities = r.Sizes // not a matrix
	if _, err := r.ReadCase(); err == nil || !strings.Contains(err.Error(), r.Sizes) {
		t.Errorf("a sizes file read as propensities: %v, want an error naming it", err)
	}
}
