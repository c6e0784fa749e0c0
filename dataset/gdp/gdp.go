package gdp

import (
	"io"

	"github.com/entente/entente/dataset/countries"
	"github.com/entente/entente/dataset/csvio"
)

// WorldBankValue is one cell of the World Bank wide table.
type WorldBankValue struct {
	Name      string  // Country Name
	Code      string  // Country Code (ISO3, or a World Bank aggregate code)
	CCode     int     // COW code in Year, 0 if none
	Aggregate bool    // Code is a regional or income aggregate
	Year      int     // the column's year
	USD       float64 // GDP in current US$, NaN if empty
}

// Maddison is a row of the Maddison Project Database 2018.
type Maddison struct {
	Code     string  // countrycode: ISO3
	Country  string  // country
	CCode    int     // COW code in Year, 0 if none (see the package documentation)
	Year     int     // year
	CGDPPC   float64 // cgdppc: real GDP per capita, 2011 US$, for cross-country comparison
	RGDPNAPC float64 // rgdpnapc: real GDP per capita, 2011 US$, for growth over time
	Pop      float64 // pop: population in thousands
	ICIG     string  // i_cig: how cgdppc was obtained (Extrapolated, Benchmark, Interpolated)
	IBM      string  // i_bm: benchmark source
}

const indicator = "NY.GDP.MKTP.CD"

var worldBankSchema = csvio.Schema{
	Dataset:       "the World Bank GDP (current US$) table, " + indicator,
	Required:      []string{"Country Name", "Country Code", "Indicator Name", "Indicator Code", "1960"},
	VersionColumn: "Indicator Code",
	VersionValue:  indicator,
}

var maddisonSchema = csvio.Schema{
	Dataset:   "the Maddison Project Database 2018",
	Required:  []string{"countrycode", "country", "year", "cgdppc", "rgdpnapc", "pop", "i_cig", "i_bm"},
	Forbidden: []string{"gdppc"},
}

func open(r io.Reader, name string, s csvio.Schema, opt csvio.Options) (*csvio.Reader, error) {
	return csvio.NewChecked(r, name, opt, s)
}

// positive reads a quantity that must be positive, NaN when missing.
func positive(rd *csvio.Reader, c int) float64 {
	x := rd.Float(c)
	if x <= 0 {
		rd.Fail(c, "a positive number")
	}
	return x
}

// ReadWorldBank streams the World Bank wide table from r as one value per
// country and year column, empty cells included (as NaN), in file order.
func ReadWorldBank(r io.Reader, name string, fn func(WorldBankValue) error) error {
	rd, err := open(r, name, worldBankSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	cname, code := rd.Col("Country Name"), rd.Col("Country Code")
	cols, years := rd.YearColumns()
	row := make([]WorldBankValue, len(cols))
	for rd.Next() {
		n, c := rd.Str(cname), rd.Str(code)
		for i, col := range cols {
			cc, _ := countries.ISO3ToCOW(c, years[i])
			row[i] = WorldBankValue{Name: n, Code: c, CCode: cc, Aggregate: countries.IsAggregate(c), Year: years[i], USD: positive(rd, col)}
		}
		if err := rd.RowErr(); err != nil {
			return err
		}
		for _, v := range row {
			if err := fn(v); err != nil {
				return err
			}
		}
	}
	return rd.Err()
}

// splitYears gives, for Maddison's overlapping predecessor and successor
// series, the last year a predecessor code is mapped (negative entries:
// the first year a successor code is mapped).
var splitYears = map[string]int{
	"SUN": 1991, "YUG": 1991, "CSK": 1992,
	"RUS": -1992, "SRB": -1992, "CZE": -1993, "SVK": -1993,
}

// maddisonCOW maps a Maddison code and year to COW, dropping the years in
// which a predecessor and its successor series overlap.
func maddisonCOW(code string, year int) int {
	if split, ok := splitYears[code]; ok {
		if split > 0 && year > split || split < 0 && year < -split {
			return 0
		}
	}
	cc, _ := countries.ISO3ToCOW(code, year)
	return cc
}

// ReadMaddison streams the Maddison Project Database 2018 file from r.
func ReadMaddison(r io.Reader, name string, fn func(Maddison) error) error {
	rd, err := open(r, name, maddisonSchema, csvio.Options{Windows1252: true})
	if err != nil {
		return err
	}
	defer rd.Close()
	code, country, year := rd.Col("countrycode"), rd.Col("country"), rd.Col("year")
	cg, rg, pop, icig, ibm := rd.Col("cgdppc"), rd.Col("rgdpnapc"), rd.Col("pop"), rd.Col("i_cig"), rd.Col("i_bm")
	return csvio.Each(rd, func(rd *csvio.Reader) Maddison {
		m := Maddison{
			Code: rd.Str(code), Country: rd.Str(country), Year: rd.Year(year),
			CGDPPC: positive(rd, cg), RGDPNAPC: positive(rd, rg), Pop: positive(rd, pop),
			ICIG: rd.Str(icig), IBM: rd.Str(ibm),
		}
		m.CCode = maddisonCOW(m.Code, m.Year)
		return m
	}, fn)
}

// LoadWorldBank reads the World Bank wide table at path as long records.
func LoadWorldBank(path string) ([]WorldBankValue, error) {
	return csvio.Collect(path, ReadWorldBank)
}

// LoadMaddison reads the Maddison Project Database 2018 file at path.
func LoadMaddison(path string) ([]Maddison, error) { return csvio.Collect(path, ReadMaddison) }
