package main

import (
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/sharedata"
)

// dataFlag is --data with the data location rule of the analysis verbs:
// --data DIR, then $ENTENTE_DATA, then ../shared/data, then the user data
// folder (package sharedata).
type dataFlag struct {
	Dir string `flag:"data" arg:"folder" usage:"the data folder (default: $ENTENTE_DATA, else ../shared/data, else the user data folder entente/data under os.UserConfigDir); laid out as the project's shared data"`
}

// locate finds the data folder holding files; the error, bad usage of
// --data, says where it looked and where to get the data.
func (d *dataFlag) locate(files ...string) (datadir.Dir, error) {
	dir, err := sharedata.Locate(d.Dir, files...)
	if err != nil {
		return "", usagef("--data: %v", err)
	}
	return datadir.Dir(dir), nil
}

// invalid turns a request's input error (an EINVALID *entente.Error
// naming the input by its flag) into bad usage naming the flag; other
// errors pass through.
func invalid(err error) error {
	if f := entente.ErrorField(err); f != "" && entente.ErrorCode(err) == entente.EINVALID {
		return usagef("--%s: %s", f, strings.TrimPrefix(entente.ErrorMessage(err), f+": "))
	}
	return err
}
