package datadir

import (
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/sharedata"
)

// Flag is --data with the data location rule of the analysis verbs:
// --data DIR, then $ENTENTE_DATA, then ../shared/data, then the user data
// folder (package sharedata).
type Flag struct {
	Dir string `flag:"data" arg:"folder" usage:"the data folder (default: $ENTENTE_DATA, else ../shared/data, else the user data folder entente/data under os.UserConfigDir); laid out as the project's shared data"`
}

// Locate finds the data folder holding files; the error, bad usage of
// --data, says where it looked and where to get the data.
func (d *Flag) Locate(files ...string) (Dir, error) {
	dir, err := sharedata.Locate(d.Dir, files...)
	if err != nil {
		return "", output.UsageError{Msg: "--data: " + err.Error()}
	}
	return Dir(dir), nil
}

// LayoutHelp is the help that lists the files a verb reads under --data.
func LayoutHelp(files ...string) string {
	s := `--data is a folder laid out as the project's shared data (each file as
published, in a folder of its own):`
	for _, f := range files {
		s += "\n  " + f
	}
	return s
}
