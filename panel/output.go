package panel

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/table"
)

// WriteDyads writes the dyad-years of opt, with the covariates of cov
// (nil for none), as typed rows in the columns DyadColumns(cov): to w's
// own row writer if it has one (table.TypedSink: a Parquet file), else as
// CSV. It calls step once per year written and stops when ctx is done.
func (p *Panel) WriteDyads(ctx context.Context, w io.Writer, cov *Covariates, opt DyadOptions, step func(int) error) error {
	rw, err := table.NewRowWriter(w, DyadColumns(cov))
	if err != nil {
		return err
	}
	dw := newDyadWriter(rw, cov)
	err = p.Dyads(opt, func(b *DyadBlock) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		step(1)
		return dw.Write(b)
	})
	if err != nil {
		return err
	}
	return dw.Flush()
}

// WriteStateYears writes the state-years from..to, with the covariates of
// cov (nil for none), as typed rows in the columns StateColumns(cov): to
// w's own row writer if it has one (table.TypedSink), else as CSV. It
// calls step once per year written and stops when ctx is done.
func (p *Panel) WriteStateYears(ctx context.Context, w io.Writer, cov *Covariates, from, to int, step func(int) error) error {
	rw, err := table.NewRowWriter(w, StateColumns(cov))
	if err != nil {
		return err
	}
	var row table.Row
	year := from
	err = p.StateYears(from, to, func(s *StateYear) error {
		if s.Year != year {
			year = s.Year
			step(1)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row.Reset()
		stateYearCells(&row, s)
		if cov != nil {
			cov.stateCells(&row, s.Year, s.CCode)
		}
		return rw.WriteRow(&row)
	})
	if err != nil {
		return err
	}
	return rw.Flush()
}

// AllianceYearHeader is the CSV header of AppendAllianceYear.
func AllianceYearHeader() []string {
	return []string{"year", "atopid", "members", "member_codes", "obligations", "largest_share",
		"herfindahl", "strongest_to_weakest", "dominance", "symmetry", "missing"}
}

// AppendAllianceYear appends an alliance-year as a CSV line.
func AppendAllianceYear(b []byte, ay *AllianceYear) []byte {
	var row table.Row
	allianceYearCells(&row, ay, nil)
	return append(table.AppendCSV(b, &row, false), '\n')
}

// allianceYearCells appends the cells of an alliance-year, its member
// codes formatted into codes, which must stay unchanged until the row is
// reset.
func allianceYearCells(row *table.Row, ay *AllianceYear, codes []byte) {
	for j, c := range ay.Members {
		if j > 0 {
			codes = append(codes, ';')
		}
		codes = strconv.AppendInt(codes, int64(c), 10)
	}
	row.Int(int64(ay.Year))
	row.Int(int64(ay.ATOPID))
	row.Int(int64(len(ay.Members)))
	row.Text(codes)
	row.Text([]byte(allnet.Obligation(ay.Obligations).String()))
	floatCells(row, ay.LargestShare, ay.Herfindahl, ay.StrongestToWeakest, ay.Dominance)
	row.Text([]byte(ay.Symmetry))
	row.Int(int64(ay.Missing))
}

// CovariateHelp lists the covariate families of dyads (or of states) with
// their documentation, one a line.
func CovariateHelp(states bool) string {
	fams, docs := DyadCovariates, DyadCovariateDocs
	if states {
		fams, docs = StateCovariates, StateCovariateDocs
	}
	var b strings.Builder
	for _, f := range fams {
		b.WriteString("  " + string(f) + ": " + docs[f] + "\n")
	}
	return b.String()
}

// votesBySession picks the vote similarity table of a year or, by
// session, of a General Assembly session.
func votesBySession(bySession bool) func(*unvotes.Matrix, int, func(*unvotes.RollCall) bool) (*fpsim.VoteMatrix, []int, error) {
	if bySession {
		return VoteSession
	}
	return VoteYear
}

// WriteVotes writes the vote similarity of every dyad over the roll calls
// that keep keeps (nil: all), year by year from..to, or by General
// Assembly session with bySession (contested is then written in its
// column), as typed rows in the columns of VoteHeader (SessionVoteHeader):
// to w's own row writer if it has one (table.TypedSink), else as CSV. It
// calls step once per unit written and stops when ctx is done.
func WriteVotes(ctx context.Context, w io.Writer, m *unvotes.Matrix, from, to int, bySession, contested bool, keep func(*unvotes.RollCall) bool, step func(int) error) error {
	header := VoteHeader()
	if bySession {
		header = SessionVoteHeader()
	}
	rw, err := table.NewRowWriter(w, floatColumns(header, len(header)-9))
	if err != nil {
		return err
	}
	// As CSV, the lines are written straight into the writer's buffer
	// (appendVote, appendSessionVote): the layout is fixed, and the cells
	// of a Row cost a fill and a loop that looks at each cell's kind,
	// about an eighth of the writing (BenchmarkVoteCSV).
	cw, _ := rw.(*table.CSVWriter)
	var lines voteLines
	return writeUnits(ctx, rw, from, to, step, func(u int, row *table.Row, write func() error) error {
		vm, codes, err := votesBySession(bySession)(m, u, keep)
		if err != nil {
			return err
		}
		return vm.Dyads(fpsim.Options{}, func(dy fpsim.VoteDyad) error {
			a, b := codes[dy.I], codes[dy.J]
			if cw == nil {
				voteCells(row, u, bySession, contested, a, b, &dy.VoteScores)
				return write()
			}
			buf, nf := cw.Line()
			if bySession {
				buf = appendSessionVote(buf, nf, u, contested, a, b, &dy.VoteScores)
			} else {
				buf = lines.appendVote(buf, nf, u, a, b, &dy.VoteScores)
			}
			return cw.EndLine(buf)
		})
	})
}

// voteCells appends the cells of one row of WriteVotes: the year (or the
// session, its year and contested), the dyad a, b and the measures s.
func voteCells(row *table.Row, u int, bySession, contested bool, a, b int, s *fpsim.VoteScores) {
	if bySession {
		row.Int(int64(u))
		row.Int(int64(SessionYear(u)))
		row.Flag(contested)
	} else {
		row.Int(int64(u))
	}
	dyadCells(row, a, b, s.N)
	// The shares (agreement, S) are counts over the n roll calls
	// and repeat; the chance-corrected measures and tau-b seldom
	// do (a third of them repeat in a year, against 85% of the
	// shares).
	floatCells(row, s.Agree, s.AgreeHalf, s.SAbs, s.SSq)
	for _, v := range [...]float64{s.KappaAbs, s.KappaSq, s.PiAbs, s.PiSq, s.TauB} {
		row.FloatOnce(v)
	}
}

// WritePortfolios writes the alliance portfolio similarity of every dyad
// in the years from..to as typed rows in the columns of PortfolioHeader:
// to w's own row writer if it has one (table.TypedSink), else as CSV. It
// calls step once per year written and stops when ctx is done.
func (p *Panel) WritePortfolios(ctx context.Context, w io.Writer, from, to int, ties Ties, step func(int) error) error {
	header := PortfolioHeader()
	rw, err := table.NewRowWriter(w, floatColumns(header, len(header)-9))
	if err != nil {
		return err
	}
	return writeUnits(ctx, rw, from, to, step, func(y int, row *table.Row, write func() error) error {
		yr, _ := p.Year(y)
		py, err := yr.Portfolio(ties)
		if err != nil {
			return err
		}
		return py.Dyads(fpsim.Options{}, func(dy fpsim.PortfolioDyad) error {
			row.Int(int64(y))
			dyadCells(row, yr.States[dy.I], yr.States[dy.J], dy.N)
			floatCells(row, dy.SAbs, dy.SSq, dy.SWAbs, dy.SWSq, dy.KappaAbs, dy.KappaSq, dy.PiAbs, dy.PiSq, dy.TauB)
			return write()
		})
	})
}

// WriteAllianceYears writes the alliance-years from..to as typed rows in
// the columns of AllianceYearHeader: to w's own row writer if it has one
// (table.TypedSink), else as CSV. It calls step once per year written and
// stops when ctx is done.
func (p *Panel) WriteAllianceYears(ctx context.Context, w io.Writer, from, to int, step func(int) error) error {
	cols := make([]table.Column, 0, 11)
	for i, name := range AllianceYearHeader() {
		cols = append(cols, table.Column{Name: name, Kind: [...]table.Kind{table.Int, table.Int, table.Int, table.Text, table.Text,
			table.Float, table.Float, table.Float, table.Float, table.Text, table.Int}[i]})
	}
	codes := make([]byte, 0, 256)
	rw, err := table.NewRowWriter(w, cols)
	if err != nil {
		return err
	}
	return writeUnits(ctx, rw, from, to, step, func(y int, row *table.Row, write func() error) error {
		ays, err := p.AllianceYears(y, y)
		for i := 0; i < len(ays) && err == nil; i++ {
			allianceYearCells(row, &ays[i], codes[:0])
			err = write()
		}
		return err
	})
}

// writeUnits writes to rw the rows that rows fills for each unit (a
// year, a session) from..to, calling write after each row it fills; it
// calls step once per unit, stops when ctx is done and flushes rw.
func writeUnits(ctx context.Context, rw table.RowWriter, from, to int, step func(int) error, rows func(unit int, row *table.Row, write func() error) error) error {
	var row table.Row
	write := func() error {
		err := rw.WriteRow(&row)
		row.Reset()
		return err
	}
	for u := from; u <= to; u++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := rows(u, &row, write); err != nil {
			return err
		}
		step(1)
	}
	return rw.Flush()
}

// floatColumns are the columns header, the first n integers and the rest
// numbers.
func floatColumns(header []string, n int) []table.Column {
	cols := make([]table.Column, len(header))
	for i, name := range header {
		cols[i] = table.Column{Name: name, Kind: table.Float}
		if i < n {
			cols[i].Kind = table.Int
		}
	}
	return cols
}

// dyadCells appends a dyad's states and the number compared.
func dyadCells(row *table.Row, a, b int, n int32) {
	row.Int(int64(a))
	row.Int(int64(b))
	row.Int(int64(n))
}

// floatCells appends numbers.
func floatCells(row *table.Row, vs ...float64) {
	for _, v := range vs {
		row.Float(v)
	}
}
