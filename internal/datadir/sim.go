package datadir

import (
	"github.com/entente/entente/sim"
	"github.com/entente/entente/sim/simdata"
)

// SimWorld builds the starting world of the sweep s (simdata.Sweep.World):
// a synthetic world needs no data; otherwise the world of s.From is read
// from the data folder holding simdata.Files, found by the location rule.
func (f *Flag) SimWorld(s simdata.Sweep) (*sim.World, error) {
	var dir Dir
	if s.Synthetic == 0 {
		var err error
		if dir, err = f.Locate(simdata.Files...); err != nil {
			return nil, err
		}
	}
	return s.World(string(dir))
}
