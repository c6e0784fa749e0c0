package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFiles: nothing is written until Write; a failed render names its
// flag and file; Write writes each file and says so; "" and "-" are none.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	var out Files
	if err := out.Add("out", a, 2, func(w io.Writer) error { _, err := io.WriteString(w, "x\n1\n2\n"); return err }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"", "-"} {
		if err := out.Add("none", p, 1, func(io.Writer) error { return errors.New("rendered") }); err != nil {
			t.Errorf("path %q was rendered: %v", p, err)
		}
	}
	err := out.Add("chart", b, 1, func(io.Writer) error { return errors.New("no data") })
	if err == nil || !strings.Contains(err.Error(), "--chart "+b) {
		t.Errorf("failed render: %v", err)
	}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Fatalf("%s written before Write: %v", a, err)
	}
	var stderr bytes.Buffer
	if err := out.Write(&stderr); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(a); err != nil || string(got) != "x\n1\n2\n" {
		t.Errorf("%s holds %q, %v", a, got, err)
	}
	if want := "wrote 2 rows to " + a + "\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}

func TestCheckDirs(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "x.csv")
	err := CheckDirs(map[string]string{"out": filepath.Join(dir, "ok.csv"), "chart": missing, "members-out": missing})
	if err == nil || !strings.HasPrefix(err.Error(), "--chart ") {
		t.Errorf("CheckDirs: %v, want the first bad flag (--chart) named", err)
	}
	if err := CheckDirs(map[string]string{"out": filepath.Join(dir, "ok.csv"), "x": "-"}); err != nil {
		t.Errorf("CheckDirs of good paths: %v", err)
	}
}
