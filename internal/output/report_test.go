package output

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testReport is a report of two rows with a chart beside them.
func testReport(chart string, fail bool) Report {
	return Report{V: map[string]int{"n": 2}, Rows: 2,
		CSV:  func(w io.Writer) error { _, err := io.WriteString(w, "n\n1\n2\n"); return err },
		Text: func(w io.Writer) error { _, err := io.WriteString(w, "two rows\n"); return err },
		Files: []File{{"chart", chart, 2, func(w io.Writer) error {
			if fail {
				return errors.New("no ink")
			}
			_, err := io.WriteString(w, "<svg/>")
			return err
		}}}}
}

// parseOut returns the output flags of a verb writing a table, CSV or
// JSON, parsed from args.
func parseOut(t *testing.T, args string) *Flags {
	t.Helper()
	var o Flags
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	o.Register(fs, "the `file`", "table", "csv", "json")
	if err := fs.Parse(strings.Fields(args)); err != nil {
		t.Fatal(err)
	}
	return &o
}

func TestWriteReport(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, args     string
		fail           bool
		stdout, rows   string
		chart, errText string
	}{
		{"text on standard output", "", false, "two rows\n", "", "", ""},
		{"JSON on standard output", "--format json", false, "{\n  \"n\": 2\n}\n", "", "", ""},
		{"CSV rows and a chart", "--out " + filepath.Join(dir, "a.csv"), false, "two rows\n", "n\n1\n2\n", "<svg/>", ""},
		{"JSON rows", "--out " + filepath.Join(dir, "b.json"), false, "two rows\n", "{\n  \"n\": 2\n}\n", "<svg/>", ""},
		{"a failed chart writes nothing", "--out " + filepath.Join(dir, "c.csv"), true, "", "", "", "--chart"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := parseOut(t, tt.args)
			chart := ""
			if o.ToFile() {
				chart = strings.TrimSuffix(o.Out, filepath.Ext(o.Out)) + ".svg"
			}
			var stdout, stderr bytes.Buffer
			err := o.WriteReport(&stdout, &stderr, testReport(chart, tt.fail))
			if tt.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("WriteReport = %v, want an error naming %s", err, tt.errText)
				}
				if _, err := os.Stat(o.Out); !os.IsNotExist(err) {
					t.Errorf("%s was written although the chart failed", o.Out)
				}
				return
			}
			if err != nil || stdout.String() != tt.stdout {
				t.Fatalf("WriteReport = %v, stdout %q; want %q", err, stdout.String(), tt.stdout)
			}
			for path, want := range map[string]string{o.Out: tt.rows, chart: tt.chart} {
				if want == "" {
					continue
				}
				if got, err := os.ReadFile(path); err != nil || string(got) != want {
					t.Errorf("%s holds %q (%v), want %q", path, got, err, want)
				}
			}
		})
	}
}
