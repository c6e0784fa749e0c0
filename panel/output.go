package panel

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/numfmt"
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
	codes := make([]string, len(ay.Members))
	for i, c := range ay.Members {
		codes[i] = strconv.Itoa(c)
	}
	b = strconv.AppendInt(b, int64(ay.Year), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ay.ATOPID), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(len(ay.Members)), 10)
	b = append(b, ',')
	b = append(b, strings.Join(codes, ";")...)
	b = append(b, ',')
	b = append(b, allnet.Obligation(ay.Obligations).String()...)
	for _, v := range []float64{ay.LargestShare, ay.Herfindahl, ay.StrongestToWeakest, ay.Dominance} {
		b = append(b, ',')
		b = AppendFloat(b, v)
	}
	b = append(b, ',')
	b = append(b, ay.Symmetry...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ay.Missing), 10)
	return append(b, '\n')
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

// WriteVoteDyads calls emit with the CSV line of every dyad's vote
// similarity over the roll calls of a year that keep keeps (nil: all), or
// of a General Assembly session with bySession (contested is then written
// in its column). The buffer emit receives is reused.
func WriteVoteDyads(m *unvotes.Matrix, unit int, bySession, contested bool, keep func(*unvotes.RollCall) bool, emit func([]byte) error) error {
	matrix := VoteYear
	if bySession {
		matrix = VoteSession
	}
	vm, codes, err := matrix(m, unit, keep)
	if err != nil {
		return err
	}
	var buf []byte
	nf := numfmt.NewCSV()
	return vm.Dyads(fpsim.Options{}, func(dy fpsim.VoteDyad) error {
		if bySession {
			buf = appendSessionVote(buf[:0], nf, unit, contested, codes[dy.I], codes[dy.J], &dy.VoteScores)
		} else {
			buf = appendVote(buf[:0], nf, unit, codes[dy.I], codes[dy.J], &dy.VoteScores)
		}
		return emit(buf)
	})
}

// WritePortfolioDyads calls emit with the CSV line of every dyad's
// alliance portfolio similarity in year y. The buffer emit receives is
// reused.
func (p *Panel) WritePortfolioDyads(y int, ties Ties, emit func([]byte) error) error {
	yr, _ := p.Year(y)
	py, err := yr.Portfolio(ties)
	if err != nil {
		return err
	}
	var buf []byte
	nf := numfmt.NewCSV()
	return py.Dyads(fpsim.Options{}, func(dy fpsim.PortfolioDyad) error {
		buf = appendPortfolio(buf[:0], nf, y, yr.States[dy.I], yr.States[dy.J], &dy.PortfolioScores)
		return emit(buf)
	})
}
