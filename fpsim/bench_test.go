package fpsim

import (
	"bufio"
	"io"
	"strconv"
	"testing"
)

// Benchmarks. Each family runs the fast path and its baselines in the same
// run, on the same seeded synthetic data:
//
//   - PortfolioYear190: one year of 190 states with 5% of the off-diagonal
//     ties non-zero. "reference" is the plain per-dyad definitions of
//     reference_test.go (tau-b by pairs of states); "dense" is the exported
//     one-dyad ComparePortfolios called for every dyad (one pass over the
//     n states per dyad, table measures). "fast" indexes the year and runs
//     Dyads with every measure; "fast/1worker" pins one goroutine.
//   - VoteYear190x80: one year of 190 countries and 80 roll calls, with the
//     same three kinds of baseline.
//   - PortfolioSeries and VoteSeries: whole synthetic periods through the
//     fast path, so the totals are measured rather than extrapolated.

// sum is a callback that keeps the results alive, so nothing is optimised
// away, at the cost of one addition per dyad.
type sum struct{ s float64 }

func (k *sum) portfolio(d PortfolioDyad) error { k.s += d.SAbs + d.KappaSq; return nil }
func (k *sum) vote(d VoteDyad) error           { k.s += d.SAbs + d.Agree; return nil }

func BenchmarkPortfolioYear190(b *testing.B) {
	const n = 190
	levels, w := synthPortfolios(n, 0.05, 0, 1)
	dyads := float64(n * (n - 1) / 2)
	fast := func(workers int) func(b *testing.B) {
		return func(b *testing.B) {
			var k sum
			for b.Loop() {
				p, err := NewPortfolioYear(n, levels, w, DefensePact)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.Dyads(Options{Workers: workers}, k.portfolio); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
		}
	}
	b.Run("fast", fast(0))
	b.Run("fast/1worker", fast(1))
	b.Run("fast/30pct-isolated", func(b *testing.B) {
		// The same density, but 30% of the states have no ties, so 9% of
		// the dyads take the closed form.
		levels, w := synthPortfolios(n, 0.05, 0.3, 1)
		var k sum
		for b.Loop() {
			p, err := NewPortfolioYear(n, levels, w, DefensePact)
			if err != nil {
				b.Fatal(err)
			}
			if err := p.Dyads(Options{}, k.portfolio); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
	})
	b.Run("fast+csv", func(b *testing.B) {
		out := bufio.NewWriter(io.Discard)
		for b.Loop() {
			p, err := NewPortfolioYear(n, levels, w, DefensePact)
			if err != nil {
				b.Fatal(err)
			}
			if err := p.Dyads(Options{}, func(d PortfolioDyad) error { return writeCSV(out, d) }); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
	})
	b.Run("dense", func(b *testing.B) {
		var k sum
		for b.Loop() {
			for i := range n {
				for j := i + 1; j < n; j++ {
					s, err := ComparePortfolios(levels[i*n:(i+1)*n], levels[j*n:(j+1)*n], w, DefensePact)
					if err != nil {
						b.Fatal(err)
					}
					k.portfolio(PortfolioDyad{PortfolioScores: s})
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
	})
	b.Run("reference", func(b *testing.B) {
		var k sum
		for b.Loop() {
			for _, d := range refPortfolioYear(n, levels, w, DefensePact) {
				k.portfolio(d)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
	})
}

// writeCSV formats one dyad as a CSV line, as a caller writing files would.
func writeCSV(w *bufio.Writer, d PortfolioDyad) error {
	buf := w.AvailableBuffer()
	buf = strconv.AppendInt(buf, int64(d.I), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(d.J), 10)
	for _, v := range [...]float64{d.SAbs, d.SSq, d.SWAbs, d.SWSq, d.KappaAbs, d.KappaSq, d.PiAbs, d.PiSq, d.TauB} {
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, v, 'f', 4, 64)
	}
	buf = append(buf, '\n')
	_, err := w.Write(buf)
	return err
}

func BenchmarkVoteYear190x80(b *testing.B) {
	const countries, calls = 190, 80
	codes := synthVotes(calls, countries, 1)
	dyads := float64(countries * (countries - 1) / 2)
	fast := func(workers int) func(b *testing.B) {
		return func(b *testing.B) {
			var k sum
			for b.Loop() {
				m, err := NewVoteMatrix(calls, countries, codes)
				if err != nil {
					b.Fatal(err)
				}
				if err := m.Dyads(Options{Workers: workers}, k.vote); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
		}
	}
	b.Run("fast", fast(0))
	b.Run("fast/1worker", fast(1))
	b.Run("dense", func(b *testing.B) {
		var k sum
		for b.Loop() {
			cols := make([][]int8, countries)
			for c := range cols {
				cols[c] = column(codes, calls, countries, c)
			}
			for i := range countries {
				for j := i + 1; j < countries; j++ {
					s, err := CompareVotes(cols[i], cols[j])
					if err != nil {
						b.Fatal(err)
					}
					k.vote(VoteDyad{VoteScores: s})
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
	})
	b.Run("reference", func(b *testing.B) {
		var k sum
		for b.Loop() {
			for _, d := range refVoteYear(calls, countries, codes, nil) {
				k.vote(d)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/dyads, "ns/dyad")
	})
}

// lerp interpolates linearly from a (year 0) to b (year last).
func lerp(a, b, year, last int) int { return a + (b-a)*year/last }

// BenchmarkPortfolioSeries1816to2018 computes every portfolio measure for
// every dyad-year of a synthetic 1816–2018: 203 years whose system grows
// linearly from 25 to 195 states, 5% of ties non-zero.
func BenchmarkPortfolioSeries1816to2018(b *testing.B) {
	const years = 203
	type year struct {
		n       int
		levels  []int8
		weights []float64
	}
	series := make([]year, years)
	var dyads int
	for y := range series {
		n := lerp(25, 195, y, years-1)
		levels, w := synthPortfolios(n, 0.05, 0, uint64(1816+y))
		series[y] = year{n, levels, w}
		dyads += n * (n - 1) / 2
	}
	var k sum
	for b.Loop() {
		for _, y := range series {
			p, err := NewPortfolioYear(y.n, y.levels, y.weights, DefensePact)
			if err != nil {
				b.Fatal(err)
			}
			if err := p.Dyads(Options{}, k.portfolio); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(dyads), "dyad-years")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/series")
}

// BenchmarkVoteSeries1946to2020 computes every vote measure for every
// dyad-year of a synthetic 1946–2020: 75 years whose membership grows
// linearly from 55 to 193 countries and whose roll calls grow from 70 to
// 1,300 a year (far above the UN's real ~80 a year on average, as a
// ceiling), each year scored eight times: all roll calls, the important
// ones (every tenth), and six issue codes (a sixth of the calls each).
func BenchmarkVoteSeries1946to2020(b *testing.B) {
	const years = 75
	type year struct {
		countries, calls int
		codes            []int8
		important        []bool
		issues           [6][]bool
	}
	series := make([]year, years)
	var dyads int
	for y := range series {
		v := year{countries: lerp(55, 193, y, years-1), calls: lerp(70, 1300, y, years-1)}
		v.codes = synthVotes(v.calls, v.countries, uint64(1946+y))
		v.important = make([]bool, v.calls)
		for r := range v.calls {
			v.important[r] = r%10 == 0
		}
		for i := range v.issues {
			v.issues[i] = make([]bool, v.calls)
			for r := range v.calls {
				v.issues[i][r] = r%6 == i
			}
		}
		series[y] = v
		dyads += 8 * v.countries * (v.countries - 1) / 2
	}
	var k sum
	for b.Loop() {
		for _, v := range series {
			m, err := NewVoteMatrix(v.calls, v.countries, v.codes)
			if err != nil {
				b.Fatal(err)
			}
			subsets := []*VoteMatrix{m}
			for _, keep := range append([][]bool{v.important}, v.issues[:]...) {
				s, err := m.Subset(keep)
				if err != nil {
					b.Fatal(err)
				}
				subsets = append(subsets, s)
			}
			for _, s := range subsets {
				if err := s.Dyads(Options{}, k.vote); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.ReportMetric(float64(dyads), "dyad-years")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/series")
}
