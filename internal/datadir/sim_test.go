package datadir

import (
	"errors"
	"strings"
	"testing"

	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/sim/simdata"
)

// A synthetic world is built without any data; the data's world needs
// the folder with simdata.Files, and without it --data is bad usage.
func TestSimWorld(t *testing.T) {
	f := Flag{Dir: t.TempDir()}
	s := simdata.NewSweep()
	s.Synthetic = 12
	w, err := f.SimWorld(s)
	if err != nil || len(w.Actors) != 12 || w.Start != s.From {
		t.Fatalf("synthetic: %v, %+v", err, w)
	}
	s.Synthetic = 0
	_, err = f.SimWorld(s)
	var u output.UsageError
	if !errors.As(err, &u) || !strings.Contains(u.Msg, simdata.Files[0]) {
		t.Errorf("no data: got %v, want bad usage of --data naming %s", err, simdata.Files[0])
	}
}
