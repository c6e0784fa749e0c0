package datadir

import (
	"testing"

	"github.com/entente/entente/internal/sharedata"
)

func TestCarryNote(t *testing.T) {
	for _, tc := range []struct {
		from, to int
		want     string
	}{
		{1816, 2016, ""},
		{1990, 2000, ""},
		{1816, 2018, "the COW system data end in 2016; 2017-2018 use the 2016 members, without CINC weights"},
		{2017, 2018, "the COW system data end in 2016; 2017-2018 use the 2016 members, without CINC weights"},
		{2018, 2018, "the COW system data end in 2016; 2018-2018 use the 2016 members, without CINC weights"},
	} {
		if got := CarryNote(tc.from, tc.to); got != tc.want {
			t.Errorf("CarryNote(%d, %d) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestPortfolioSources checks that the sources carry the system forward
// only when the years go past its last.
func TestPortfolioSources(t *testing.T) {
	for _, f := range PanelFiles(6) {
		sharedata.Path(t, f)
	}
	d := Dir(sharedata.Root())
	for _, tc := range []struct{ from, to, carry int }{{1816, 2016, 0}, {2000, 2018, 2018}} {
		src, note, err := d.PortfolioSources(tc.from, tc.to)
		if err != nil {
			t.Fatal(err)
		}
		if src.CarryTo != tc.carry || (note == "") != (tc.carry == 0) || len(src.Members) == 0 {
			t.Errorf("%d-%d: CarryTo %d, note %q, %d members; want CarryTo %d and a note only when carried", tc.from, tc.to, src.CarryTo, note, len(src.Members), tc.carry)
		}
	}
}

// TestPanel checks that the panel covers the COW system's years and no more.
func TestPanel(t *testing.T) {
	for _, f := range PanelFiles(6) {
		sharedata.Path(t, f)
	}
	p, err := Dir(sharedata.Root()).Panel(6)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		year int
		want bool
	}{{SystemYears[0], true}, {SystemYears[1], true}, {SystemYears[0] - 1, false}, {SystemYears[1] + 1, false}} {
		if _, ok := p.Year(tc.year); ok != tc.want {
			t.Errorf("Year(%d): %v, want %v", tc.year, ok, tc.want)
		}
	}
}
