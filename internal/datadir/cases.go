package datadir

import (
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/landscape"
	"github.com/entente/entente/world"
)

// Europe1936Files are the files Europe1936 reads.
var Europe1936Files = []string{sharedata.NMC6, sharedata.Members}

// Europe1936 builds Axelrod and Bennett's Europe 1936 case from the NMC
// 6.0 and ATOP member files (see landscape.Europe1936).
func (d Dir) Europe1936() (*landscape.Case, error) {
	recs, err := d.NMC(6)
	if err != nil {
		return nil, err
	}
	members, err := d.Members()
	if err != nil {
		return nil, err
	}
	return landscape.Europe1936(recs, members)
}

// WorldFiles are the files World reads.
var WorldFiles = []string{sharedata.States, sharedata.NMC6, sharedata.Alliances, sharedata.Members}

// World builds the world's logs, the registry's first, from the COW
// states, NMC 6.0 and ATOP files (see world.Build).
func (d Dir) World() ([]world.Log, error) {
	states, err := d.States()
	if err != nil {
		return nil, err
	}
	records, err := d.NMC(6)
	if err != nil {
		return nil, err
	}
	alliances, err := d.Alliances()
	if err != nil {
		return nil, err
	}
	members, err := d.Members()
	if err != nil {
		return nil, err
	}
	return world.Build(states, records, alliances, members)
}
