package panel

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente/internal/table"
)

// kindChecker is a table.Typed writer that checks every CSV field written
// to it against the column's declared kind.
type kindChecker struct {
	cols    []table.Column
	partial []byte
	header  bool
	rows    int
	err     error
}

func (k *kindChecker) DeclareColumns(cols []table.Column) error {
	k.cols = cols
	return nil
}

func (k *kindChecker) Write(p []byte) (int, error) {
	data := append(k.partial, p...)
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		k.line(string(data[:i]))
		data = data[i+1:]
	}
	k.partial = append(k.partial[:0], data...)
	return len(p), nil
}

func (k *kindChecker) line(s string) {
	if k.err != nil {
		return
	}
	fields := strings.Split(s, ",")
	if !k.header {
		k.header = true
		if got, want := strings.Join(fields, ","), strings.Join(table.Names(k.cols), ","); got != want {
			k.err = fmt.Errorf("header %s, declared %s", got, want)
		}
		return
	}
	k.rows++
	if len(fields) != len(k.cols) {
		k.err = fmt.Errorf("%q: %d fields, %d columns", s, len(fields), len(k.cols))
		return
	}
	for i, f := range fields {
		if f == "" {
			continue
		}
		var err error
		switch k.cols[i].Kind {
		case table.Int:
			_, err = strconv.ParseInt(f, 10, 64)
		case table.Float:
			_, err = strconv.ParseFloat(f, 64)
		}
		if err != nil {
			k.err = fmt.Errorf("column %s: %q does not fit its kind: %v", k.cols[i].Name, f, err)
			return
		}
	}
}

// TestDeclaredKindsHoldEveryValue writes the real state-year panel
// 1816-2016 and dyad-years at the edges of every covariate's coverage,
// with every covariate, and checks that each value fits the kind its
// column declares (a Parquet file is written in those kinds).
func TestDeclaredKindsHoldEveryValue(t *testing.T) {
	p := realPanelT(t)
	cs := covSources(t)
	states, err := NewCovariates(StateCovariates, true, cs)
	if err != nil {
		t.Fatal(err)
	}
	var k kindChecker
	if err := p.WriteStateYears(context.Background(), &k, states, 1816, 2016, func(int) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if k.err != nil || k.cols == nil || k.rows < 15000 {
		t.Errorf("state-years: %v (declared %d columns, %d rows)", k.err, len(k.cols), k.rows)
	}
	dyads, err := NewCovariates(DyadCovariates, false, cs)
	if err != nil {
		t.Fatal(err)
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
