package allnet

import (
	"testing"

	"gonum.org/v1/gonum/graph/network"
)

// benchYear is the synthetic 200-state year of the benchmarks, with about
// 400 dyadic ties (the scale of ATOP's busiest years per mask).
func benchYear(b *testing.B) (*Year, *Network) {
	y := synthYear(2018, 2000, 200, 400)
	return &y, mustBuild(b, &y, Any)
}

func BenchmarkBuild(b *testing.B) {
	y, _ := benchYear(b)
	for b.Loop() {
		if _, err := Build(y, Any); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDegreeDensityComponents(b *testing.B) {
	_, g := benchYear(b)
	for b.Loop() {
		g.Degrees()
		g.WeightedDegrees()
		g.Density()
		g.Components()
	}
}

func BenchmarkHubs(b *testing.B) {
	_, g := benchYear(b)
	for b.Loop() {
		g.Hubs(HubOptions{})
	}
}

func BenchmarkBetweenness(b *testing.B) {
	_, g := benchYear(b)
	for b.Loop() {
		g.Betweenness()
	}
}

// BenchmarkBetweennessGonum is the baseline: gonum's map-based Brandes on
// the same graph.
func BenchmarkBetweennessGonum(b *testing.B) {
	_, g := benchYear(b)
	view := g.Graph()
	for b.Loop() {
		network.Betweenness(view)
	}
}

func BenchmarkEigenvector(b *testing.B) {
	_, g := benchYear(b)
	for b.Loop() {
		g.Eigenvector(EigenOptions{})
	}
}

// BenchmarkEigenvectorDense is the baseline: every component solved by
// mat.EigenSym (MaxIter 1 forces the fallback).
func BenchmarkEigenvectorDense(b *testing.B) {
	_, g := benchYear(b)
	for b.Loop() {
		g.Eigenvector(EigenOptions{MaxIter: 1})
	}
}

func BenchmarkBlocs(b *testing.B) {
	_, g := benchYear(b)
	for b.Loop() {
		g.Blocs(BlocOptions{Seed: 1})
	}
}

func BenchmarkPolarity(b *testing.B) {
	y, g := benchYear(b)
	blocs := g.Blocs(BlocOptions{Seed: 1}).Blocs
	for b.Loop() {
		PolarityOf(y.States, blocs)
	}
}

func BenchmarkAllianceAsymmetry(b *testing.B) {
	c := []float64{0.14, 0.014, 0.02, 0.005}
	for b.Loop() {
		AllianceAsymmetry(c)
	}
}

// The whole panel 1816–2018, growing to 200 states and 400 ties.
func benchPanel(b *testing.B, opt Options) {
	years := synthYears(2018, 200, 400)
	for b.Loop() {
		if _, err := AnalyzeYears(years, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPanelBasic1Worker(b *testing.B) {
	benchPanel(b, Options{Measures: MeasureBasic, Workers: 1})
}

func BenchmarkPanelBasic2Workers(b *testing.B) {
	benchPanel(b, Options{Measures: MeasureBasic, Workers: 2})
}

func BenchmarkPanelBetweenness2Workers(b *testing.B) {
	benchPanel(b, Options{Measures: MeasureBetweenness, Workers: 2})
}

func BenchmarkPanelEigenvector2Workers(b *testing.B) {
	benchPanel(b, Options{Measures: MeasureEigenvector, Workers: 2})
}

func BenchmarkPanelBlocs2Workers(b *testing.B) {
	benchPanel(b, Options{Measures: MeasureBlocs, Workers: 2})
}

func BenchmarkPanelAll1Worker(b *testing.B) {
	benchPanel(b, Options{Workers: 1})
}

func BenchmarkPanelAll2Workers(b *testing.B) {
	benchPanel(b, Options{Workers: 2})
}
