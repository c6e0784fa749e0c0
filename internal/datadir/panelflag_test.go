package datadir

import (
	"errors"
	"strings"
	"testing"

	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/panel"
)

// Without the files, each loader is bad usage naming the flag at fault:
// --with for a family that is not one, --data for a folder without the
// files; no --with means no covariates and reads nothing.
func TestPanelFlagsRefuse(t *testing.T) {
	f := Flag{Dir: t.TempDir()}
	if cov, err := f.PanelCovariates("", false); cov != nil || err != nil {
		t.Errorf("no --with: %v, %v; want no covariates and no error", cov, err)
	}
	_, _, portfolioErr := f.PortfolioPanel(1816, 2016)
	_, panelErr := f.Panel(6)
	_, withErr := f.PanelCovariates("nonsense", false)
	_, filesErr := f.PanelCovariates(string(panel.Contiguity), false)
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"Panel", panelErr, "--data: "},
		{"PortfolioPanel", portfolioErr, "--data: "},
		{"PanelCovariates nonsense", withErr, "--with: "},
		{"PanelCovariates without files", filesErr, "--data: "},
	} {
		var u output.UsageError
		if !errors.As(tc.err, &u) || !strings.HasPrefix(u.Msg, tc.want) {
			t.Errorf("%s: got %v, want bad usage starting %q", tc.name, tc.err, tc.want)
		}
	}
}

// On the shared data, the loaders find the folder themselves and build
// what the panel verbs write.
func TestPanelFlagsLoad(t *testing.T) {
	for _, file := range append(PanelFiles(6), CovariateFiles([]panel.Covariate{panel.Contiguity})...) {
		sharedata.Path(t, file)
	}
	f := Flag{Dir: sharedata.Root()}
	if p, err := f.Panel(6); err != nil || p == nil {
		t.Fatalf("Panel: %v", err)
	}
	p, note, err := f.PortfolioPanel(2000, 2018)
	if err != nil || p == nil || note != CarryNote(2000, 2018) {
		t.Errorf("PortfolioPanel: %v, note %q", err, note)
	}
	cov, err := f.PanelCovariates(string(panel.Contiguity), false)
	if err != nil || cov == nil {
		t.Errorf("PanelCovariates(contiguity): %v, %v", cov, err)
	}
}
