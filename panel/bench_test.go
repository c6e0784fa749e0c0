package panel

import (
	"bufio"
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/cputime"
	"github.com/entente/entente/internal/numfmt"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/table"
)

// Benchmarks on the real files (read once, outside the timers). Each
// family times the fast path and a straightforward baseline in the same
// run:
//
//   - DyadPanel1816to2016: building the panel (alliances, capabilities,
//     majors) and streaming every dyad-year, with and without CSV
//     formatting, against naivePanel, which looks every dyad-year up in
//     maps. Goal: under 5 s. fast+parquet writes the same rows as a
//     Parquet file (package output). Beside them, fast+csv+with-all adds every
//     covariate family of DyadCovariates (contiguity, distance, rivalry,
//     MIDs, wars, democracy, IGOs). Goal: under 2 s.
//   - PortfolioSimilarity1816to2018: every alliance-portfolio measure for
//     every dyad-year (the system carried to 2018, see Sources.CarryTo),
//     against fpsim.ComparePortfolios called per dyad on the dense rows.
//     The baseline runs on every 25th year and is extrapolated by dyad
//     count (metric extrapolated-s). Goal: under 60 s; S. Miller's R
//     script took about 9,750 s for the same measures.
//   - VoteSimilarity1946to2020: every UN-vote measure for every dyad-year,
//     against fpsim.CompareVotes per dyad on the countries' vote columns
//     (every year, not a sample), and beside them every dyad-session over
//     contested roll calls (sessions 1-74). Goal: under 30 s.

// rowSum keeps streamed rows alive so nothing is optimised away.
type rowSum struct{ n, shared int }

func (s *rowSum) block(b *DyadBlock) error {
	s.n += b.Len()
	for _, v := range b.Shared {
		s.shared += int(v)
	}
	return nil
}

func BenchmarkDyadPanel1816to2016(b *testing.B) {
	src := sources(b)
	for _, directed := range []bool{false, true} {
		name := map[bool]string{false: "undirected", true: "directed"}[directed]
		b.Run("fast/"+name, func(b *testing.B) {
			var s rowSum
			for b.Loop() {
				p, err := New(src)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.Dyads(DyadOptions{Directed: directed}, s.block); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(s.n)/float64(b.N), "rows")
		})
		b.Run("fast+csv/"+name, func(b *testing.B) {
			start := cputime.Process()
			for b.Loop() {
				p, err := New(src)
				if err != nil {
					b.Fatal(err)
				}
				w := NewDyadWriter(io.Discard)
				if err := p.Dyads(DyadOptions{Directed: directed}, w.Write); err != nil {
					b.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cputime.Process()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
		// The same rows as a Parquet file (package output's typed columns,
		// zstd), beside fast+csv: what Parquet costs over CSV.
		b.Run("fast+parquet/"+name, func(b *testing.B) {
			o := output.Flags{Out: filepath.Join(b.TempDir(), "dyads.parquet"), Formats: []string{"csv", "parquet"}}
			start := cputime.Process()
			for b.Loop() {
				p, err := New(src)
				if err != nil {
					b.Fatal(err)
				}
				out, err := o.OpenRows(io.Discard, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				err = p.WriteDyads(context.Background(), out, nil, DyadOptions{Directed: directed}, func(int) error { return nil })
				if err := out.Close(err); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cputime.Process()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
		// Every covariate family (peacesciencer's add_* columns): the
		// indexes are built inside the timer, the files read outside.
		b.Run("fast+csv+with-all/"+name, func(b *testing.B) {
			cs := covSources(b)
			for b.Loop() {
				p, err := New(src)
				if err != nil {
					b.Fatal(err)
				}
				cov, err := NewCovariates(DyadCovariates, false, cs)
				if err != nil {
					b.Fatal(err)
				}
				w := NewDyadWriterWith(io.Discard, cov)
				if err := p.Dyads(DyadOptions{Directed: directed}, w.Write); err != nil {
					b.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("naive-map/"+name, func(b *testing.B) {
			var n int
			for b.Loop() {
				naivePanel(src, 1816, 2016, directed, func(r *naiveRow) { n += r.shared })
			}
		})
	}
}

// portfolioPanel is the real panel carried to 2018.
func portfolioPanel(b *testing.B) *Panel {
	src := sources(b)
	src.CarryTo = ATOPLastYear
	p, err := New(src)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkPortfolioSimilarity1816to2018(b *testing.B) {
	src := sources(b)
	src.CarryTo = ATOPLastYear
	p := portfolioPanel(b)
	var total int
	for y := 1816; y <= 2018; y++ {
		yr, _ := p.Year(y)
		total += yr.DyadCount(false)
	}
	// csv: write the lines; cached: with a numfmt.Writer per year as
	// WritePortfolioDyads does (else strconv for every number, as before).
	run := func(csv, cached bool) func(b *testing.B) {
		return func(b *testing.B) {
			var sum float64
			out := bufio.NewWriterSize(io.Discard, 1<<16)
			for b.Loop() {
				p, err := New(src)
				if err != nil {
					b.Fatal(err)
				}
				for y := 1816; y <= 2018; y++ {
					yr, _ := p.Year(y)
					py, err := yr.Portfolio(OwnTies)
					if err != nil {
						b.Fatal(err)
					}
					var nf *numfmt.Writer
					if cached {
						nf = numfmt.NewCSV()
					}
					err = py.Dyads(fpsim.Options{}, func(d fpsim.PortfolioDyad) error {
						if csv {
							_, err := out.Write(appendPortfolio(out.AvailableBuffer(), nf, y, yr.States[d.I], yr.States[d.J], &d.PortfolioScores))
							return err
						}
						sum += d.SAbs
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(total), "dyad-years")
		}
	}
	b.Run("fast", run(false, false))
	b.Run("fast+csv-strconv", run(true, false))
	b.Run("fast+csv", run(true, true))
	b.Run("per-dyad-sample", func(b *testing.B) {
		var sample int
		var sum float64
		for b.Loop() {
			sample = 0
			for y := 1816; y <= 2018; y += 25 {
				yr, _ := p.Year(y)
				levels, w, _ := yr.PortfolioLevels(OwnTies)
				n := yr.N()
				for i := range n {
					for j := i + 1; j < n; j++ {
						s, err := fpsim.ComparePortfolios(levels[i*n:(i+1)*n], levels[j*n:(j+1)*n], w, fpsim.DefensePact)
						if err != nil {
							b.Fatal(err)
						}
						sum += s.SAbs
					}
				}
				sample += yr.DyadCount(false)
			}
		}
		perDyad := b.Elapsed().Seconds() / float64(b.N) / float64(sample)
		b.ReportMetric(float64(sample), "sample-dyads")
		b.ReportMetric(perDyad*float64(total), "extrapolated-s")
	})
}

func BenchmarkVoteSimilarity1946to2020(b *testing.B) {
	m := votes(b)
	b.Run("fast", func(b *testing.B) {
		var dyads int
		var sum float64
		for b.Loop() {
			dyads = 0
			for y := 1946; y <= 2020; y++ {
				vm, _, err := VoteYear(m, y, nil)
				if err != nil {
					b.Fatal(err)
				}
				err = vm.Dyads(fpsim.Options{}, func(d fpsim.VoteDyad) error { sum += d.Agree; dyads++; return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(dyads), "dyad-years")
	})
	// By General Assembly session over contested roll calls (Voeten's
	// convention), beside the yearly run above.
	b.Run("session-contested", func(b *testing.B) {
		var dyads int
		var sum float64
		for b.Loop() {
			dyads = 0
			for _, s := range m.Sessions() {
				vm, _, err := VoteSession(m, s, Contested)
				if err != nil {
					b.Fatal(err)
				}
				err = vm.Dyads(fpsim.Options{}, func(d fpsim.VoteDyad) error { sum += d.Agree; dyads++; return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(dyads), "dyad-sessions")
	})
	b.Run("fast+csv", func(b *testing.B) {
		out := bufio.NewWriterSize(io.Discard, 1<<16)
		for b.Loop() {
			for y := 1946; y <= 2020; y++ {
				vm, cs, err := VoteYear(m, y, nil)
				if err != nil {
					b.Fatal(err)
				}
				err = vm.Dyads(fpsim.Options{}, func(d fpsim.VoteDyad) error {
					_, err := out.Write(AppendVote(out.AvailableBuffer(), y, cs[d.I], cs[d.J], &d.VoteScores))
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("per-dyad", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for y := 1946; y <= 2020; y++ {
				codes, calls, cs := VoteCodes(m, y, nil)
				nc := len(cs)
				cols := make([][]int8, nc)
				for c := range cols {
					cols[c] = make([]int8, calls)
					for r := range calls {
						cols[c][r] = codes[r*nc+c]
					}
				}
				for i := range nc {
					for j := i + 1; j < nc; j++ {
						s, err := fpsim.CompareVotes(cols[i], cols[j])
						if err != nil {
							b.Fatal(err)
						}
						sum += s.Agree
					}
				}
			}
		}
	})
}

// BenchmarkPortfolioNumbers formats the numbers of the portfolio
// similarity CSV 1816-2018 (nine a dyad-year), collected first, with
// strconv for each and with a numfmt.Writer per year as
// WritePortfolioDyads does: the cost of the writer's number formatting
// alone, side by side.
func BenchmarkPortfolioNumbers(b *testing.B) {
	p := portfolioPanel(b)
	var years [][]float64
	for y := 1816; y <= 2018; y++ {
		yr, _ := p.Year(y)
		py, err := yr.Portfolio(OwnTies)
		if err != nil {
			b.Fatal(err)
		}
		var vs []float64
		err = py.Dyads(fpsim.Options{}, func(d fpsim.PortfolioDyad) error {
			s := d.PortfolioScores
			vs = append(vs, s.SAbs, s.SSq, s.SWAbs, s.SWSq, s.KappaAbs, s.KappaSq, s.PiAbs, s.PiSq, s.TauB)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		years = append(years, vs)
	}
	buf := make([]byte, 0, 1<<16)
	run := func(cached bool) func(b *testing.B) {
		return func(b *testing.B) {
			var n int
			start := cputime.Process()
			for b.Loop() {
				n = 0
				for _, vs := range years {
					nf := numfmt.NewCSV()
					for _, v := range vs {
						buf = buf[:0]
						if cached {
							buf = nf.Append(buf, v)
						} else {
							buf = AppendFloat(buf, v)
						}
						n++
					}
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N)/float64(n), "cpu-ns/number")
		}
	}
	b.Run("strconv", run(false))
	b.Run("numfmt", run(true))
}

// BenchmarkVoteCSV writes the rows of the UN-vote similarity CSV by year
// 1946-2020 (834,513 dyad-years, computed first, outside the timer)
// through a table.CSVWriter to io.Discard, as typed rows and as lines
// written by hand (WriteVotes): the cost of writing the numbers alone
// (cpu-ns a row, the process's CPU time), without the vote tables'
// computation.
func BenchmarkVoteCSV(b *testing.B) {
	m := votes(b)
	type year struct {
		y     int
		codes []int
		dyads []fpsim.VoteDyad
	}
	var years []year
	rows := 0
	for y := 1946; y <= 2020; y++ {
		vm, codes, err := VoteYear(m, y, nil)
		if err != nil {
			b.Fatal(err)
		}
		yr := year{y: y, codes: codes}
		err = vm.Dyads(fpsim.Options{}, func(d fpsim.VoteDyad) error {
			yr.dyads = append(yr.dyads, d)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		years = append(years, yr)
		rows += len(yr.dyads)
	}
	header := VoteHeader()
	cols := floatColumns(header, len(header)-9)
	run := func(lines bool) func(b *testing.B) {
		return func(b *testing.B) {
			start := cputime.Process()
			for b.Loop() {
				w := table.NewCSVWriter(io.Discard, cols)
				var row table.Row
				var vl voteLines
				for _, yr := range years {
					for i := range yr.dyads {
						d := &yr.dyads[i]
						a, c := yr.codes[d.I], yr.codes[d.J]
						var err error
						if lines {
							buf, nf := w.Line()
							err = w.EndLine(vl.appendVote(buf, nf, yr.y, a, c, &d.VoteScores))
						} else {
							row.Reset()
							voteCells(&row, yr.y, false, false, a, c, &d.VoteScores)
							err = w.WriteRow(&row)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N)/float64(rows), "cpu-ns/row")
		}
	}
	// rows: typed rows (what a Parquet file takes) rendered as CSV;
	// lines: the CSV lines written by hand, as WriteVotes does.
	b.Run("rows", run(false))
	b.Run("lines", run(true))
}
