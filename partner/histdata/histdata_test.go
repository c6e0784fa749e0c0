package histdata_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/partner/histdata"
)

func TestCheckNamesTheMissingFile(t *testing.T) {
	err := histdata.Check(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), histdata.System) {
		t.Errorf("empty folder: %v, want it to name %s", err, histdata.System)
	}
	if _, err := histdata.Load(t.TempDir()); err == nil {
		t.Error("Load on an empty folder succeeded")
	}
}

// A folder with some covariate files but not all is refused, naming one
// that is missing.
func TestLoadRefusesSomeCovariateFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range append(histdata.Files, histdata.CovariateFiles[0]) {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := histdata.Load(dir); err == nil || !strings.Contains(err.Error(), histdata.CovariateFiles[1]) {
		t.Errorf("one covariate file of six: %v, want an error naming %s", err, histdata.CovariateFiles[1])
	}
}
