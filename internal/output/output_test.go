package output

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// readParquet reads a Parquet file back as records and its column kinds.
func readParquet(t *testing.T, path string) (kinds []parquet.Kind, records [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pf, err := parquet.OpenFile(f, func() int64 { st, _ := f.Stat(); return st.Size() }())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pf.Schema().Fields() {
		kinds = append(kinds, c.Type().Kind())
	}
	if records, err = ParquetRecords(path); err != nil {
		t.Fatal(err)
	}
	return kinds, records
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func sameRecords(t *testing.T, want, got [][]string) {
	t.Helper()
	if d := SameRecords(want, got); d != "" {
		t.Error(d)
	}
}

const sampleCSV = `year,ccode1,name,cinc,ratio,empty,note
1816,2,United States,0.0396,1.5,,plain
1817,200,"Kingdom, United",0.33,,,"says ""hi"""
1818,-7,Iran,1e-05,3,,x
`

func TestParquetMatchesCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rows.parquet")
	err := WriteFile(io.Discard, path, 3, CSVAs("parquet", func(w io.Writer) error {
		_, err := io.WriteString(w, sampleCSV)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	kinds, got := readParquet(t, path)
	sameRecords(t, readCSV(t, sampleCSV), got)
	want := []parquet.Kind{parquet.Int64, parquet.Int64, parquet.ByteArray, parquet.Double, parquet.Double, parquet.Double, parquet.ByteArray}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("column %d is %v, want %v", i, kinds[i], want[i])
		}
	}
	if got[2][4] != "" || got[1][5] != "" {
		t.Errorf("missing values read back as %q and %q, want nulls", got[2][4], got[1][5])
	}
}

func TestStreamedParquetMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "panel.parquet")
	fs := flag.NewFlagSet("panel", flag.ContinueOnError)
	var o Flags
	o.Register(fs, "out", "csv", "json")
	if err := fs.Parse([]string{"--out", path}); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	rows, err := o.OpenRows(io.Discard, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	// 10,000 rows written in pieces that split lines, as panels stream.
	var all strings.Builder
	all.WriteString("year,ccode,value\n")
	for i := range 10000 {
		v := ""
		if i%7 != 0 {
			v = strconv.FormatFloat(float64(i)/3, 'g', -1, 64)
		}
		all.WriteString(strconv.Itoa(1816+i/200) + "," + strconv.Itoa(i%200) + "," + v + "\n")
	}
	text := all.String()
	for i := 0; i < len(text); i += 4093 {
		if _, err := rows.Write([]byte(text[i:min(len(text), i+4093)])); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Close(nil); err != nil {
		t.Fatal(err)
	}
	if got := stderr.String(); got != "wrote 10000 rows to "+path+"\n" {
		t.Errorf("stderr %q", got)
	}
	_, got := readParquet(t, path)
	sameRecords(t, readCSV(t, text), got)
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestFailedRowsLeaveNothing(t *testing.T) {
	for _, format := range []string{"csv", "json", "parquet"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out."+format)
		o := Flags{Out: path, Formats: []string{"csv", "json", "parquet"}}
		rows, err := o.OpenRows(io.Discard, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		rows.Write([]byte("a,b\n1,2\n"))
		boom := errors.New("boom")
		if err := rows.Close(boom); err != boom {
			t.Errorf("%s: Close returned %v", format, err)
		}
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("%s: left %v", format, ents)
		}
	}
}

func TestJSONLines(t *testing.T) {
	var b bytes.Buffer
	err := RenderRows(&b, "json", []string{"NAME", "N", "X"}, [][]string{{"a,b", "1", ""}, {"NaN", "2.5", "Inf"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"a,b","n":1,"x":null}` + "\n" + `{"name":"NaN","n":2.5,"x":"Inf"}` + "\n"
	if b.String() != want {
		t.Errorf("got %s want %s", b.String(), want)
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args      []string
		format    string
		wantError string
	}{
		{nil, "table", ""},
		{[]string{"--out", filepath.Join(dir, "x.csv")}, "csv", ""},
		{[]string{"--out", filepath.Join(dir, "x.jsonl")}, "json", ""},
		{[]string{"--out", filepath.Join(dir, "x.parquet")}, "parquet", ""},
		{[]string{"--out", filepath.Join(dir, "x.PQ")}, "parquet", ""},
		{[]string{"--format", "csv"}, "csv", ""},
		{[]string{"--csv"}, "csv", ""},
		{[]string{"--format", "parquet"}, "", "--format parquet: expected --out FILE"},
		{[]string{"--out", filepath.Join(dir, "x.xlsx")}, "", "expected a file ending in .csv, .json, .parquet (or --format)"},
		{[]string{"--format", "xml"}, "", "--format xml: expected one of table, csv, json, parquet"},
		{[]string{"--json", "--csv"}, "", "give one"},
		{[]string{"--out", filepath.Join(dir, "no", "x.csv")}, "", "does not exist"},
	} {
		fs := flag.NewFlagSet("v", flag.ContinueOnError)
		var o Flags
		o.Register(fs, "out", "table", "csv", "json")
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		got, err := o.Resolve()
		if tc.wantError != "" {
			var u UsageError
			if !errors.As(err, &u) || !strings.Contains(err.Error(), tc.wantError) {
				t.Errorf("%v: error %v, want a usage error with %q", tc.args, err, tc.wantError)
			}
			continue
		}
		if err != nil || got != tc.format {
			t.Errorf("%v: %q, %v; want %q", tc.args, got, err, tc.format)
		}
	}
}

func TestChartFormat(t *testing.T) {
	if f, err := ChartFormat("--chart", "a.SVG"); f != "svg" || err != nil {
		t.Errorf("a.SVG: %q %v", f, err)
	}
	if _, err := ChartFormat("--chart", "a.pdf"); err == nil {
		t.Error("a.pdf accepted as a chart")
	}
}

// FuzzParquetRows checks that any CSV the verbs could write reads back
// from Parquet as it was written.
func FuzzParquetRows(f *testing.F) {
	f.Add(sampleCSV)
	f.Add("a\n1\n\n")
	f.Add("a,b\n9223372036854775807,x\n-1,1e308\n")
	f.Fuzz(func(t *testing.T, s string) {
		want, err := csv.NewReader(strings.NewReader(s)).ReadAll()
		if err != nil || len(want) < 1 || strings.ContainsAny(s, "\r\"") {
			return
		}
		for _, rec := range want {
			if len(rec) != len(want[0]) {
				return
			}
		}
		var b bytes.Buffer
		if err := CSVAs("parquet", func(w io.Writer) error { _, err := io.WriteString(w, s); return err })(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "f.parquet")
		os.WriteFile(path, b.Bytes(), 0o644)
		_, got := readParquet(t, path)
		sameRecords(t, want, got)
	})
}

func ExampleCSVAs() {
	render := CSVAs("json", func(w io.Writer) error {
		_, err := io.WriteString(w, "member,share\nhelios,0.5\nquanta,\n")
		return err
	})
	render(os.Stdout)
	// Output:
	// {"member":"helios","share":0.5}
	// {"member":"quanta","share":null}
}

func TestStagesHiddenOffTerminal(t *testing.T) {
	var b bytes.Buffer
	s := NewStages(&b, false, map[string]string{"fit": "fitting"})
	s.Progress("fit", 1, 2)
	s.Progress("boot", 1, 3)
	s.Finish()
	if b.Len() != 0 {
		t.Errorf("bars written to a non-terminal: %q", b.String())
	}
}
