package output

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/entente/entente/internal/table"
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
	// ChartFile: no file is no format; a chart drawn in one format only
	// refuses the other, naming the flag.
	for _, c := range []struct{ path, only, want, err string }{
		{"", "png", "", ""},
		{"a.svg", "", "svg", ""},
		{"a.png", "png", "png", ""},
		{"a.svg", "png", "", "--png a.svg: the chart is drawn as PNG only; name a .png file"},
	} {
		f, err := ChartFile("--png", c.path, c.only)
		if f != c.want || (err == nil) != (c.err == "") || err != nil && err.Error() != c.err {
			t.Errorf("ChartFile(%q, %q) = %q, %v; want %q, %q", c.path, c.only, f, err, c.want, c.err)
		}
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
		// As typed rows of text, every column reads back exactly as written.
		cols := make([]table.Column, len(want[0]))
		for i, name := range want[0] {
			cols[i] = table.Column{Name: name, Kind: table.Text}
		}
		rows := make([]table.Row, len(want)-1)
		for i, rec := range want[1:] {
			for _, f := range rec {
				rows[i].Text([]byte(f))
			}
		}
		if path, err = typedRows(t, "x.parquet", cols, rows); err != nil {
			t.Fatal(err)
		}
		if _, got = readParquet(t, path); !slices.EqualFunc(want, got, slices.Equal) {
			t.Errorf("typed rows of text: read back %q, want %q", got, want)
		}
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

// typedRows writes rows in the columns cols through OpenRows to a file
// named name in a new folder, and returns its path and Close's error.
func typedRows(t *testing.T, name string, cols []table.Column, rows []table.Row) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	o := Flags{Out: path, Formats: []string{"csv", "json", "parquet"}}
	out, err := o.OpenRows(io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	rw, err := table.NewRowWriter(out, cols)
	for i := 0; i < len(rows) && err == nil; i++ {
		err = rw.WriteRow(&rows[i])
	}
	if err == nil {
		err = rw.Flush()
	}
	return path, out.Close(err)
}

// sampleRows are the rows of sampleCSV, typed, and two more: a NaN (a
// missing number) and an infinity.
func sampleRows() ([]table.Column, []table.Row) {
	cols := []table.Column{{Name: "year", Kind: table.Int}, {Name: "ccode1", Kind: table.Int}, {Name: "name", Kind: table.Text},
		{Name: "cinc", Kind: table.Float}, {Name: "ratio", Kind: table.Float}, {Name: "empty", Kind: table.Int}, {Name: "note", Kind: table.Text}}
	rows := make([]table.Row, 5)
	for i, r := range []struct {
		year, code  int64
		name        string
		cinc, ratio float64
		note        string
	}{
		{1816, 2, "United States", 0.0396, 1.5, "plain"},
		{1817, 200, "Kingdom, United", 0.33, math.NaN(), `says "hi"`},
		{1818, -7, "Iran", 1e-05, 3, "x"},
		{1819, 2, "x", math.NaN(), math.Inf(1), ""},
	} {
		rows[i].Int(r.year)
		rows[i].Int(r.code)
		rows[i].Text([]byte(r.name))
		rows[i].Float(r.cinc)
		rows[i].Float(r.ratio)
		rows[i].Null(table.Int)
		rows[i].Text([]byte(r.note))
	}
	// A group of cells, as the panels write a state's capabilities.
	var g table.Group
	g.Float(0.25)
	g.Int(4)
	rows[4].Int(1820)
	rows[4].Null(table.Int)
	rows[4].Text([]byte("y"))
	rows[4].Group(&g)
	rows[4].Int(7)
	rows[4].Text(nil)
	return cols, rows
}

// TestTypedRowsAgree writes the same typed rows as CSV, JSON lines and
// Parquet: the CSV is the text of sampleCSV (the rows it holds), the JSON
// lines are that CSV's, and the Parquet file reads back as the CSV, each
// column of its declared kind.
func TestTypedRowsAgree(t *testing.T) {
	cols, rows := sampleRows()
	csvPath, err := typedRows(t, "x.csv", cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	csvText, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sampleCSV, "1e-05", "0.00001", 1) + "1819,2,x,,Inf,,\n1820,,y,0.25,4,7,\n"
	if string(csvText) != want {
		t.Errorf("CSV:\n%s\nwant\n%s", csvText, want)
	}
	jsonPath, err := typedRows(t, "x.json", cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	var fromCSV bytes.Buffer
	CSVAs("json", func(w io.Writer) error { _, err := w.Write(csvText); return err })(&fromCSV)
	if got, _ := os.ReadFile(jsonPath); string(got) != fromCSV.String() {
		t.Errorf("JSON lines:\n%s\nwant\n%s", got, fromCSV.String())
	}
	path, err := typedRows(t, "x.parquet", cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	kinds, got := readParquet(t, path)
	records := readCSV(t, string(csvText))
	records[4][4] = "+Inf"
	sameRecords(t, records, got)
	for i, k := range []parquet.Kind{parquet.Int64, parquet.Int64, parquet.ByteArray, parquet.Double, parquet.Double, parquet.Int64, parquet.ByteArray} {
		if kinds[i] != k {
			t.Errorf("column %s is %v, want %v as declared", cols[i].Name, kinds[i], k)
		}
	}
	if got[2][4] != "" || got[1][5] != "" || got[4][3] != "" {
		t.Errorf("missing values read back as %q, %q and %q, want nulls", got[2][4], got[1][5], got[4][3])
	}
}

func TestTypedRowsRefuseWhatDoesNotFit(t *testing.T) {
	cols := []table.Column{{Name: "year", Kind: table.Int}, {Name: "share", Kind: table.Float}}
	row := func(fill func(r *table.Row)) []table.Row {
		var r table.Row
		fill(&r)
		return []table.Row{r}
	}
	for _, tc := range []struct {
		name string
		rows []table.Row
		want string
	}{
		{"number as year", row(func(r *table.Row) { r.Float(1817.5); r.Float(0.5) }), "column year of kind integer given a value of kind number"},
		{"text as share", row(func(r *table.Row) { r.Int(1816); r.Text([]byte("half")) }), "column share of kind number given a value of kind text"},
		{"short row", row(func(r *table.Row) { r.Int(1816) }), "a row of 1 values, 2 columns"},
	} {
		path, err := typedRows(t, "x.parquet", cols, tc.rows)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %s", tc.name, err, tc.want)
		}
		if _, serr := os.Stat(path); serr == nil {
			t.Errorf("%s: a file was written", tc.name)
		}
	}
	// No rows at all is a file with the columns and no row.
	path, err := typedRows(t, "x.parquet", cols, nil)
	if err != nil {
		t.Fatal(err)
	}
	if kinds, got := readParquet(t, path); len(got) != 1 || len(kinds) != 2 || kinds[1] != parquet.Double {
		t.Errorf("empty: %v %q", kinds, got)
	}
}

func TestTypedRowsAfterText(t *testing.T) {
	o := Flags{Out: filepath.Join(t.TempDir(), "x.parquet"), Formats: []string{"csv", "parquet"}}
	rows, err := o.OpenRows(io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(rows, "a\n1\n")
	if _, err := rows.TypedRows([]table.Column{{Name: "a", Kind: table.Int}}); err == nil {
		t.Error("typed rows after text were taken")
	}
	rows.Close(errors.New("stop"))
	rows, err = o.OpenRows(io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rows.TypedRows([]table.Column{{Name: "a", Kind: table.Int}}); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(rows, "a\n1\n"); err == nil {
		t.Error("text beside typed rows was taken")
	}
	rows.Close(errors.New("stop"))
}

// TestParseNumbers checks the fast number readers against strconv on
// values of every shape the writers produce and some they do not.
func TestParseNumbers(t *testing.T) {
	for _, f := range []string{"0", "-0", "7", "+7", "1816", "-9", "123456789012345678", "1234567890123456789",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "", "-", "+", "1e3", "0x10", "1_000", "12a",
		"0.5", ".5", "5.", ".", "-.5", "0.0396", "1e-05", "0.00001", "3.14159265358979", "0.1234567890123456789",
		"1.7976931348623157e308", "1e400", "Inf", "-Inf", "NaN", "123456789012345.6", "0.0000000000000000000001",
		"0.00000000000000000000001", "00012.50", "1..2", "1.2.3", "--1"} {
		n, ok := parseInt([]byte(f))
		wn, err := strconv.ParseInt(f, 10, 64)
		if ok != (err == nil) || ok && n != wn {
			t.Errorf("parseInt(%q) = %d, %v; strconv %d, %v", f, n, ok, wn, err)
		}
		checkFloat(t, f)
	}
}

func checkFloat(t *testing.T, f string) {
	t.Helper()
	x, ok := parseFloat([]byte(f))
	wx, err := strconv.ParseFloat(f, 64)
	wok := err == nil || errors.Is(err, strconv.ErrRange)
	if ok != wok || ok && math.Float64bits(x) != math.Float64bits(wx) && !(math.IsNaN(x) && math.IsNaN(wx)) {
		t.Errorf("parseFloat(%q) = %v, %v; strconv %v, %v", f, x, ok, wx, err)
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"0.5", "-12.25", "123456789012345", "0.1234567890123456789", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFloat(t, s)
		n, ok := parseInt([]byte(s))
		wn, err := strconv.ParseInt(s, 10, 64)
		if ok != (err == nil) || ok && n != wn {
			t.Errorf("parseInt(%q) = %d, %v; strconv %d, %v", s, n, ok, wn, err)
		}
	})
}
