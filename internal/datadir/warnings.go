package datadir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/history"
)

// WarningCovariates adds the rivalry, MID and democracy covariates of the
// honest early-warning evaluation to in, from peacesciencer's TSS
// rivalries, COW-MID dyad-years and democracy panel. A file missing from
// the folder leaves its covariate missing (the warnings report does not
// require these files); a file that is present but unreadable is an error.
func (d Dir) WarningCovariates(in *history.WarningInput) error {
	present := func(file string) (bool, error) {
		_, err := os.Stat(d.Path(file))
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return err == nil, err
	}
	if ok, err := present("peacesciencer/tss_rivalries.csv"); err != nil {
		return err
	} else if ok {
		rs, err := load(d, "peacesciencer/tss_rivalries.csv", peacesciencer.LoadTSS)
		if err != nil {
			return err
		}
		in.Rivalry = history.RivalryYears(rs, 1494, 2020)
	}
	if ok, err := present(midFile); err != nil {
		return err
	} else if ok {
		ms, err := load(d, midFile, peacesciencer.LoadMIDs)
		if err != nil {
			return err
		}
		in.MIDs = history.MIDYears(ms)
	}
	if ok, err := present(democracyFile); err != nil {
		return err
	} else if ok {
		ds, err := load(d, democracyFile, peacesciencer.LoadDemocracy)
		if err != nil {
			return err
		}
		in.Polyarchy = history.Polyarchy(ds)
	}
	return nil
}

// Warnings runs the early-warning report req asks for on the data in d:
// the alliance-years with their covariates, then the fitted and
// cross-validated scores, telling progress each stage. An alliance not in
// the data fails with history.ErrUnknownAlliance, years without data with
// history.ErrNoData.
func (d Dir) Warnings(req history.WarningsRequest, progress func(string)) (*history.Warnings, error) {
	in, err := d.WarningInput(progress)
	if err != nil {
		return nil, err
	}
	if req.Alliance != 0 {
		if err := in.Alliances.Check(req.Alliance); err != nil {
			return nil, err
		}
	}
	if err := d.WarningCovariates(&in); err != nil {
		return nil, err
	}
	rows, err := history.AllianceYears(in, req.WarningOptions())
	if err != nil {
		return nil, err
	}
	progress(fmt.Sprintf("%d alliance-years computed; fitting and evaluating", len(rows)))
	ws, err := req.Evaluate(rows)
	if err == nil {
		progress("done")
	}
	return ws, err
}
