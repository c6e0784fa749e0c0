package output

import (
	"io"
	"strconv"
	"strings"
	"testing"
)

// panelCSV is n rows of a panel-like table: years, codes, counts, shares
// and empty (missing) cells, 40 columns.
func panelCSV(n int) string {
	var b strings.Builder
	for c := range 40 {
		if c > 0 {
			b.WriteByte(',')
		}
		b.WriteString("c" + strconv.Itoa(c))
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
	return b.String()
}

// BenchmarkRender writes the same rows as CSV (as they come), JSON lines
// and Parquet.
func BenchmarkRender(b *testing.B) {
	text := panelCSV(20000)
	for _, format := range []string{"csv", "json", "parquet"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if err := CSVAs(format, func(w io.Writer) error { _, err := io.WriteString(w, text); return err })(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
