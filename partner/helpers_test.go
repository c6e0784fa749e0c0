package partner_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/partner"
	"github.com/entente/entente/partner/histdata"
)

var (
	historyOnce sync.Once
	historyVal  *partner.History
	historyErr  error
)

// loadHistory reads the shared data once per test binary, the covariate
// files included, failing under CI when a file is missing and skipping
// otherwise.
func loadHistory(tb testing.TB) *partner.History {
	tb.Helper()
	var dir string
	for _, f := range append(histdata.Files, histdata.CovariateFiles...) {
		p := sharedata.Path(tb, f)
		dir = filepath.Dir(filepath.Dir(p))
	}
	historyOnce.Do(func() { historyVal, historyErr = histdata.Load(dir) })
	if historyErr != nil {
		tb.Fatal(historyErr)
	}
	return historyVal
}
