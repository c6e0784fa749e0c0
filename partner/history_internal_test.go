package partner

import (
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/internal/sharedata"
)

func realWorld(t *testing.T) (*History, *world) {
	t.Helper()
	var h History
	var err error
	if h.System, err = cowstate.LoadSystem(sharedata.Path(t, "cow_state_system/system2016.csv")); err != nil {
		t.Fatal(err)
	}
	if h.Members, err = atop.LoadMembers(sharedata.Path(t, "atop_v5.1/atop5_1m.csv")); err != nil {
		t.Fatal(err)
	}
	if h.Capabilities, err = nmc.Load(sharedata.Path(t, "cow_nmc/NMC-60-abridged.csv"), nmc.V6); err != nil {
		t.Fatal(err)
	}
	w, err := newWorld(&h)
	if err != nil {
		t.Fatal(err)
	}
	return &h, w
}

// Known cases from ATOP: NATO binds the United States and the United
// Kingdom throughout; Poland's NATO membership starts in December 1997 in
// ATOP (the accession protocols were signed then; it took effect in 1999),
// so the pair is a new defense dyad for t = 1992..1996; the United States
// and Russia never pledged defense to each other.
func TestAlliedAndFormedOnKnownPairs(t *testing.T) {
	h, w := realWorld(t)
	if w.lastYear != 2018 {
		t.Errorf("last ATOP year %d, want 2018", w.lastYear)
	}
	al := w.alliances(1985, 2010, 5)
	usa, uk, pol, rus := w.index[2], w.index[200], w.index[290], w.index[365]
	pair := func(a, b int) int { return a*w.n + b }
	for y := 1985; y <= 2010; y++ {
		if !al.defOff[y][pair(usa, uk)] {
			t.Errorf("%d: USA–UK not allied", y)
		}
		if al.defOff[y][pair(usa, rus)] || al.formed[y][pair(usa, rus)] != 0 {
			t.Errorf("%d: USA–Russia allied or forming", y)
		}
		if got, want := al.defOff[y][pair(pol, usa)], y >= 1997; got != want {
			t.Errorf("%d: USA–Poland allied %v, want %v", y, got, want)
		}
		if got, want := al.formed[y][pair(usa, pol)] != 0, y >= 1992 && y <= 1996; got != want {
			t.Errorf("%d: USA–Poland forming %v, want %v", y, got, want)
		}
	}
	d, err := w.buildYear(h, al, 1995, fpsimOptions())
	if err != nil {
		t.Fatal(err)
	}
	local := map[int]int{}
	for i, s := range d.states {
		local[s] = i
	}
	p := d.pairIndex(local[usa], local[pol])
	if !d.label[p] || d.allied[p] {
		t.Errorf("1995 USA–Poland: label %v allied %v, want a new pair", d.label[p], d.allied[p])
	}
	if q := d.pairIndex(local[usa], local[uk]); !d.allied[q] || d.label[q] {
		t.Errorf("1995 USA–UK: allied %v label %v, want allied and no label", d.allied[q], d.label[q])
	}
}
