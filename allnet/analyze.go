package allnet

import (
	"runtime"
	"sync"
)

// Measure selects the costlier measures Analyze computes (a bit mask).
// Degrees, density, components and hubs are always computed.
type Measure uint

// The optional measures.
const (
	MeasureBetweenness Measure = 1 << iota
	MeasureEigenvector
	// MeasureBlocs is community detection and polarity.
	MeasureBlocs
	// MeasureBasic alone selects none of the optional measures: the
	// non-zero way to ask for degrees, density, components and hubs only.
	MeasureBasic
	// AllMeasures selects every measure.
	AllMeasures = MeasureBetweenness | MeasureEigenvector | MeasureBlocs
)

// Options controls Analyze and AnalyzeYears. The zero value analyses the
// network of all alliances with every measure and the defaults below.
type Options struct {
	// Mask selects the alliances by obligation type; 0 means Any.
	Mask Obligation
	// Measures selects the optional measures; 0 means AllMeasures.
	Measures Measure
	// Hub and Eigen tune Network.Hubs and Network.Eigenvector.
	Hub   HubOptions
	Eigen EigenOptions
	// Bloc configures community detection. Its Seed is combined with the
	// year (YearSeed), so each year has its own stream yet the result of a
	// year does not depend on which other years are analysed or on the
	// number of workers.
	Bloc BlocOptions
	// Workers is the number of years AnalyzeYears analyses in parallel;
	// 0 means runtime.GOMAXPROCS(0). Results do not depend on it.
	Workers int
}

// YearResult holds the measures of one year's network. Per-state slices
// are indexed by the dense state index.
type YearResult struct {
	Year int
	Mask Obligation
	// COW are the states' COW codes, for labelling.
	COW []int
	// Ties is the number of tied dyads; WeightedTies counts dyad-alliance
	// pairs, the total edge weight (a dyad sharing two alliances counts
	// twice).
	Ties, WeightedTies int
	// Degree, WeightedDegree and Density are as the Network methods of
	// the same names.
	Degree         []int
	WeightedDegree []int
	Density        float64
	// Components counts connected components, isolates included;
	// Isolates counts states without ties; LargestComponent is the size
	// of the largest component.
	Components, Isolates, LargestComponent int
	// Hubs profiles every hub candidate (see Network.Hubs).
	Hubs []Hub
	// Betweenness is normalised (see Network.Betweenness); nil unless
	// selected.
	Betweenness []float64
	// Eigenvector, Blocs and Polarity are nil unless selected.
	Eigenvector *EigenResult
	Blocs       *Blocs
	Polarity    *Polarity
}

// Analyze builds y's network for opt.Mask and computes the selected
// measures.
func Analyze(y *Year, opt Options) (*YearResult, error) {
	mask := opt.Mask
	if mask == 0 {
		mask = Any
	}
	g, err := Build(y, mask)
	if err != nil {
		return nil, err
	}
	return analyzeNetwork(y, g, opt), nil
}

// analyzeNetwork computes the measures of a built network.
func analyzeNetwork(y *Year, g *Network, opt Options) *YearResult {
	want := opt.Measures
	if want == 0 {
		want = AllMeasures
	}
	r := &YearResult{
		Year:           y.Year,
		Mask:           g.Mask(),
		COW:            make([]int, len(y.States)),
		Ties:           g.NumTies(),
		Degree:         g.Degrees(),
		WeightedDegree: g.WeightedDegrees(),
		Density:        g.Density(),
		Hubs:           g.Hubs(opt.Hub),
	}
	for i, s := range y.States {
		r.COW[i] = s.COW
	}
	for _, w := range r.WeightedDegree {
		r.WeightedTies += w
	}
	r.WeightedTies /= 2
	comps := g.Components()
	r.Components = len(comps)
	for _, c := range comps {
		r.LargestComponent = max(r.LargestComponent, len(c))
		if len(c) == 1 && g.Degree(c[0]) == 0 {
			r.Isolates++
		}
	}
	if want&MeasureBetweenness != 0 {
		r.Betweenness = g.Betweenness()
	}
	if want&MeasureEigenvector != 0 {
		e := g.Eigenvector(opt.Eigen)
		r.Eigenvector = &e
	}
	if want&MeasureBlocs != 0 {
		bo := opt.Bloc
		bo.Seed = YearSeed(opt.Bloc.Seed, y.Year)
		b := g.Blocs(bo)
		p := PolarityOf(y.States, b.Blocs)
		r.Blocs, r.Polarity = &b, &p
	}
	return r
}

// YearSeed derives a year's community-detection seed from a base seed with
// the SplitMix64 finaliser, so neighbouring years get unrelated streams.
func YearSeed(seed uint64, year int) uint64 {
	z := seed + uint64(int64(year))*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// AnalyzeYears analyses each year with Analyze, opt.Workers years at a
// time, and returns the results in input order. On failure it returns the
// error of the earliest failing year (in input order), whatever the
// scheduling.
func AnalyzeYears(years []Year, opt Options) ([]*YearResult, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(years))
	results := make([]*YearResult, len(years))
	errs := make([]error, len(years))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = Analyze(&years[i], opt)
			}
		})
	}
	for i := range years {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}
