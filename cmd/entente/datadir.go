package main

import (
	"flag"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/sharedata"
)

// dataHelp says how the analysis verbs find their data.
const dataHelp = "the data `folder` (default: $" + sharedata.EnvVar + ", else ../shared/data, else the user data folder entente/data under " +
	"os.UserConfigDir); laid out as the project's shared data"

// dataFlag is --data with the data location rule of the analysis verbs:
// --data DIR, then $ENTENTE_DATA, then ../shared/data, then the user data
// folder.
type dataFlag struct{ dir string }

// register adds --data.
func (d *dataFlag) register(fs *flag.FlagSet) { fs.StringVar(&d.dir, "data", "", dataHelp) }

// locate finds the data folder holding files; the error says where it
// looked and where to get the data.
func (d *dataFlag) locate(files ...string) (datadir.Dir, error) {
	dir, err := sharedata.Locate(d.dir, files...)
	return datadir.Dir(dir), err
}
