package peacesciencer

import (
	"io"
	"math"
	"strconv"

	"github.com/entente/entente/dataset/csvio"
)

// Contiguity is one directed contiguity relationship of COW Direct
// Contiguity 3.2 with its dates; both directions are listed in the file.
type Contiguity struct {
	CCode1, CCode2 int
	// Type is the COW contiguity type: 1 land or river border, 2 separated
	// by at most 12 miles of water, 3 by at most 24, 4 by at most 150, 5
	// by at most 400; the peacesciencer file also has 0 (no contiguity)
	// for a few spells.
	Type       int
	Start, End csvio.Date // stdate, enddate
}

// MinDist is the minimum distance between two states' territories in a
// year (CShapes 2.0), CCode1 < CCode2.
type MinDist struct {
	CCode1, CCode2, Year int
	KM                   float64 // mindist, kilometres (rounded to 0.1)
}

// Capital is one capital of a COW state with its dates and coordinates.
type Capital struct {
	CCode          int
	State, Capital string     // statenme, capital
	Start, End     csvio.Date // stdate, enddate
	Lat, Lng       float64    // degrees
}

// TSSRivalry is one strategic rivalry of Thompson, Sakuwa and Suhas
// (2021), with its years and types.
type TSSRivalry struct {
	ID                                                int    // tssr_id
	Name                                              string // rivalry
	CCode1, CCode2                                    int
	Start, End                                        int // first and last year
	Positional, Spatial, Ideological, Interventionary bool
	Principal, Aprin                                  bool // principal rivalry; aprin as coded by the source
}

// TDRivalry is one strategic rivalry of Thompson and Dreyer (2012).
type TDRivalry struct {
	No             int    // rivalryno
	Name           string // rivalryname
	CCode1, CCode2 int
	Start, End     int      // styear, endyear
	Region         string   // region
	Types          []string // type1..type3 present: spatial, positional, ideological, interventionary
}

// MID is one directed dyad-year of a militarized interstate dispute, one
// dispute per dyad-year (peacesciencer's de-duplicated dyadic MID data).
type MID struct {
	GML                  bool // from the Gibler-Miller-Little data (gmlmid* columns), not COW-MID
	DispNum              int
	CCode1, CCode2, Year int
	Ongoing, Onset       bool // *midongoing, *midonset
	SideA1, SideA2       bool // on side A (the initiating side)
	Orig1, Orig2         bool // originator of the dispute
	HostLev1, HostLev2   int  // highest hostility level reached by each, 1 (none) to 5 (war)
	HostLev              int  // the dispute's highest hostility level
	Fatality             int  // dispute fatality level 0-6, -1 when unknown (-9)
	Recip                bool // reciprocated
}

// War is one directed dyad-year at war in COW Inter-State War 4.0; a dyad
// can be in two wars in one year.
type War struct {
	WarNum               int
	CCode1, CCode2, Year int
	Ongoing, Onset       bool    // cowinterongoing, cowinteronset
	Side1, Side2         int     // 1 or 2
	Initiator1           bool    // state 1 initiated
	Initiator2           bool    // state 2 initiated
	Outcome1, Outcome2   int     // COW outcome codes 1-8, -1 when missing
	BatDeath1, BatDeath2 float64 // battle deaths, NaN when unknown (-9)
	Resume               bool    // war resumed
}

// Democracy is one state-year's regime scores; NaN where missing.
type Democracy struct {
	CCode, Year int
	Polyarchy   float64 // v2x_polyarchy: V-Dem electoral democracy, 0-1
	Polity2     float64 // polity2: -10 to 10
	QuDS        float64 // xm_qudsest: Márquez's extended Unified Democracy Scores
}

// IGODyad is the number of IGOs two states both belong to in a year,
// CCode1 < CCode2.
type IGODyad struct {
	CCode1, CCode2, Year int
	IGOs                 int // dyadigos
}

// CREG is one state-year of the Composition of Religious and Ethnic
// Groups data; NaN where missing.
type CREG struct {
	CCode, GWCode, Year int
	EthFrac, EthPol     float64 // ethnic fractionalisation and polarisation
	RelFrac, RelPol     float64 // religious fractionalisation and polarisation
}

var (
	contiguitySchema = csvio.Schema{Dataset: "COW direct contiguity (cow_contdir.csv)",
		Required: []string{"ccode1", "ccode2", "conttype", "stdate", "enddate"}}
	minDistSchema = csvio.Schema{Dataset: "minimum distances (cow_mindist.csv)",
		Required: []string{"ccode1", "ccode2", "year", "mindist"}}
	capitalSchema = csvio.Schema{Dataset: "COW capitals (cow_capitals.csv)",
		Required: []string{"ccode", "statenme", "capital", "stdate", "enddate", "lat", "lng"}}
	tssSchema = csvio.Schema{Dataset: "Thompson-Sakuwa-Suhas rivalries (tss_rivalries.csv)",
		Required: []string{"tssr_id", "rivalry", "ccode1", "ccode2", "start", "end", "positional", "spatial",
			"ideological", "interventionary", "principal", "aprin"}}
	tdSchema = csvio.Schema{Dataset: "Thompson-Dreyer rivalries (td_rivalries.csv)",
		Required: []string{"rivalryno", "rivalryname", "ccode1", "ccode2", "styear", "endyear", "region", "type1", "type2", "type3"}}
	warSchema = csvio.Schema{Dataset: "COW inter-state war dyad-years (cow_war_inter.csv)",
		Required: []string{"warnum", "ccode1", "ccode2", "year", "cowinterongoing", "cowinteronset", "sidea1", "sidea2",
			"initiator1", "initiator2", "outcome1", "outcome2", "batdeath1", "batdeath2", "resume"}}
	democracySchema = csvio.Schema{Dataset: "democracy scores (ccode_democracy.csv)",
		Required: []string{"ccode", "year", "v2x_polyarchy", "polity2", "xm_qudsest"}}
	igoSchema = csvio.Schema{Dataset: "COW IGO dyad-years (cow_igo_ndy.csv)",
		Required: []string{"ccode1", "ccode2", "year", "dyadigos"}}
	cregSchema = csvio.Schema{Dataset: "CREG fractionalisation (creg.csv)",
		Required: []string{"ccode", "gwcode", "year", "ethfrac", "ethpol", "relfrac", "relpol"}}
	midCommon = []string{"dispnum", "ccode1", "ccode2", "year", "sidea1", "sidea2", "hostlev1", "hostlev2",
		"orig1", "orig2", "fatality", "hostlev", "recip"}
	cowMIDSchema = csvio.Schema{Dataset: "COW-MID dyad-years (cow_mid_ddydisps.csv)",
		Required: append([]string{"cowmidongoing", "cowmidonset"}, midCommon...)}
	gmlMIDSchema = csvio.Schema{Dataset: "GML MID dyad-years (gml_mid_ddydisps.csv)",
		Required: append([]string{"gmlmidongoing", "gmlmidonset"}, midCommon...)}
)

// open checks the header and returns the reader and the indexes of the
// schema's required columns, in order.
func open(r io.Reader, name string, s csvio.Schema) (*csvio.Reader, []int, error) {
	rd, err := csvio.NewChecked(r, name, csvio.Options{}, s)
	if err != nil {
		return nil, nil, err
	}
	c := make([]int, len(s.Required))
	for i, n := range s.Required {
		c[i] = rd.Col(n)
	}
	return rd, c, nil
}

func ccode(rd *csvio.Reader, c int) int { return rd.IntIn(c, 1, 999, "a COW country code") }

// optCode reads a code in [lo, hi], -1 when empty or coded -9.
func optCode(rd *csvio.Reader, c, lo, hi int) int {
	if rd.IsMissing(c) || rd.Str(c) == "-9" {
		return -1
	}
	return rd.IntIn(c, lo, hi, "a code from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi)+" or -9")
}

// count reads a non-negative quantity, NaN when empty or coded -9.
func count(rd *csvio.Reader, c int) float64 {
	if rd.Str(c) == "-9" {
		return math.NaN()
	}
	x := rd.Float(c)
	if x < 0 {
		rd.Fail(c, "a non-negative number or -9")
	}
	return x
}

// bounded reads a number in [lo, hi], NaN when empty.
func bounded(rd *csvio.Reader, c int, lo, hi float64, what string) float64 {
	x := rd.Float(c)
	if x < lo || x > hi {
		rd.Fail(c, what)
	}
	return x
}

// optFlag reads 1 as true and 0 or empty as false (the rivalry files
// leave a type that does not apply empty).
func optFlag(rd *csvio.Reader, c int) bool { return rd.Flag(c).Yes() }

// ReadContiguity streams cow_contdir.csv.
func ReadContiguity(r io.Reader, name string, fn func(Contiguity) error) error {
	rd, c, err := open(r, name, contiguitySchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) Contiguity {
		x := Contiguity{CCode1: ccode(rd, c[0]), CCode2: ccode(rd, c[1]),
			Type: rd.IntIn(c[2], 0, 5, "a contiguity type 0-5"), Start: rd.ISODate(c[3]), End: rd.ISODate(c[4])}
		if x.End.Before(x.Start) {
			rd.Fail(c[4], "an end date not before stdate "+x.Start.String())
		}
		return x
	}, fn)
}

// ReadMinDist streams cow_mindist.csv.
func ReadMinDist(r io.Reader, name string, fn func(MinDist) error) error {
	rd, c, err := open(r, name, minDistSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) MinDist {
		return MinDist{CCode1: ccode(rd, c[0]), CCode2: ccode(rd, c[1]), Year: rd.Year(c[2]),
			KM: bounded(rd, c[3], 0, 21000, "a distance in km (0-21000)")}
	}, fn)
}

// ReadCapitals streams cow_capitals.csv.
func ReadCapitals(r io.Reader, name string, fn func(Capital) error) error {
	rd, c, err := open(r, name, capitalSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) Capital {
		return Capital{CCode: ccode(rd, c[0]), State: rd.Str(c[1]), Capital: rd.Str(c[2]),
			Start: rd.ISODate(c[3]), End: rd.ISODate(c[4]),
			Lat: bounded(rd, c[5], -90, 90, "a latitude (-90 to 90)"), Lng: bounded(rd, c[6], -180, 180, "a longitude (-180 to 180)")}
	}, fn)
}

// ReadTSS streams tss_rivalries.csv.
func ReadTSS(r io.Reader, name string, fn func(TSSRivalry) error) error {
	rd, c, err := open(r, name, tssSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) TSSRivalry {
		x := TSSRivalry{ID: rd.IntIn(c[0], 1, 1<<20, "a rivalry id"), Name: rd.Str(c[1]), CCode1: ccode(rd, c[2]), CCode2: ccode(rd, c[3]),
			Start: rd.Year(c[4]), End: rd.Year(c[5]), Positional: optFlag(rd, c[6]), Spatial: optFlag(rd, c[7]),
			Ideological: optFlag(rd, c[8]), Interventionary: optFlag(rd, c[9]), Principal: optFlag(rd, c[10]), Aprin: optFlag(rd, c[11])}
		if x.End < x.Start {
			rd.Fail(c[5], "an end year not before the start "+strconv.Itoa(x.Start))
		}
		return x
	}, fn)
}

// ReadTD streams td_rivalries.csv.
func ReadTD(r io.Reader, name string, fn func(TDRivalry) error) error {
	rd, c, err := open(r, name, tdSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) TDRivalry {
		x := TDRivalry{No: rd.IntIn(c[0], 1, 1<<20, "a rivalry number"), Name: rd.Str(c[1]), CCode1: ccode(rd, c[2]), CCode2: ccode(rd, c[3]),
			Start: rd.Year(c[4]), End: rd.Year(c[5]), Region: rd.Str(c[6])}
		for _, k := range c[7:10] {
			switch t := rd.Str(k); t {
			case "":
			case "spatial", "positional", "ideological", "interventionary":
				x.Types = append(x.Types, t)
			default:
				rd.Fail(k, "spatial, positional, ideological, interventionary or empty")
			}
		}
		if x.End < x.Start {
			rd.Fail(c[5], "an end year not before the start "+strconv.Itoa(x.Start))
		}
		return x
	}, fn)
}

// ReadMIDs streams a dyadic MID file: cow_mid_ddydisps.csv (COW-MID) or
// gml_mid_ddydisps.csv (GML), told apart by their onset columns.
func ReadMIDs(r io.Reader, name string, fn func(MID) error) error {
	rd, err := csvio.NewReader(r, name, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	s, gml := cowMIDSchema, false
	if rd.Has("gmlmidonset") {
		s, gml = gmlMIDSchema, true
	}
	if err := rd.Check(s); err != nil {
		return err
	}
	c := make([]int, len(s.Required))
	for i, n := range s.Required {
		c[i] = rd.Col(n)
	}
	return csvio.Each(rd, func(rd *csvio.Reader) MID {
		return MID{GML: gml, Ongoing: rd.Bool(c[0]), Onset: rd.Bool(c[1]),
			DispNum: rd.IntIn(c[2], 1, 1<<20, "a dispute number"), CCode1: ccode(rd, c[3]), CCode2: ccode(rd, c[4]), Year: rd.Year(c[5]),
			SideA1: rd.Bool(c[6]), SideA2: rd.Bool(c[7]),
			HostLev1: rd.IntIn(c[8], 1, 5, "a hostility level 1-5"), HostLev2: rd.IntIn(c[9], 1, 5, "a hostility level 1-5"),
			Orig1: rd.Bool(c[10]), Orig2: rd.Bool(c[11]), Fatality: optCode(rd, c[12], 0, 6),
			HostLev: rd.IntIn(c[13], 1, 5, "a hostility level 1-5"), Recip: rd.Bool(c[14])}
	}, fn)
}

// ReadWars streams cow_war_inter.csv.
func ReadWars(r io.Reader, name string, fn func(War) error) error {
	rd, c, err := open(r, name, warSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) War {
		return War{WarNum: rd.IntIn(c[0], 1, 1<<20, "a war number"), CCode1: ccode(rd, c[1]), CCode2: ccode(rd, c[2]), Year: rd.Year(c[3]),
			Ongoing: rd.Bool(c[4]), Onset: rd.Bool(c[5]),
			Side1: rd.IntIn(c[6], 1, 2, "side 1 or 2"), Side2: rd.IntIn(c[7], 1, 2, "side 1 or 2"),
			Initiator1: rd.Bool(c[8]), Initiator2: rd.Bool(c[9]),
			Outcome1: optCode(rd, c[10], 1, 8), Outcome2: optCode(rd, c[11], 1, 8),
			BatDeath1: count(rd, c[12]), BatDeath2: count(rd, c[13]), Resume: rd.Bool(c[14])}
	}, fn)
}

// ReadDemocracy streams ccode_democracy.csv.
func ReadDemocracy(r io.Reader, name string, fn func(Democracy) error) error {
	rd, c, err := open(r, name, democracySchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) Democracy {
		return Democracy{CCode: ccode(rd, c[0]), Year: rd.Year(c[1]),
			Polyarchy: bounded(rd, c[2], 0, 1, "a V-Dem polyarchy score 0-1"),
			Polity2:   bounded(rd, c[3], -10, 10, "a Polity2 score -10 to 10"),
			QuDS:      bounded(rd, c[4], -10, 10, "a UDS score")}
	}, fn)
}

// ReadIGOs streams cow_igo_ndy.csv.
func ReadIGOs(r io.Reader, name string, fn func(IGODyad) error) error {
	rd, c, err := open(r, name, igoSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) IGODyad {
		return IGODyad{CCode1: ccode(rd, c[0]), CCode2: ccode(rd, c[1]), Year: rd.Year(c[2]),
			IGOs: rd.IntIn(c[3], 0, 1000, "a number of IGOs")}
	}, fn)
}

// ReadCREG streams creg.csv.
func ReadCREG(r io.Reader, name string, fn func(CREG) error) error {
	rd, c, err := open(r, name, cregSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	return csvio.Each(rd, func(rd *csvio.Reader) CREG {
		const share = "a share between 0 and 1"
		return CREG{CCode: ccode(rd, c[0]), GWCode: ccode(rd, c[1]), Year: rd.Year(c[2]),
			EthFrac: bounded(rd, c[3], 0, 1, share), EthPol: bounded(rd, c[4], 0, 1, share),
			RelFrac: bounded(rd, c[5], 0, 1, share), RelPol: bounded(rd, c[6], 0, 1, share)}
	}, fn)
}

// Load functions read a whole file at path.

// LoadContiguity reads cow_contdir.csv at path.
func LoadContiguity(path string) ([]Contiguity, error) { return csvio.Collect(path, ReadContiguity) }

// LoadMinDist reads cow_mindist.csv at path.
func LoadMinDist(path string) ([]MinDist, error) { return csvio.Collect(path, ReadMinDist) }

// LoadCapitals reads cow_capitals.csv at path.
func LoadCapitals(path string) ([]Capital, error) { return csvio.Collect(path, ReadCapitals) }

// LoadTSS reads tss_rivalries.csv at path.
func LoadTSS(path string) ([]TSSRivalry, error) { return csvio.Collect(path, ReadTSS) }

// LoadTD reads td_rivalries.csv at path.
func LoadTD(path string) ([]TDRivalry, error) { return csvio.Collect(path, ReadTD) }

// LoadMIDs reads cow_mid_ddydisps.csv or gml_mid_ddydisps.csv at path.
func LoadMIDs(path string) ([]MID, error) { return csvio.Collect(path, ReadMIDs) }

// LoadWars reads cow_war_inter.csv at path.
func LoadWars(path string) ([]War, error) { return csvio.Collect(path, ReadWars) }

// LoadDemocracy reads ccode_democracy.csv at path.
func LoadDemocracy(path string) ([]Democracy, error) { return csvio.Collect(path, ReadDemocracy) }

// LoadIGOs reads cow_igo_ndy.csv at path.
func LoadIGOs(path string) ([]IGODyad, error) { return csvio.Collect(path, ReadIGOs) }

// LoadCREG reads creg.csv at path.
func LoadCREG(path string) ([]CREG, error) { return csvio.Collect(path, ReadCREG) }
