package panel

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/table"
)

// Covariate names a family of columns added to the panels, in the manner
// of peacesciencer's add_* functions (Miller 2022). See DyadCovariateDocs
// and StateCovariateDocs for each family's columns, source and coding.
type Covariate string

// The covariate families. Distance and IGOs exist for dyads only, CREG
// for states only.
const (
	Contiguity Covariate = "contiguity"
	Distance   Covariate = "distance"
	Rivalry    Covariate = "rivalry"
	MIDs       Covariate = "mids"
	Wars       Covariate = "wars"
	Democracy  Covariate = "democracy"
	IGOs       Covariate = "igos"
	CREG       Covariate = "creg"
)

// DyadCovariates lists the families the dyad-year panel takes, in column
// order.
var DyadCovariates = []Covariate{Contiguity, Distance, Rivalry, MIDs, Wars, Democracy, IGOs}

// StateCovariates lists the families the state-year panel takes.
var StateCovariates = []Covariate{Contiguity, Rivalry, MIDs, Wars, Democracy, CREG}

// DyadCovariateDocs documents each dyad-year family: its columns, source
// and coding. "Coverage" is the span of the source; outside it every
// column of the family is empty (unknown), never 0.
var DyadCovariateDocs = map[Covariate]string{
	Contiguity: "conttype: the closest COW direct contiguity in force at any time in the year " +
		"(1 land or river border, 2-5 separated by at most 12, 24, 150, 400 miles of water; 0 none). " +
		"COW Direct Contiguity 3.2 (cow_contdir), coverage 1816-2016.",
	Distance: "mindist: minimum distance between the two states' territories, km (CShapes 2.0, " +
		"Schvitz et al. 2022; cow_mindist), coverage 1886-2019, empty where the source has no row; " +
		"capdist: great-circle distance between the capitals in force at the end of the year " +
		"(the last capital of the year for a state that ended in it), km on a sphere of radius 6371 km " +
		"(cow_capitals), empty where a capital is unknown.",
	Rivalry: "rivalry: 1 when the two were strategic rivals at some time in the year, else 0; tssr_id: " +
		"the rivalry's id (empty when none). Thompson, Sakuwa and Suhas (2021; tss_rivalries), coverage 1494-2020.",
	MIDs: "cowmidonset, cowmidongoing: 1 when a militarized interstate dispute between the two began in, " +
		"or was under way in, the year, else 0; hostlev: the dispute's highest hostility level (2 threat, " +
		"3 display, 4 use of force, 5 war), empty without a dispute. COW-MID 5.0, one dispute per dyad-year " +
		"as peacesciencer selects it (cow_mid_ddydisps), coverage 1816-2014.",
	Wars: "cowinteronset, cowinterongoing: 1 when the two were on opposite sides of an inter-state war " +
		"that began in, or was under way in, the year, else 0. COW Inter-State War 4.0 (cow_war_inter), coverage 1816-2007.",
	Democracy: "v2x_polyarchy1, polity21, xm_qudsest1 and the same for state 2: V-Dem electoral democracy " +
		"(0-1), Polity2 (-10..10) and Márquez's extended Unified Democracy Scores (ccode_democracy), " +
		"empty where the source has no score.",
	IGOs: "dyadigos: number of intergovernmental organisations both belong to (COW IGO 3.0; cow_igo_ndy), " +
		"coverage 1816-2014, empty where the source has no row.",
}

// StateCovariateDocs documents each state-year family.
var StateCovariateDocs = map[Covariate]string{
	Contiguity: "land, sea: the number of states the state was contiguous with at some time in the year, " +
		"by land or river (type 1) and across at most 400 miles of water (types 2-5). COW Direct Contiguity 3.2, coverage 1816-2016.",
	Rivalry: "rivalries: the number of strategic rivalries the state was in during the year (TSS, coverage 1494-2020).",
	MIDs: "cowmidonset, cowmidongoing: 1 when the state was in a militarized interstate dispute that began in, " +
		"or was under way in, the year, else 0 (COW-MID 5.0 dyadic, coverage 1816-2014).",
	Wars:      "cowinteronset, cowinterongoing: as for MIDs, for inter-state wars (COW Inter-State War 4.0, coverage 1816-2007).",
	Democracy: "v2x_polyarchy, polity2, xm_qudsest: as for dyads, for the state.",
	CREG: "ethfrac, ethpol, relfrac, relpol: ethnic and religious fractionalisation and polarisation " +
		"(CREG, Nardulli et al.; creg), coverage 1945-2013, empty where the source has no row.",
}

// ParseCovariates reads a comma-separated --with list for the dyad
// (states = false) or state-year panel; "all" means every family the
// panel takes.
func ParseCovariates(list string, states bool) ([]Covariate, error) {
	allowed, what := DyadCovariates, "panel dyads"
	if states {
		allowed, what = StateCovariates, "panel states"
	}
	if strings.TrimSpace(list) == "all" {
		return slices.Clone(allowed), nil
	}
	var out []Covariate
	for _, f := range strings.Split(list, ",") {
		c := Covariate(strings.TrimSpace(f))
		if c == "" {
			continue
		}
		if !slices.Contains(allowed, c) {
			names := make([]string, len(allowed))
			for i, a := range allowed {
				names[i] = string(a)
			}
			return nil, fmt.Errorf("%q is not a covariate of %s (expected %s or all)", string(c), what, strings.Join(names, ", "))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// CovariateSources are the peacesciencer records the covariates are built
// from; only those of the families asked for are needed.
type CovariateSources struct {
	Contiguity []peacesciencer.Contiguity
	MinDist    []peacesciencer.MinDist
	Capitals   []peacesciencer.Capital
	Rivalries  []peacesciencer.TSSRivalry
	MIDs       []peacesciencer.MID // COW-MID (cow_mid_ddydisps)
	Wars       []peacesciencer.War
	Democracy  []peacesciencer.Democracy
	IGOs       []peacesciencer.IGODyad
	CREG       []peacesciencer.CREG
}

// Coverage spans of the sources (first and last year with data).
var (
	contiguitySpan = [2]int{1816, 2016}
	midSpan        = [2]int{1816, 2014}
	warSpan        = [2]int{1816, 2007}
	igoSpan        = [2]int{1816, 2014}
	minDistSpan    = [2]int{1886, 2019}
	rivalrySpan    = [2]int{1494, 2020}
	cregSpan       = [2]int{1945, 2013}
)

func in(y int, span [2]int) bool { return y >= span[0] && y <= span[1] }

// Covariates holds the indexes of the chosen covariate families, ready to
// append their columns to panel rows. It is immutable once built.
type Covariates struct {
	with   []Covariate
	states bool

	cont     dyadYears[int8] // undirected: closest contiguity type 1-5
	mindist  dyadYears[float64]
	rivalry  dyadYears[int32] // undirected: TSS id
	mids     dyadYears[int8]  // directed: onset 1, ongoing 2 bits; hostlev << 2
	wars     dyadYears[int8]  // directed: onset 1, ongoing 2
	igos     dyadYears[int16]
	capitals map[int][]peacesciencer.Capital
	dem      stateYears[[3]float64]
	creg     stateYears[[4]float64]
	// state-year counts
	land, sea, rivalries stateYears[int16]
	stateMIDs, stateWars stateYears[int8]
}

// NewCovariates indexes the sources of the families in with, for the dyad
// (states = false) or state-year panel. A family whose source is empty is
// an error: it would otherwise read as "none".
func NewCovariates(with []Covariate, states bool, src CovariateSources) (*Covariates, error) {
	c := &Covariates{with: with, states: states}
	need := func(cov Covariate, n int, file string) error {
		if n == 0 {
			return fmt.Errorf("panel: covariate %s needs %s, which is empty", cov, file)
		}
		return nil
	}
	for _, cov := range with {
		var err error
		switch cov {
		case Contiguity:
			if err = need(cov, len(src.Contiguity), "cow_contdir"); err == nil {
				c.indexContiguity(src.Contiguity)
			}
		case Distance:
			if err = need(cov, len(src.MinDist), "cow_mindist"); err == nil {
				err = need(cov, len(src.Capitals), "cow_capitals")
			}
			if err == nil {
				c.indexDistance(src.MinDist, src.Capitals)
			}
		case Rivalry:
			if err = need(cov, len(src.Rivalries), "tss_rivalries"); err == nil {
				c.indexRivalries(src.Rivalries)
			}
		case MIDs:
			if err = need(cov, len(src.MIDs), "cow_mid_ddydisps"); err == nil {
				c.indexMIDs(src.MIDs)
			}
		case Wars:
			if err = need(cov, len(src.Wars), "cow_war_inter"); err == nil {
				c.indexWars(src.Wars)
			}
		case Democracy:
			if err = need(cov, len(src.Democracy), "ccode_democracy"); err == nil {
				c.dem = newStateYears[[3]float64]()
				for _, d := range src.Democracy {
					c.dem.set(d.Year, d.CCode, [3]float64{d.Polyarchy, d.Polity2, d.QuDS})
				}
			}
		case IGOs:
			if err = need(cov, len(src.IGOs), "cow_igo_ndy"); err == nil {
				b := newDyadBuilder[int16]()
				for _, r := range src.IGOs {
					b.add(r.Year, r.CCode1, r.CCode2, int16(r.IGOs), nil)
				}
				c.igos = b.build()
			}
		case CREG:
			if err = need(cov, len(src.CREG), "creg"); err == nil {
				c.creg = newStateYears[[4]float64]()
				for _, r := range src.CREG {
					c.creg.set(r.Year, r.CCode, [4]float64{r.EthFrac, r.EthPol, r.RelFrac, r.RelPol})
				}
			}
		default:
			err = fmt.Errorf("panel: unknown covariate %q", string(cov))
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// yearsOf returns the years a dated spell touches, inclusive.
func yearsOf(from, to csvio.Date) (int, int) { return from.Year, to.Year }

func (c *Covariates) indexContiguity(rows []peacesciencer.Contiguity) {
	b := newDyadBuilder[int8]()
	land, sea := map[[2]int]map[int]bool{}, map[[2]int]map[int]bool{} // (year, state) -> partners
	mark := func(m map[[2]int]map[int]bool, y, a, p int) {
		k := [2]int{y, a}
		if m[k] == nil {
			m[k] = map[int]bool{}
		}
		m[k][p] = true
	}
	closer := func(old, new int8) int8 { return min(old, new) }
	for _, r := range rows {
		if r.Type == 0 {
			continue
		}
		lo, hi := yearsOf(r.Start, r.End)
		for y := lo; y <= hi; y++ {
			a, z := min(r.CCode1, r.CCode2), max(r.CCode1, r.CCode2)
			b.add(y, a, z, int8(r.Type), closer)
			if r.Type == 1 {
				mark(land, y, r.CCode1, r.CCode2)
				mark(land, y, r.CCode2, r.CCode1)
			} else {
				mark(sea, y, r.CCode1, r.CCode2)
				mark(sea, y, r.CCode2, r.CCode1)
			}
		}
	}
	c.cont = b.build()
	c.land, c.sea = newStateYears[int16](), newStateYears[int16]()
	for k, ps := range land {
		c.land.set(k[0], k[1], int16(len(ps)))
	}
	for k, ps := range sea {
		// a state both land- and sea-contiguous with another counts by land
		n := 0
		for p := range ps {
			if !land[k][p] {
				n++
			}
		}
		c.sea.set(k[0], k[1], int16(n))
	}
}

func (c *Covariates) indexDistance(md []peacesciencer.MinDist, caps []peacesciencer.Capital) {
	b := newDyadBuilder[float64]()
	for _, r := range md {
		b.add(r.Year, min(r.CCode1, r.CCode2), max(r.CCode1, r.CCode2), r.KM, nil)
	}
	c.mindist = b.build()
	c.capitals = map[int][]peacesciencer.Capital{}
	for _, cp := range caps {
		c.capitals[cp.CCode] = append(c.capitals[cp.CCode], cp)
	}
	for _, cs := range c.capitals {
		slices.SortFunc(cs, func(x, y peacesciencer.Capital) int { return cmp.Compare(dateKey(x.Start), dateKey(y.Start)) })
	}
}

func dateKey(d csvio.Date) int { return d.Year*10000 + d.Month*100 + d.Day }

// capital returns the state's capital at the end of year y: the one in
// force on 31 December, else the last one whose spell touched the year.
func (c *Covariates) capital(ccode, y int) (peacesciencer.Capital, bool) {
	var best peacesciencer.Capital
	found := false
	end := y*10000 + 1231
	for _, cp := range c.capitals[ccode] {
		if cp.Start.Year > y || cp.End.Year < y {
			continue
		}
		if dateKey(cp.Start) <= end && dateKey(cp.End) >= end {
			return cp, true
		}
		best, found = cp, true
	}
	return best, found
}

// greatCircle is the haversine distance in km between two points given
// in degrees, on a sphere of radius 6371 km.
func greatCircle(lat1, lng1, lat2, lng2 float64) float64 {
	rad := math.Pi / 180
	return greatCircleRad(lat1*rad, lng1*rad, lat2*rad, lng2*rad)
}

// greatCircleRad is greatCircle for coordinates in radians.
func greatCircleRad(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371.0
	dlat, dlng := lat2-lat1, lng2-lng1
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dlng/2)*math.Sin(dlng/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func (c *Covariates) indexRivalries(rs []peacesciencer.TSSRivalry) {
	b := newDyadBuilder[int32]()
	count := map[[2]int]int{}
	for _, r := range rs {
		for y := r.Start; y <= r.End; y++ {
			b.add(y, min(r.CCode1, r.CCode2), max(r.CCode1, r.CCode2), int32(r.ID), func(old, new int32) int32 { return min(old, new) })
			count[[2]int{y, r.CCode1}]++
			count[[2]int{y, r.CCode2}]++
		}
	}
	c.rivalry = b.build()
	c.rivalries = newStateYears[int16]()
	for k, n := range count {
		c.rivalries.set(k[0], k[1], int16(n))
	}
}

func (c *Covariates) indexMIDs(ms []peacesciencer.MID) {
	b := newDyadBuilder[int8]()
	state := map[[2]int]int8{}
	for _, m := range ms {
		v := int8(0)
		if m.Onset {
			v |= 1
		}
		if m.Ongoing {
			v |= 2
		}
		b.add(m.Year, m.CCode1, m.CCode2, v|int8(m.HostLev)<<2, func(old, new int8) int8 {
			return (old|new)&3 | max(old>>2, new>>2)<<2
		})
		state[[2]int{m.Year, m.CCode1}] |= v
	}
	c.mids = b.build()
	c.stateMIDs = newStateYears[int8]()
	for k, v := range state {
		c.stateMIDs.set(k[0], k[1], v)
	}
}

func (c *Covariates) indexWars(ws []peacesciencer.War) {
	b := newDyadBuilder[int8]()
	state := map[[2]int]int8{}
	for _, w := range ws {
		v := int8(0)
		if w.Onset {
			v |= 1
		}
		if w.Ongoing {
			v |= 2
		}
		b.add(w.Year, w.CCode1, w.CCode2, v, func(old, new int8) int8 { return old | new })
		state[[2]int{w.Year, w.CCode1}] |= v
	}
	c.wars = b.build()
	c.stateWars = newStateYears[int8]()
	for k, v := range state {
		c.stateWars.set(k[0], k[1], v)
	}
}

// Header returns the columns the covariates add, in order.
func (c *Covariates) Header() []string { return table.Names(c.Columns()) }

// Columns returns the columns the covariates add, in order, with their
// kinds: counts, codes and 0/1 indicators are integers, distances and
// scores numbers.
func (c *Covariates) Columns() []table.Column {
	var cols []table.Column
	for _, cov := range c.with {
		cols = append(cols, covariateColumns(cov, c.states)...)
	}
	return cols
}

func covariateColumns(cov Covariate, states bool) []table.Column {
	if states {
		return map[Covariate][]table.Column{
			Contiguity: ints("land", "sea"), Rivalry: ints("rivalries"), MIDs: ints("cowmidonset", "cowmidongoing"),
			Wars: ints("cowinteronset", "cowinterongoing"), Democracy: floats("v2x_polyarchy", "polity2", "xm_qudsest"),
			CREG: floats("ethfrac", "ethpol", "relfrac", "relpol"),
		}[cov]
	}
	return map[Covariate][]table.Column{
		Contiguity: ints("conttype"), Distance: floats("mindist", "capdist"), Rivalry: ints("rivalry", "tssr_id"),
		MIDs: ints("cowmidonset", "cowmidongoing", "hostlev"), Wars: ints("cowinteronset", "cowinterongoing"),
		Democracy: floats("v2x_polyarchy1", "polity21", "xm_qudsest1", "v2x_polyarchy2", "polity22", "xm_qudsest2"),
		IGOs:      ints("dyadigos"),
	}[cov]
}

// AppendDyad appends ",v1,v2,..." for the dyad (a, b) in year y, COW
// codes; a directed dyad reads the directed sources (MIDs, wars) as a→b.
func (c *Covariates) AppendDyad(buf []byte, y, a, b int) []byte {
	var row table.Row
	c.dyadCells(&row, &yearCache{}, y, a, b)
	return table.AppendCSV(buf, &row, true)
}

// yearCache keeps one year's per-state cells, so that a year's dyads
// gather (and a CSV writer formats) each state's democracy scores and
// look up its capital once.
type yearCache struct {
	year    int
	dem     map[int]*table.Group
	capital map[int][3]float64 // lat, lng (radians), ok (1)
}

func (yc *yearCache) reset(y int) {
	if yc.dem != nil && yc.year == y {
		return
	}
	yc.year, yc.dem, yc.capital = y, map[int]*table.Group{}, map[int][3]float64{}
}

// demCells returns state s's democracy scores in year y (NaN where
// missing).
func (c *Covariates) demCells(yc *yearCache, y, s int) *table.Group {
	if g, ok := yc.dem[s]; ok {
		return g
	}
	d, ok := c.dem.get(y, s)
	if !ok {
		d = [3]float64{math.NaN(), math.NaN(), math.NaN()}
	}
	g := &table.Group{}
	for _, v := range d {
		g.Float(v)
	}
	yc.dem[s] = g
	return g
}

func (c *Covariates) capitalOf(yc *yearCache, y, s int) ([3]float64, bool) {
	if p, ok := yc.capital[s]; ok {
		return p, p[2] == 1
	}
	var p [3]float64
	if cp, ok := c.capital(s, y); ok {
		p = [3]float64{cp.Lat * math.Pi / 180, cp.Lng * math.Pi / 180, 1}
	}
	yc.capital[s] = p
	return p, p[2] == 1
}

// dyadCells appends the covariates' cells of the dyad (a, b) in year y
// (the columns of Columns).
func (c *Covariates) dyadCells(row *table.Row, yc *yearCache, y, a, b int) {
	yc.reset(y)
	lo, hi := min(a, b), max(a, b)
	for _, cov := range c.with {
		switch cov {
		case Contiguity:
			if in(y, contiguitySpan) {
				t, _ := c.cont.get(y, lo, hi)
				row.Int(int64(t))
			} else {
				row.Null(table.Int)
			}
		case Distance:
			if d, ok := c.mindist.get(y, lo, hi); ok && in(y, minDistSpan) {
				row.Float(d)
			} else {
				row.Null(table.Float)
			}
			pa, okA := c.capitalOf(yc, y, a)
			pb, okB := c.capitalOf(yc, y, b)
			if okA && okB {
				row.Float(tenths(greatCircleRad(pa[0], pa[1], pb[0], pb[1])))
			} else {
				row.Null(table.Float)
			}
		case Rivalry:
			if !in(y, rivalrySpan) {
				row.Nulls(table.Int, 2)
				continue
			}
			if id, ok := c.rivalry.get(y, lo, hi); ok {
				row.Int(1)
				row.Int(int64(id))
			} else {
				row.Int(0)
				row.Null(table.Int)
			}
		case MIDs:
			if !in(y, midSpan) {
				row.Nulls(table.Int, 3)
				continue
			}
			v, ok := c.mids.get(y, a, b)
			bitCells(row, v)
			if ok {
				row.Int(int64(v >> 2))
			} else {
				row.Null(table.Int)
			}
		case Wars:
			if !in(y, warSpan) {
				row.Nulls(table.Int, 2)
				continue
			}
			v, _ := c.wars.get(y, a, b)
			bitCells(row, v)
		case Democracy:
			row.Group(c.demCells(yc, y, a))
			row.Group(c.demCells(yc, y, b))
		case IGOs:
			if n, ok := c.igos.get(y, lo, hi); ok && in(y, igoSpan) {
				row.Int(int64(n))
			} else {
				row.Null(table.Int)
			}
		}
	}
}

// tenths rounds a non-negative value to one decimal: the nearest float64
// to a number of tenths, whose shortest form has at most one decimal.
func tenths(v float64) float64 { return float64(int64(math.Round(v*10))) / 10 }

// bitCells appends onset and ongoing, 0 or 1, from bits 1 and 2.
func bitCells(row *table.Row, v int8) {
	row.Flag(v&1 != 0)
	row.Flag(v&2 != 0)
}

// AppendState appends ",v1,v2,..." for state ccode in year y.
func (c *Covariates) AppendState(buf []byte, y, ccode int) []byte {
	var row table.Row
	c.stateCells(&row, y, ccode)
	return table.AppendCSV(buf, &row, true)
}

// stateCells appends the covariates' cells of state ccode in year y.
func (c *Covariates) stateCells(row *table.Row, y, ccode int) {
	for _, cov := range c.with {
		switch cov {
		case Contiguity:
			if !in(y, contiguitySpan) {
				row.Nulls(table.Int, 2)
				continue
			}
			l, _ := c.land.get(y, ccode)
			s, _ := c.sea.get(y, ccode)
			row.Int(int64(l))
			row.Int(int64(s))
		case Rivalry:
			if in(y, rivalrySpan) {
				n, _ := c.rivalries.get(y, ccode)
				row.Int(int64(n))
			} else {
				row.Null(table.Int)
			}
		case MIDs:
			if !in(y, midSpan) {
				row.Nulls(table.Int, 2)
				continue
			}
			v, _ := c.stateMIDs.get(y, ccode)
			bitCells(row, v)
		case Wars:
			if !in(y, warSpan) {
				row.Nulls(table.Int, 2)
				continue
			}
			v, _ := c.stateWars.get(y, ccode)
			bitCells(row, v)
		case Democracy:
			d, ok := c.dem.get(y, ccode)
			if !ok {
				d = [3]float64{math.NaN(), math.NaN(), math.NaN()}
			}
			for _, v := range d {
				row.Float(v)
			}
		case CREG:
			d, ok := c.creg.get(y, ccode)
			if !ok || !in(y, cregSpan) {
				d = [4]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}
			}
			for _, v := range d {
				row.Float(v)
			}
		}
	}
}

// dyadYears is a per-year sorted index of dyad values keyed by the two
// COW codes (a<<10 | b).
type dyadYears[T any] struct {
	first int
	keys  [][]uint32
	vals  [][]T
}

func dyadKey(a, b int) uint32 { return uint32(a)<<10 | uint32(b) }

func (d *dyadYears[T]) get(y, a, b int) (T, bool) {
	var zero T
	i := y - d.first
	if i < 0 || i >= len(d.keys) {
		return zero, false
	}
	ks := d.keys[i]
	k, ok := slices.BinarySearch(ks, dyadKey(a, b))
	if !ok {
		return zero, false
	}
	return d.vals[i][k], true
}

// dyadBuilder collects dyad-year values; merge combines two values for
// the same dyad-year (nil keeps the first added).
type dyadBuilder[T any] struct {
	years map[int][]dyadEntry[T]
	merge func(old, new T) T
}

type dyadEntry[T any] struct {
	key uint32
	seq int32 // order of addition, so that "first added" is stable
	val T
}

func newDyadBuilder[T any]() *dyadBuilder[T] {
	return &dyadBuilder[T]{years: map[int][]dyadEntry[T]{}}
}

func (b *dyadBuilder[T]) add(y, a, z int, v T, merge func(old, new T) T) {
	b.merge = merge
	es := b.years[y]
	b.years[y] = append(es, dyadEntry[T]{key: dyadKey(a, z), seq: int32(len(es)), val: v})
}

func (b *dyadBuilder[T]) build() dyadYears[T] {
	if len(b.years) == 0 {
		return dyadYears[T]{}
	}
	first, last := math.MaxInt, math.MinInt
	for y := range b.years {
		first, last = min(first, y), max(last, y)
	}
	d := dyadYears[T]{first: first, keys: make([][]uint32, last-first+1), vals: make([][]T, last-first+1)}
	for y, es := range b.years {
		slices.SortFunc(es, func(x, z dyadEntry[T]) int { return cmp.Or(cmp.Compare(x.key, z.key), cmp.Compare(x.seq, z.seq)) })
		ks, vs := make([]uint32, 0, len(es)), make([]T, 0, len(es))
		for _, e := range es {
			if n := len(ks); n > 0 && ks[n-1] == e.key {
				if b.merge != nil {
					vs[n-1] = b.merge(vs[n-1], e.val)
				}
				continue
			}
			ks, vs = append(ks, e.key), append(vs, e.val)
		}
		d.keys[y-first], d.vals[y-first] = ks, vs
	}
	return d
}

// stateYears maps (year, COW code) to a value.
type stateYears[T any] struct{ m map[int32]T }

func newStateYears[T any]() stateYears[T] { return stateYears[T]{m: map[int32]T{}} }

func (s stateYears[T]) set(y, c int, v T) { s.m[int32(y)<<10|int32(c)] = v }

func (s stateYears[T]) get(y, c int) (T, bool) {
	v, ok := s.m[int32(y)<<10|int32(c)]
	return v, ok
}
