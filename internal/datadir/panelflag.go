package datadir

import (
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/panel"
)

// Panel builds the panel of an NMC release (5 or 6) from the data folder
// holding its files (PanelFiles), found by the location rule.
func (f *Flag) Panel(release int) (*panel.Panel, error) {
	d, err := f.Locate(PanelFiles(release)...)
	if err != nil {
		return nil, err
	}
	return d.Panel(release)
}

// PanelCovariates reads the covariate families that with names (--with:
// comma-separated, or all; see panel.ParseCovariates) from the data
// folder holding their files, for state rows when states is true and dyad
// rows otherwise. Without families it returns nil: no covariates. Names
// that are not families are bad usage of --with.
func (f *Flag) PanelCovariates(with string, states bool) (*panel.Covariates, error) {
	if with == "" {
		return nil, nil
	}
	fams, err := panel.ParseCovariates(with, states)
	if err != nil {
		return nil, output.UsageError{Msg: "--with: " + err.Error()}
	}
	d, err := f.Locate(CovariateFiles(fams)...)
	if err != nil {
		return nil, err
	}
	return d.Covariates(fams, states)
}

// PortfolioPanel builds the panel of the portfolio similarity of the
// years from to to (PortfolioSources) from the data folder holding
// PanelFiles(6); note says when the years go past the COW system data.
func (f *Flag) PortfolioPanel(from, to int) (p *panel.Panel, note string, err error) {
	d, err := f.Locate(PanelFiles(6)...)
	if err != nil {
		return nil, "", err
	}
	src, note, err := d.PortfolioSources(from, to)
	if err != nil {
		return nil, "", err
	}
	p, err = panel.New(src)
	return p, note, err
}
