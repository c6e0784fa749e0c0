package nmc

import (
	"fmt"
	"io"

	"github.com/entente/entente/dataset/csvio"
)

// Version selects the NMC release a file must belong to.
type Version int

// The supported releases.
const (
	V5 Version = 5 // NMC 5.0, version column 2011
	V6 Version = 6 // NMC 6.0, version column 2021
)

// versionValues maps a release to the content of its version column.
var versionValues = map[Version]string{V5: "2011", V6: "2021"}

// String returns "NMC 5.0" or "NMC 6.0".
func (v Version) String() string { return fmt.Sprintf("NMC %d.0", int(v)) }

// Record is one state-year. Missing components are NaN.
type Record struct {
	Abb    string  // stateabb: COW abbreviation
	CCode  int     // ccode: COW country code
	Year   int     // year
	MilEx  float64 // milex: military expenditure
	MilPer float64 // milper: military personnel
	IrSt   float64 // irst: iron and steel production
	PEC    float64 // pec: primary energy consumption
	TPop   float64 // tpop: total population
	UPop   float64 // upop: urban population
	CINC   float64 // cinc: composite index of national capability
}

var columns = []string{"stateabb", "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc", "version"}

// Read streams an NMC file of release v from r, calling fn per state-year.
func Read(r io.Reader, name string, v Version, fn func(Record) error) error {
	want, ok := versionValues[v]
	if !ok {
		return fmt.Errorf("%s: unsupported NMC version %d", name, int(v))
	}
	rd, err := csvio.NewReader(r, name, csvio.Options{Missing: []string{"-9"}})
	if err != nil {
		return err
	}
	defer rd.Close()
	err = rd.Check(csvio.Schema{
		Dataset:       v.String() + " (" + fileName(v) + ")",
		Required:      columns,
		VersionColumn: "version",
		VersionValue:  want,
	})
	if err != nil {
		return err
	}
	c := make([]int, len(columns))
	for i, n := range columns {
		c[i] = rd.Col(n)
	}
	return csvio.Each(rd, func(rd *csvio.Reader) Record {
		return Record{
			Abb:   rd.Str(c[0]),
			CCode: rd.IntIn(c[1], 1, 999, "a COW country code"),
			Year:  rd.Year(c[2]),
			MilEx: component(rd, c[3]), MilPer: component(rd, c[4]), IrSt: component(rd, c[5]),
			PEC: component(rd, c[6]), TPop: component(rd, c[7]), UPop: component(rd, c[8]),
			CINC: share(rd, c[9]),
		}
	}, fn)
}

func fileName(v Version) string {
	if v == V5 {
		return "NMC_5_0.csv"
	}
	return "NMC-60-abridged.csv"
}

// component reads a non-negative quantity, NaN when coded -9.
func component(rd *csvio.Reader, c int) float64 {
	x := rd.Float(c)
	if x < 0 {
		rd.Fail(c, "a non-negative number or -9")
	}
	return x
}

// share reads the CINC score, which must lie in [0, 1].
func share(rd *csvio.Reader, c int) float64 {
	x := rd.Float(c)
	if x < 0 || x > 1 {
		rd.Fail(c, "a CINC share between 0 and 1")
	}
	return x
}

// Load reads the NMC file of release v at path.
func Load(path string, v Version) ([]Record, error) {
	return csvio.Collect(path, func(r io.Reader, name string, fn func(Record) error) error {
		return Read(r, name, v, fn)
	})
}
