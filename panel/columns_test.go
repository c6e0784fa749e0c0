package panel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/entente/entente/internal/table"
)

// kindChecker is a table.TypedSink that checks every typed row written
// to it against the columns' kinds.
type kindChecker struct {
	cols []table.Column
	rows int
	err  error
}

func (k *kindChecker) Write(p []byte) (int, error) {
	return 0, errors.New("CSV text written to a typed sink")
}

func (k *kindChecker) TypedRows(cols []table.Column) (table.RowWriter, error) {
	k.cols = cols
	return k, nil
}

func (k *kindChecker) WriteRow(r *table.Row) error {
	k.rows++
	if err := table.Check(r, k.cols); err != nil && k.err == nil {
		k.err = fmt.Errorf("row %d: %w", k.rows, err)
	}
	return nil
}

func (k *kindChecker) Flush() error { return nil }

// TestDeclaredKindsHoldEveryValue writes the real state-year panel
// 1816-2016 and dyad-years at the edges of every covariate's coverage,
// with every covariate, as typed rows, and checks that each row has a
// value for every column and that each value fits the kind its column
// declares (a Parquet file is written in those kinds).
func TestDeclaredKindsHoldEveryValue(t *testing.T) {
	p := realPanelT(t)
	states, dyads := allCovariates(t)
	var k kindChecker
	if err := p.WriteStateYears(context.Background(), &k, states, 1816, 2016, func(int) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if k.err != nil || k.cols == nil || k.rows < 15000 {
		t.Errorf("state-years: %v (declared %d columns, %d rows)", k.err, len(k.cols), k.rows)
	}
	for _, y := range []int{1816, 1885, 1886, 1945, 1946, 2007, 2008, 2013, 2014, 2015, 2016} {
		k := kindChecker{}
		if err := p.WriteDyads(context.Background(), &k, dyads, DyadOptions{From: y, To: y, Directed: true}, func(int) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if k.err != nil || k.cols == nil || k.rows == 0 {
			t.Errorf("dyads %d: %v (declared %d columns, %d rows)", y, k.err, len(k.cols), k.rows)
		}
	}
}

func TestColumnsMatchHeaders(t *testing.T) {
	cov := &Covariates{with: DyadCovariates}
	if got, want := table.Names(DyadColumns(cov)), append(DyadHeader(), cov.Header()...); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("dyad columns %v, header %v", got, want)
	}
	floats := map[string]bool{"cap_ratio": true}
	for c := range NumCaps {
		floats[c.String()+"1"], floats[c.String()+"2"] = true, true
	}
	for _, c := range DyadColumns(nil) {
		if (c.Kind == table.Float) != floats[c.Name] {
			t.Errorf("dyad column %s is of kind %d: capabilities and their ratio are numbers, the rest integers", c.Name, c.Kind)
		}
	}
}
