package milex

import (
	"io"

	"github.com/entente/entente/dataset/countries"
	"github.com/entente/entente/dataset/csvio"
)

// Share is a row of the OWID file: military expenditure as a share of GDP.
type Share struct {
	Entity  string  // Entity: country or aggregate name
	Code    string  // Code: ISO3 or OWID code, empty for aggregates
	CCode   int     // COW code, 0 if the entity is not a COW state
	Year    int     // Year
	Percent float64 // Military expenditure (% of GDP)
	Region  string  // World region according to OWID, possibly empty
}

// SIPRIValue is one cell of the SIPRI wide table.
type SIPRIValue struct {
	Country     string  // Country, as SIPRI writes it
	ISO3        string  // ISO3 code from SIPRIName
	CCode       int     // COW code in Year, 0 if none
	Year        int     // the column's year
	USDMillions float64 // current US$ millions; NaN if the cell is blank
}

// NATO is a row of the NATO 2012-2019 expenditure file. All quantities are
// NaN when empty (the 2012-2013 rows of members with incomplete reports).
type NATO struct {
	Code  string // country_stanag: NATO STANAG (ISO3) code
	CCode int    // COW code
	Year  int    // year

	ExpenditureUSD        float64 // Defense expenditure (USD, current prices)
	Expenditure2015USD    float64 // Defense expenditure (USD, 2015 prices)
	PercentRealGDP        float64 // Defense expenditure (% real GDP)
	RealChangePercent     float64 // Defense expenditure annual real change (% GDP)
	RealGDP2015USD        float64 // Real GDP (2015 prices)
	GDPPerCapitaUSD       float64 // GDP per capita (USD)
	PerCapitaUSD          float64 // Defence expenditure per capita (USD)
	Personnel             float64 // Military personnel
	EquipmentPercent      float64 // Equipment expenditure (%)
	PersonnelPercent      float64 // Personnel expenditure (%)
	InfrastructurePercent float64 // Infrastructure expenditure (%)
	OtherPercent          float64 // Other expenditure (%)
}

const owidValue = "Military expenditure (% of GDP)"

var owidSchema = csvio.Schema{
	Dataset:  "the OWID/SIPRI military expenditure share of GDP file",
	Required: []string{"Entity", "Code", "Year", owidValue, "World region according to OWID"},
}

var natoColumns = []string{
	"Defense expenditure (USD, current prices)", "Defense expenditure (USD, 2015 prices)",
	"Defense expenditure (% real GDP)", "Defense expenditure annual real change (% GDP)",
	"Real GDP (2015 prices)", "GDP per capita (USD)", "Defence expenditure per capita (USD)",
	"Military personnel", "Equipment expenditure (%)", "Personnel expenditure (%)",
	"Infrastructure expenditure (%)", "Other expenditure (%)",
}

var natoSchema = csvio.Schema{
	Dataset:  "the NATO defence expenditure file 2012-2019 (PR/CP(2019)069)",
	Required: append([]string{"country_stanag", "year"}, natoColumns...),
}

var sipriSchema = csvio.Schema{
	Dataset:  "the SIPRI military expenditure table in current US$, 1949-2018",
	Required: []string{"Country", "1949", "2018"},
}

func open(r io.Reader, name string, s csvio.Schema, opt csvio.Options) (*csvio.Reader, error) {
	return csvio.NewChecked(r, name, opt, s)
}

// ccodeOf maps an ISO3 code, 0 when it is not a COW state.
func ccodeOf(iso3 string, year int) int {
	cc, _ := countries.ISO3ToCOW(iso3, year)
	return cc
}

// nonNegative reads a quantity that cannot be negative, NaN when missing.
func nonNegative(rd *csvio.Reader, c int) float64 {
	x := rd.Float(c)
	if x < 0 {
		rd.Fail(c, "a non-negative number")
	}
	return x
}

// ReadOWIDShare streams owid_sipri_military_spending_share_gdp.csv from r.
func ReadOWIDShare(r io.Reader, name string, fn func(Share) error) error {
	rd, err := open(r, name, owidSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	ent, code, year, val, reg := rd.Col("Entity"), rd.Col("Code"), rd.Col("Year"), rd.Col(owidValue), rd.Col("World region according to OWID")
	return csvio.Each(rd, func(rd *csvio.Reader) Share {
		s := Share{Entity: rd.Str(ent), Code: rd.Str(code), Year: rd.Year(year), Percent: nonNegative(rd, val), Region: rd.Str(reg)}
		s.CCode = ccodeOf(s.Code, s.Year)
		return s
	}, fn)
}

// ReadNATO streams nato_defense_expenditure_2012-2019.csv from r.
func ReadNATO(r io.Reader, name string, fn func(NATO) error) error {
	rd, err := open(r, name, natoSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	code, year := rd.Col("country_stanag"), rd.Col("year")
	c := make([]int, len(natoColumns))
	for i, n := range natoColumns {
		c[i] = rd.Col(n)
	}
	return csvio.Each(rd, func(rd *csvio.Reader) NATO {
		n := NATO{Code: rd.Str(code), Year: rd.Year(year)}
		cc, ok := countries.ISO3ToCOW(n.Code, n.Year)
		if !ok {
			rd.Fail(code, "a NATO member's STANAG code")
		}
		n.CCode = cc
		n.ExpenditureUSD, n.Expenditure2015USD = nonNegative(rd, c[0]), nonNegative(rd, c[1])
		n.PercentRealGDP, n.RealChangePercent = nonNegative(rd, c[2]), rd.Float(c[3])
		n.RealGDP2015USD, n.GDPPerCapitaUSD = nonNegative(rd, c[4]), nonNegative(rd, c[5])
		n.PerCapitaUSD, n.Personnel = nonNegative(rd, c[6]), nonNegative(rd, c[7])
		n.EquipmentPercent, n.PersonnelPercent = nonNegative(rd, c[8]), nonNegative(rd, c[9])
		n.InfrastructurePercent, n.OtherPercent = nonNegative(rd, c[10]), nonNegative(rd, c[11])
		return n
	}, fn)
}

// ReadSIPRI streams the wide SIPRI table from r as one SIPRIValue per
// country and year column, blank cells included (as NaN), in file order. A
// country name missing from SIPRIName is an error.
func ReadSIPRI(r io.Reader, name string, fn func(SIPRIValue) error) error {
	rd, err := open(r, name, sipriSchema, csvio.Options{Windows1252: true, Missing: []string{""}})
	if err != nil {
		return err
	}
	defer rd.Close()
	country := rd.Col("Country")
	cols, years := rd.YearColumns()
	row := make([]SIPRIValue, len(cols))
	for rd.Next() {
		readSIPRIRow(rd, country, cols, years, row)
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

// readSIPRIRow fills row with the cells of the current record.
func readSIPRIRow(rd *csvio.Reader, country int, cols, years []int, row []SIPRIValue) {
	cname := rd.Str(country)
	iso3, ok := SIPRIName(cname)
	if !ok {
		rd.Fail(country, "a SIPRI country name with a known ISO3 code")
	}
	for i, c := range cols {
		row[i] = SIPRIValue{Country: cname, ISO3: iso3, CCode: ccodeOf(iso3, years[i]), Year: years[i], USDMillions: nonNegative(rd, c)}
	}
}

// LoadOWIDShare reads the OWID share-of-GDP file at path.
func LoadOWIDShare(path string) ([]Share, error) { return csvio.Collect(path, ReadOWIDShare) }

// LoadNATO reads the NATO expenditure file at path.
func LoadNATO(path string) ([]NATO, error) { return csvio.Collect(path, ReadNATO) }

// LoadSIPRI reads the SIPRI wide table at path as long records.
func LoadSIPRI(path string) ([]SIPRIValue, error) { return csvio.Collect(path, ReadSIPRI) }
