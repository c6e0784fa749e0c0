package cowstate

import (
	"io"
	"slices"

	"github.com/entente/entente/dataset/csvio"
)

// State is a row of states2016: one spell of system membership.
type State struct {
	Abb   string     // stateabb: COW abbreviation, e.g. "USA"
	CCode int        // ccode: COW country code
	Name  string     // statenme
	Begin csvio.Date // styear, stmonth, stday
	End   csvio.Date // endyear, endmonth, endday (2016-12-31 if still a member)
}

// StateYear is a row of system2016: a state that was a system member in
// some part of a year.
type StateYear struct {
	Abb   string // stateabb
	CCode int    // ccode
	Year  int    // year
}

// Major is a row of majors2016: one spell of major-power status.
type Major struct {
	Abb   string     // stateabb
	CCode int        // ccode
	Begin csvio.Date // styear, stmonth, stday
	End   csvio.Date // endyear, endmonth, endday
}

// CountryCode is a row of COW-country-codes: one name of a state.
type CountryCode struct {
	Abb   string // StateAbb
	CCode int    // CCode
	Name  string // StateNme
}

const version = "2016"

var statesSchema = csvio.Schema{
	Dataset:       "the COW state system membership file v2016 (states2016)",
	Required:      []string{"stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version"},
	VersionColumn: "version", VersionValue: version,
}

var systemSchema = csvio.Schema{
	Dataset:       "the COW state-year file v2016 (system2016)",
	Required:      []string{"stateabb", "ccode", "year", "version"},
	Forbidden:     []string{"styear", "statenme"},
	VersionColumn: "version", VersionValue: version,
}

var majorsSchema = csvio.Schema{
	Dataset:       "the COW major powers file v2016 (majors2016)",
	Required:      []string{"stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version"},
	Forbidden:     []string{"statenme"},
	VersionColumn: "version", VersionValue: version,
}

var codesSchema = csvio.Schema{
	Dataset:  "the COW country code list (COW-country-codes)",
	Required: []string{"StateAbb", "CCode", "StateNme"},
}

// maxCCode bounds COW country codes (the highest is 990, Samoa).
const maxCCode = 999

func open(r io.Reader, name string, s csvio.Schema) (*csvio.Reader, error) {
	return csvio.NewChecked(r, name, csvio.Options{}, s)
}

// abb returns a required COW abbreviation: two to three upper-case letters.
func abb(rd *csvio.Reader, c int) string {
	s := rd.Str(c)
	if len(s) < 2 || len(s) > 3 {
		rd.Fail(c, "a COW state abbreviation")
		return s
	}
	for _, ch := range []byte(s) {
		if ch < 'A' || ch > 'Z' {
			rd.Fail(c, "a COW state abbreviation")
			break
		}
	}
	return s
}

func ccode(rd *csvio.Reader, c int) int { return rd.IntIn(c, 1, maxCCode, "a COW country code") }

// text returns a required non-empty text field.
func text(rd *csvio.Reader, c int) string {
	s := rd.Str(c)
	if s == "" {
		rd.Fail(c, "a state name")
	}
	return s
}

// date reads a required full date from year, month and day columns.
func date(rd *csvio.Reader, y, m, d int) csvio.Date {
	dt := rd.Date(y, m, d)
	if dt.Month == 0 {
		rd.Fail(m, "a month (1-12)")
	}
	if dt.Day == 0 {
		rd.Fail(d, "a day of the month (1-31)")
	}
	return dt
}

// ReadStates streams states2016.csv from r.
func ReadStates(r io.Reader, name string, fn func(State) error) error {
	rd, err := open(r, name, statesSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	ab, cc, nm := rd.Col("stateabb"), rd.Col("ccode"), rd.Col("statenme")
	by, bm, bd := rd.Col("styear"), rd.Col("stmonth"), rd.Col("stday")
	ey, em, ed := rd.Col("endyear"), rd.Col("endmonth"), rd.Col("endday")
	return csvio.Each(rd, func(rd *csvio.Reader) State {
		return State{Abb: abb(rd, ab), CCode: ccode(rd, cc), Name: text(rd, nm),
			Begin: date(rd, by, bm, bd), End: date(rd, ey, em, ed)}
	}, fn)
}

// ReadSystem streams system2016.csv from r.
func ReadSystem(r io.Reader, name string, fn func(StateYear) error) error {
	rd, err := open(r, name, systemSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	ab, cc, yr := rd.Col("stateabb"), rd.Col("ccode"), rd.Col("year")
	return csvio.Each(rd, func(rd *csvio.Reader) StateYear {
		return StateYear{Abb: abb(rd, ab), CCode: ccode(rd, cc), Year: rd.Year(yr)}
	}, fn)
}

// ReadMajors streams majors2016.csv from r.
func ReadMajors(r io.Reader, name string, fn func(Major) error) error {
	rd, err := open(r, name, majorsSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	ab, cc := rd.Col("stateabb"), rd.Col("ccode")
	by, bm, bd := rd.Col("styear"), rd.Col("stmonth"), rd.Col("stday")
	ey, em, ed := rd.Col("endyear"), rd.Col("endmonth"), rd.Col("endday")
	return csvio.Each(rd, func(rd *csvio.Reader) Major {
		return Major{Abb: abb(rd, ab), CCode: ccode(rd, cc), Begin: date(rd, by, bm, bd), End: date(rd, ey, em, ed)}
	}, fn)
}

// ReadCountryCodes streams COW-country-codes.csv from r.
func ReadCountryCodes(r io.Reader, name string, fn func(CountryCode) error) error {
	rd, err := open(r, name, codesSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	ab, cc, nm := rd.Col("StateAbb"), rd.Col("CCode"), rd.Col("StateNme")
	return csvio.Each(rd, func(rd *csvio.Reader) CountryCode {
		return CountryCode{Abb: abb(rd, ab), CCode: ccode(rd, cc), Name: text(rd, nm)}
	}, fn)
}

// LoadStates reads states2016.csv at path.
func LoadStates(path string) ([]State, error) { return csvio.Collect(path, ReadStates) }

// LoadSystem reads system2016.csv at path.
func LoadSystem(path string) ([]StateYear, error) { return csvio.Collect(path, ReadSystem) }

// LoadMajors reads majors2016.csv at path.
func LoadMajors(path string) ([]Major, error) { return csvio.Collect(path, ReadMajors) }

// LoadCountryCodes reads COW-country-codes.csv at path.
func LoadCountryCodes(path string) ([]CountryCode, error) {
	return csvio.Collect(path, ReadCountryCodes)
}

// System indexes state-years by year for membership queries.
type System struct {
	byYear map[int][]int // year -> sorted ccodes
}

// NewSystem indexes the state-years sy.
func NewSystem(sy []StateYear) *System {
	s := &System{byYear: make(map[int][]int)}
	for _, x := range sy {
		s.byYear[x.Year] = append(s.byYear[x.Year], x.CCode)
	}
	for _, codes := range s.byYear {
		slices.Sort(codes)
	}
	return s
}

// Members returns the sorted COW codes of the system members in year y. The
// slice must not be modified.
func (s *System) Members(y int) []int { return s.byYear[y] }

// IsMember reports whether ccode was a system member in year y.
func (s *System) IsMember(ccode, y int) bool {
	_, ok := slices.BinarySearch(s.byYear[y], ccode)
	return ok
}
