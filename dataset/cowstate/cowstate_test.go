package cowstate

import (
	"strings"
	"testing"

	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

// Row counts stated in cow_state_system/SOURCE.md.
func TestRealRowCounts(t *testing.T) {
	states, err := LoadStates(sharedata.Path(t, "cow_state_system/states2016.csv"))
	testutil.WantRows(t, err, len(states), 243)
	sys, err := LoadSystem(sharedata.Path(t, "cow_state_system/system2016.csv"))
	testutil.WantRows(t, err, len(sys), 15951)
	majors, err := LoadMajors(sharedata.Path(t, "cow_state_system/majors2016.csv"))
	testutil.WantRows(t, err, len(majors), 14)
	codes, err := LoadCountryCodes(sharedata.Path(t, "cow_state_system/COW-country-codes.csv"))
	testutil.WantRows(t, err, len(codes), 246)

	distinct := map[int]bool{}
	for _, c := range codes {
		distinct[c.CCode] = true
	}
	if len(distinct) != 217 {
		t.Errorf("distinct codes in COW-country-codes = %d, want 217", len(distinct))
	}
}

func TestRealSpotValues(t *testing.T) {
	sys, err := LoadSystem(sharedata.Path(t, "cow_state_system/system2016.csv"))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSystem(sys)
	for y := 1816; y <= 2016; y++ {
		if !s.IsMember(2, y) {
			t.Fatalf("USA (2) not in the system in %d", y)
		}
	}
	if s.IsMember(255, 1960) || !s.IsMember(260, 1960) || !s.IsMember(265, 1960) || !s.IsMember(255, 1991) {
		t.Error("German states in 1960/1991 wrong")
	}
	if n := len(s.Members(2016)); n != 195 {
		t.Errorf("system members in 2016 = %d, want 195", n)
	}

	states, err := LoadStates(sharedata.Path(t, "cow_state_system/states2016.csv"))
	if err != nil {
		t.Fatal(err)
	}
	usa := states[0]
	if usa.Abb != "USA" || usa.CCode != 2 || usa.Begin != (csvio.Date{Year: 1816, Month: 1, Day: 1}) {
		t.Errorf("first state = %+v", usa)
	}
	majors, err := LoadMajors(sharedata.Path(t, "cow_state_system/majors2016.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if majors[0].CCode != 2 || majors[0].Begin.Year != 1898 {
		t.Errorf("USA major spell = %+v", majors[0])
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "states2016.csv", Column: "styear", Line: 3, Value: "19x5", Want: `states2016.csv:3: styear: expected a year, got "19x5"`},
		{File: "states2016.csv", Column: "stday", Line: 2, Value: "", Want: `states2016.csv:2: stday: expected a day of the month (1-31), got ""`},
		{File: "states2016.csv", Column: "stateabb", Line: 4, Value: "usa", Want: `states2016.csv:4: stateabb: expected a COW state abbreviation, got "usa"`},
		{File: "system2016.csv", Column: "ccode", Line: 3, Value: "1000", Want: `system2016.csv:3: ccode: expected a COW country code, got "1000"`},
		{File: "system2016.csv", Column: "version", Line: 2, Value: "2011", Want: `system2016.csv:2: version: expected "2016" (the COW state-year file v2016 (system2016)), got "2011"`},
		{File: "majors2016.csv", Column: "endmonth", Line: 3, Value: "0", Want: `majors2016.csv:3: endmonth: expected a month (1-12), got "0"`},
		{File: "COW-country-codes.csv", Column: "StateNme", Line: 2, Value: "", Want: `COW-country-codes.csv:2: StateNme: expected a state name, got ""`},
	}, func(file, in string) error { return readFixture(file, in) })
}

func readFixture(file, in string) error {
	r := strings.NewReader(in)
	switch file {
	case "states2016.csv":
		return ReadStates(r, file, func(State) error { return nil })
	case "system2016.csv":
		return ReadSystem(r, file, func(StateYear) error { return nil })
	case "majors2016.csv":
		return ReadMajors(r, file, func(Major) error { return nil })
	}
	return ReadCountryCodes(r, file, func(CountryCode) error { return nil })
}

func TestWrongFile(t *testing.T) {
	in := testutil.ReadFixture(t, "testdata/states2016.csv")
	err := ReadSystem(strings.NewReader(in), "states2016.csv", func(StateYear) error { return nil })
	testutil.WantError(t, err, `states2016.csv:1: header: expected the COW state-year file v2016 (system2016), but the header lacks column "year"`)
	in = testutil.ReadFixture(t, "testdata/system2016.csv")
	err = ReadCountryCodes(strings.NewReader(in), "system2016.csv", func(CountryCode) error { return nil })
	testutil.WantError(t, err, `system2016.csv:1: header: expected the COW country code list (COW-country-codes), but the header lacks columns "StateAbb", "CCode", "StateNme"`)
}

func TestFixturesRead(t *testing.T) {
	for _, f := range []string{"states2016.csv", "system2016.csv", "majors2016.csv", "COW-country-codes.csv"} {
		if err := readFixture(f, testutil.ReadFixture(t, "testdata/"+f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func fuzz(f *testing.F, file string) {
	in := testutil.ReadFixture(f, "testdata/"+file)
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "")))
	f.Fuzz(func(t *testing.T, data []byte) { readFixture(file, string(data)) })
}

func FuzzCOWStates(f *testing.F)       { fuzz(f, "states2016.csv") }
func FuzzCOWSystem(f *testing.F)       { fuzz(f, "system2016.csv") }
func FuzzCOWMajors(f *testing.F)       { fuzz(f, "majors2016.csv") }
func FuzzCOWCountryCodes(f *testing.F) { fuzz(f, "COW-country-codes.csv") }

func BenchmarkLoadSystem(b *testing.B) {
	p := sharedata.Path(b, "cow_state_system/system2016.csv")
	for b.Loop() {
		if _, err := LoadSystem(p); err != nil {
			b.Fatal(err)
		}
	}
}
