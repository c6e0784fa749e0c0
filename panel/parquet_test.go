package panel

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/entente/entente/internal/output"
)

// TestParquetMatchesCSV writes real panels, with every covariate, both as
// CSV and as Parquet through package output (the typed rows the panels
// hand it straight, no text between), and checks that the Parquet file
// reads back as the CSV: every row, every value, nulls where the CSV is
// empty. The dyad years sit at the edges of the covariates' coverage.
func TestParquetMatchesCSV(t *testing.T) {
	p := realPanelT(t)
	states, dyads := allCovariates(t)
	none := func(int) error { return nil }
	for _, tc := range []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"states", func(w io.Writer) error { return p.WriteStateYears(context.Background(), w, nil, 1816, 2016, none) }},
		{"states-with-all", func(w io.Writer) error { return p.WriteStateYears(context.Background(), w, states, 1816, 2016, none) }},
		{"dyads-1885-1886", func(w io.Writer) error {
			return p.WriteDyads(context.Background(), w, dyads, DyadOptions{From: 1885, To: 1886}, none)
		}},
		{"directed-dyads-2013-2016", func(w io.Writer) error {
			return p.WriteDyads(context.Background(), w, dyads, DyadOptions{From: 2013, To: 2016, Directed: true}, none)
		}},
		{"directed-dyads-plain-1945-1946", func(w io.Writer) error {
			return p.WriteDyads(context.Background(), w, nil, DyadOptions{From: 1945, To: 1946, Directed: true}, none)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name string) string {
				path := filepath.Join(dir, name)
				o := output.Flags{Out: path, Formats: []string{"csv", "parquet"}}
				rows, err := o.OpenRows(io.Discard, io.Discard)
				if err != nil {
					t.Fatal(err)
				}
				if err := rows.Close(tc.write(rows)); err != nil {
					t.Fatal(err)
				}
				return path
			}
			f, err := os.Open(write("panel.csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			got, err := output.ParquetRecords(write("panel.parquet"))
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < 100 {
				t.Fatalf("only %d CSV records", len(want))
			}
			if d := output.SameRecords(want, got); d != "" {
				t.Error(d)
			}
		})
	}
}
