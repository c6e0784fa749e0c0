package histdata_test

import (
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
