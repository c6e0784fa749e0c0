package allnet

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestAnalyzeYearsIndependentOfWorkers(t *testing.T) {
	years := synthYears(5, 120, 250)[170:] // 33 years keep the test quick
	opt := Options{Mask: Defense | Offense, Bloc: BlocOptions{Seed: 9, Runs: 2}}
	opt.Workers = 1
	want, err := AnalyzeYears(years, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 16} {
		opt.Workers = w
		got, err := AnalyzeYears(years, opt)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got, cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("workers %d differ:\n%s", w, d)
		}
	}
	// A year analysed alone matches the same year in the panel.
	alone, err := Analyze(&years[10], opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want[10], alone, cmpopts.EquateNaNs()); d != "" {
		t.Fatalf("year alone differs:\n%s", d)
	}
}

func TestAnalyzeFields(t *testing.T) {
	y := Year{Year: 1950, States: caps(10, 1, 1, 1, 1, 3), Ties: []Tie{
		{A: 0, B: 1, Alliance: 1, Obligations: Defense},
		{A: 0, B: 2, Alliance: 2, Obligations: Defense},
		{A: 0, B: 3, Alliance: 3, Obligations: Defense},
		{A: 0, B: 3, Alliance: 4, Obligations: Consultation},
		{A: 4, B: 5, Alliance: 5, Obligations: NonAggression},
	}}
	r, err := Analyze(&y, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mask != Any || r.Ties != 4 || r.WeightedTies != 5 || r.Components != 2 || r.Isolates != 0 || r.LargestComponent != 4 {
		t.Errorf("%+v", r)
	}
	if len(r.Hubs) != 1 || !r.Hubs[0].IsHub || !near(r.Betweenness[0], 3.0/10, 1e-15) {
		t.Errorf("hubs %+v betweenness %v", r.Hubs, r.Betweenness)
	}
	if r.Polarity == nil || r.Polarity.NumBlocs() != 2 || r.Eigenvector == nil {
		t.Errorf("polarity %+v", r.Polarity)
	}
	d, err := Analyze(&y, Options{Mask: Defense, Measures: MeasureBetweenness})
	if err != nil {
		t.Fatal(err)
	}
	if d.Ties != 3 || d.Isolates != 2 || d.Eigenvector != nil || d.Blocs != nil || d.Betweenness == nil {
		t.Errorf("defense-only %+v", d)
	}
}

func TestAnalyzeYearsEarliestError(t *testing.T) {
	years := synthYears(1, 40, 40)[:30]
	years[20].Ties = append(years[20].Ties, Tie{A: 0, B: 0})
	years[25].Ties = append(years[25].Ties, Tie{A: -1, B: 0})
	for _, w := range []int{1, 4} {
		_, err := AnalyzeYears(years, Options{Workers: w, Measures: MeasureBetweenness})
		if err == nil || !strings.Contains(err.Error(), "year 1836") {
			t.Errorf("workers %d: %v", w, err)
		}
	}
}
