package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestEmitReport(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, args   string
		stdout       string
		file, stderr string
	}{
		{"a table by default", "", "two rows\n", "", ""},
		{"CSV on standard output", "--format csv", "n\n1\n2\n", "", ""},
		{"JSON on standard output", "--format json", "{\n  \"n\": 2\n}\n", "", ""},
		{"JSON to a file", "--out " + filepath.Join(dir, "a.jsonl") + " --format json", "", "{\n  \"n\": 2\n}\n", "wrote 2 rows to " + filepath.Join(dir, "a.jsonl") + "\n"},
		{"CSV to a file", "--out " + filepath.Join(dir, "b.csv"), "", "n\n1\n2\n", "wrote 2 rows to " + filepath.Join(dir, "b.csv") + "\n"},
		{"a table to a file", "--out " + filepath.Join(dir, "c.txt") + " --format table", "", "two rows\n", "wrote 2 rows to " + filepath.Join(dir, "c.txt") + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := parseOut(t, tt.args)
			r := testReport("", false)
			r.Files = nil
			var stdout, stderr bytes.Buffer
			if err := o.EmitReport(&stdout, &stderr, r); err != nil {
				t.Fatal(err)
			}
			if stdout.String() != tt.stdout || stderr.String() != tt.stderr {
				t.Errorf("stdout %q, stderr %q; want %q, %q", stdout.String(), stderr.String(), tt.stdout, tt.stderr)
			}
			if o.ToFile() {
				if got, err := os.ReadFile(o.Out); err != nil || string(got) != tt.file {
					t.Errorf("%s holds %q (%v), want %q", o.Out, got, err, tt.file)
				}
			}
		})
	}
	var o Flags
	if err := o.EmitReport(&bytes.Buffer{}, &bytes.Buffer{}, testReport("x.svg", false)); err == nil {
		t.Error("EmitReport took a report with files beside --out")
	}
}
