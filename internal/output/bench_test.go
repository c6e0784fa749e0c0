package output

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente/internal/cputime"
	"github.com/entente/entente/internal/table"
)

// panelCSV is n rows of a panel-like table of 40 columns: years and codes
// (integers), counts and 0/1 flags, shares (numbers), and empty (missing)
// cells; and its columns with their kinds.
func panelCSV(n int) (string, []table.Column) {
	var b strings.Builder
	cols := make([]table.Column, 40)
	for c := range 40 {
		cols[c] = table.Column{Name: "c" + strconv.Itoa(c), Kind: table.Int}
		if c >= 3 && c%2 == 1 {
			cols[c].Kind = table.Float
		}
		if c > 0 {
			b.WriteByte(',')
		}
		b.WriteString(cols[c].Name)
	}
	b.WriteByte('\n')
	for i := range n {
		for c := range 40 {
			if c > 0 {
				b.WriteByte(',')
			}
			switch {
			case c < 3:
				b.WriteString(strconv.Itoa(1816 + i%200 + c))
			case c%7 == 0:
			case c%2 == 0:
				b.WriteString(strconv.Itoa(i % 5))
			default:
				b.WriteString(strconv.FormatFloat(float64(i%1000)/997, 'g', -1, 64))
			}
		}
		b.WriteByte('\n')
	}
	return b.String(), cols
}

// BenchmarkRender writes the same rows, given as CSV text in 64 KiB
// pieces as the panels stream them, as CSV (passed through: the baseline),
// JSON lines, Parquet with declared column kinds (the panels' path) and
// Parquet with the kinds learnt from the values (spooled, then written).
func BenchmarkRender(b *testing.B) {
	text, cols := panelCSV(20000)
	write := func(w io.Writer) error {
		for s := text; len(s) > 0; {
			n := min(len(s), 1<<16)
			if _, err := io.WriteString(w, s[:n]); err != nil {
				return err
			}
			s = s[n:]
		}
		return nil
	}
	for _, format := range []string{"csv", "json", "parquet-declared", "parquet-learnt"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			start := cputime.Process()
			for b.Loop() {
				var err error
				switch format {
				case "parquet-declared":
					p := newTypedParquet(io.Discard, cols)
					if err = write(p); err == nil {
						err = p.close()
					}
				case "parquet-learnt":
					err = CSVAs("parquet", write)(io.Discard)
				default:
					err = CSVAs(format, write)(io.Discard)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N)/20000/40, "cpu-ns/field")
		})
	}
}

// panelRows is panelCSV(n)'s rows as typed rows: the same values.
func panelRows(n int) ([]table.Row, []table.Column) {
	_, cols := panelCSV(0)
	rows := make([]table.Row, n)
	for i := range rows {
		r := &rows[i]
		for c := range 40 {
			switch {
			case c < 3:
				r.Int(int64(1816 + i%200 + c))
			case c%7 == 0:
				r.Null(cols[c].Kind)
			case c%2 == 0:
				r.Int(int64(i % 5))
			default:
				r.Float(float64(i%1000) / 997)
			}
		}
	}
	return rows, cols
}

// BenchmarkTypedRows writes the same panel-like typed rows (the panels'
// path) three ways, side by side: as CSV text (table.CSVWriter), as
// Parquet from the typed values (typedParquet.WriteRow), and, the
// baseline, as Parquet the way the panels wrote it before: the rows
// rendered as CSV text and that text parsed back into the declared kinds.
// cpu-ns/row is process CPU (all threads) per row.
func BenchmarkTypedRows(b *testing.B) {
	rows, cols := panelRows(20000)
	for _, path := range []string{"csv", "parquet-typed", "parquet-via-text"} {
		b.Run(path, func(b *testing.B) {
			start := cputime.Process()
			for b.Loop() {
				var rw table.RowWriter
				var p *typedParquet
				switch path {
				case "csv":
					rw = table.NewCSVWriter(io.Discard, cols)
				case "parquet-typed":
					p = newTypedParquet(io.Discard, cols)
					p.header = true
					rw = p
				default:
					p = newTypedParquet(io.Discard, cols)
					rw = table.NewCSVWriter(p, cols)
				}
				for i := range rows {
					if err := rw.WriteRow(&rows[i]); err != nil {
						b.Fatal(err)
					}
				}
				err := rw.Flush()
				if err == nil && p != nil {
					err = p.close()
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N)/float64(len(rows)), "cpu-ns/row")
		})
	}
}
