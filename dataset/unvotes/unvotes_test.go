package unvotes

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

const dir = "unga_votes_voeten/"

func path(tb testing.TB, file string) string { return sharedata.Path(tb, dir+file) }

// The two real matrices are loaded once and shared by the tests.
var (
	loadOnce           sync.Once
	voeten, unv        *Matrix
	loadErrV, loadErrU error
)

func matrices(t *testing.T) (*Matrix, *Matrix) {
	t.Helper()
	vp := path(t, "UNVotesPublished_2016.csv.gz")
	up := [3]string{path(t, "un_votes.csv.gz"), path(t, "un_roll_calls.csv"), path(t, "un_roll_call_issues.csv")}
	loadOnce.Do(func() {
		voeten, loadErrV = LoadVoeten(vp)
		unv, loadErrU = LoadUNVotes(up[0], up[1], up[2])
	})
	if loadErrV != nil || loadErrU != nil {
		t.Fatal(loadErrV, loadErrU)
	}
	return voeten, unv
}

// TestRealCounts checks the row and vote-code counts stated in
// unga_votes_voeten/SOURCE.md.
func TestRealCounts(t *testing.T) {
	counts := map[Vote]int{}
	n := 0
	f := open_(t, "un_votes.csv.gz")
	err := ReadVotes(f, "un_votes.csv.gz", func(b Ballot) error {
		n++
		counts[b.Vote]++
		return nil
	})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if n != 870109 || counts[Yes] != 693664 || counts[Abstain] != 110897 || counts[No] != 65548 {
		t.Errorf("un_votes: %d rows, counts %v", n, counts)
	}

	counts, n = map[Vote]int{}, 0
	f = open_(t, "UNVotesPublished_2016.csv.gz")
	uncoded, undated := 0, 0
	err = ReadVoeten(f, "UNVotesPublished_2016.csv.gz", func(r VoetenRow) error {
		n++
		counts[r.Vote]++
		if !r.IssuesCoded {
			uncoded++
		}
		if r.Date.IsZero() {
			undated++
		}
		return nil
	})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := map[Vote]int{Yes: 588800, Abstain: 95099, No: 54865, Absent: 73328, NotMember: 254521}
	if n != 1066613 || len(counts) != len(want) {
		t.Errorf("UNVotesPublished: %d rows, counts %v", n, counts)
	}
	if uncoded != 6501 || undated != 197 { // see the package documentation
		t.Errorf("rows without all issue codes %d, without a date %d; want 6501, 197", uncoded, undated)
	}
	for v, c := range want {
		if counts[v] != c {
			t.Errorf("UNVotesPublished %v = %d, want %d", v, counts[v], c)
		}
	}

	rcs, err := LoadRollCalls(path(t, "un_roll_calls.csv"))
	testutil.WantRows(t, err, len(rcs), 6203)
	issues, err := LoadIssues(path(t, "un_roll_call_issues.csv"))
	testutil.WantRows(t, err, len(issues), 5745)
	// SOURCE.md says 5,601 rows, the count a CSV parser gets when the
	// backslash-escaped quote in roll call 1429's description swallows the
	// next line; the file has 5,602 data lines (5,603 lines with the header).
	descs, err := LoadDescriptions(path(t, "DescriptionsUN1-72.tab"))
	testutil.WantRows(t, err, len(descs), 5602)
}

func open_(t *testing.T, file string) *os.File {
	t.Helper()
	f, err := os.Open(path(t, file))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRealRollCalls(t *testing.T) {
	rcs, err := LoadRollCalls(path(t, "un_roll_calls.csv"))
	if err != nil {
		t.Fatal(err)
	}
	imp := 0
	for _, rc := range rcs {
		if rc.Important.Yes() {
			imp++
		}
	}
	if imp != 411 {
		t.Errorf("important votes = %d, want 411", imp)
	}
	first := rcs[0]
	if first.RCID != 3 || first.Session != 1 || first.Date != (csvio.Date{Year: 1946, Month: 1, Day: 1}) || first.UNRes != "R/1/66" || !first.Amend.Yes() {
		t.Errorf("first roll call = %+v", first)
	}
	descs, err := LoadDescriptions(path(t, "DescriptionsUN1-72.tab"))
	if err != nil {
		t.Fatal(err)
	}
	d := descs[0]
	if d.RCID != 3 || d.Yes != 29 || d.No != 18 || d.Abstain != 4 {
		t.Errorf("description of roll call 3 = %+v", d)
	}
}

func TestRealMatrices(t *testing.T) {
	v, u := matrices(t)
	if v.NumCountries() != 200 || v.NumRollCalls() != 5429 {
		t.Errorf("Voeten matrix %d countries x %d roll calls", v.NumCountries(), v.NumRollCalls())
	}
	if u.NumCountries() != 200 || u.NumRollCalls() != 6203 {
		t.Errorf("unvotes matrix %d countries x %d roll calls", u.NumCountries(), u.NumRollCalls())
	}
	// Roll call 3 (1 January 1946): USA yes, Canada no, as in SOURCE.md.
	for _, m := range []*Matrix{v, u} {
		r, _ := m.RollCallIndex(3)
		usa, _ := m.CountryIndex(2)
		can, _ := m.CountryIndex(20)
		if m.Vote(r, usa) != Yes || m.Vote(r, can) != No {
			t.Errorf("roll call 3: USA %v, Canada %v", m.Vote(r, usa), m.Vote(r, can))
		}
	}
	years := u.Years()
	if years[0] != 1946 || years[len(years)-1] != 2020 {
		t.Errorf("unvotes years %d-%d", years[0], years[len(years)-1])
	}
	// Year ranges are contiguous and cover every roll call once.
	next := 0
	for _, y := range years {
		lo, hi := u.YearRange(y)
		if lo != next || hi <= lo {
			t.Fatalf("year %d range [%d, %d), expected to start at %d", y, lo, hi, next)
		}
		for r := lo; r < hi; r++ {
			if u.RollCalls[r].Date.Year != y {
				t.Fatalf("roll call %d dated %v in year %d range", u.RollCalls[r].RCID, u.RollCalls[r].Date, y)
			}
		}
		next = hi
	}
	if next != u.NumRollCalls() {
		t.Errorf("year ranges cover %d of %d roll calls", next, u.NumRollCalls())
	}
	if lo, hi := u.YearRange(1800); lo != hi {
		t.Error("a year without votes has roll calls")
	}
	// Issue tags reached the roll calls.
	r, _ := u.RollCallIndex(77)
	if !u.RollCalls[r].Issues.Has(MiddleEast) {
		t.Errorf("roll call 77 issues = %v, want me", u.RollCalls[r].Issues)
	}
}

// TestNamesAgreeWithVoeten checks the country-name table against Voeten's
// COW-coded file: on every roll call both files have, each country's cast
// vote must be the same.
func TestNamesAgreeWithVoeten(t *testing.T) {
	v, u := matrices(t)
	for ci, cc := range u.Countries {
		vi, ok := v.CountryIndex(cc)
		if !ok {
			t.Errorf("COW %d from un_votes not in Voeten's file", cc)
			continue
		}
		shared, diff := 0, 0
		for r, vote := range u.Votes(ci) {
			if !vote.Cast() {
				continue
			}
			vr, ok := v.RollCallIndex(u.RollCalls[r].RCID)
			if !ok {
				continue
			}
			shared++
			if v.Vote(vr, vi) != vote {
				diff++
			}
		}
		if diff > 0 || shared == 0 {
			t.Errorf("COW %d: %d of %d shared votes differ", cc, diff, shared)
		}
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "un_votes.csv", Column: "country", Line: 3, Value: `"Atlantis"`, Want: `un_votes.csv:3: country: expected a country name with a known COW code, got "Atlantis"`},
		{File: "un_votes.csv", Column: "vote", Line: 2, Value: `"maybe"`, Want: `un_votes.csv:2: vote: expected "yes", "abstain" or "no", got "maybe"`},
		{File: "un_votes.csv", Column: "rcid", Line: 4, Value: "x", Want: `un_votes.csv:4: rcid: expected a roll call id, got "x"`},
		{File: "un_roll_calls.csv", Column: "date", Line: 3, Value: `"1946-13-02"`, Want: `un_roll_calls.csv:3: date: expected a date YYYY-MM-DD, got "1946-13-02"`},
		{File: "un_roll_calls.csv", Column: "importantvote", Line: 2, Value: "2", Want: `un_roll_calls.csv:2: importantvote: expected 0 or 1, got "2"`},
		{File: "un_roll_call_issues.csv", Column: "short_name", Line: 2, Value: `"xx"`, Want: `un_roll_call_issues.csv:2: short_name: expected an issue code (me, nu, di, hr, co, ec), got "xx"`},
		{File: "UNVotesPublished.csv", Column: "vote", Line: 3, Value: "4", Want: `UNVotesPublished.csv:3: vote: expected a vote code (1, 2, 3, 8 or 9), got "4"`},
		{File: "UNVotesPublished.csv", Column: "ccode", Line: 2, Value: "1000", Want: `UNVotesPublished.csv:2: ccode: expected a COW country code, got "1000"`},
		{File: "UNVotesPublished.csv", Column: "date", Line: 5, Value: `"2/30/19x6"`, Want: `UNVotesPublished.csv:5: date: expected a date M/D/YYYY, got "2/30/19x6"`},
		{File: "UNVotesPublished.csv", Column: "hr", Line: 4, Value: "7", Want: `UNVotesPublished.csv:4: hr: expected 0, 1 or empty, got "7"`},
		{File: "Descriptions.tab", Column: "yes", Line: 2, Value: "many", Want: `Descriptions.tab:2: yes: expected a vote count, got "many"`},
		{File: "Descriptions.tab", Column: "session", Line: 3, Value: "", Want: `Descriptions.tab:3: session: expected a session number, got ""`},
	}, func(file, in string) error { return readAs(file, file, in) })
}

var fixtures = []string{"un_votes.csv", "un_roll_calls.csv", "un_roll_call_issues.csv", "UNVotesPublished.csv", "Descriptions.tab"}

// readAs reads in with the reader for table, naming it file in errors.
func readAs(table, file, in string) error {
	r := strings.NewReader(in)
	switch table {
	case "un_votes.csv":
		return ReadVotes(r, file, func(Ballot) error { return nil })
	case "un_roll_calls.csv":
		return ReadRollCalls(r, file, func(RollCall) error { return nil })
	case "un_roll_call_issues.csv":
		return ReadIssues(r, file, func(IssueTag) error { return nil })
	case "UNVotesPublished.csv":
		return ReadVoeten(r, file, func(VoetenRow) error { return nil })
	}
	return ReadDescriptions(r, file, func(Description) error { return nil })
}

func TestFixtures(t *testing.T) {
	for _, f := range fixtures {
		if err := readAs(f, f, testutil.ReadFixture(t, "testdata/"+f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	var rows []VoetenRow
	ReadVoeten(strings.NewReader(testutil.ReadFixture(t, "testdata/UNVotesPublished.csv")), "v", func(r VoetenRow) error {
		rows = append(rows, r)
		return nil
	})
	if rows[2].Vote != NotMember || rows[2].Member != csvio.FlagMissing || rows[3].Vote != Absent {
		t.Errorf("votes %v %v %v", rows[2].Vote, rows[2].Member, rows[3].Vote)
	}
	if rows[3].Issues != MiddleEast|HumanRights || rows[3].IssuesCoded {
		t.Errorf("row 4 issues %v coded %v; want me|hr, not fully coded", rows[3].Issues, rows[3].IssuesCoded)
	}
	descs, err := LoadDescriptions("testdata/Descriptions.tab")
	if err != nil || descs[0].Descr != `TO ADOPT \THE RULES\\` || descs[1].Issues != 0 {
		t.Errorf("descriptions %+v, %v", descs, err)
	}
}

// TestUnificationMove checks that a late-1990 vote filed under the Federal
// Republic of Germany lands on unified Germany (255).
func TestUnificationMove(t *testing.T) {
	m, err := LoadUNVotes("testdata/un_votes.csv", "testdata/un_roll_calls.csv", "testdata/un_roll_call_issues.csv")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := m.RollCallIndex(5)
	g, ok := m.CountryIndex(255)
	if !ok || m.Vote(r, g) != Yes {
		t.Errorf("1990-12-01 German vote not on 255: countries %v", m.Countries)
	}
	if _, ok := m.CountryIndex(260); ok {
		t.Error("260 present although its only vote is after unification")
	}
	r3, _ := m.RollCallIndex(3)
	if m.RollCalls[r3].Issues != MiddleEast|HumanRights {
		t.Errorf("issues of roll call 3 = %v", m.RollCalls[r3].Issues)
	}
	usa, _ := m.CountryIndex(2)
	if got := m.RollCallVotes(nil, r3); len(got) != m.NumCountries() || got[usa] != Yes {
		t.Errorf("RollCallVotes = %v", got)
	}
}

func TestBuilderErrors(t *testing.T) {
	b := NewBuilder()
	b.AddRollCall(RollCall{RCID: 1})
	if err := b.AddRollCall(RollCall{RCID: 1}); err == nil {
		t.Error("duplicate roll call accepted")
	}
	b.AddBallot(Ballot{RCID: 1, CCode: 2, Vote: Yes})
	b.AddBallot(Ballot{RCID: 1, CCode: 2, Vote: No})
	if _, err := b.Build(); err == nil {
		t.Error("two ballots of one country on one roll call accepted")
	}
	b = NewBuilder()
	b.AddBallot(Ballot{RCID: 9, CCode: 2, Vote: Yes})
	if _, err := b.Build(); err == nil {
		t.Error("ballot for unknown roll call accepted")
	}
}

func TestWrongFile(t *testing.T) {
	in := testutil.ReadFixture(t, "testdata/UNVotesPublished.csv")
	testutil.WantError(t, readAs("un_votes.csv", "UNVotesPublished.csv", in),
		`UNVotesPublished.csv:1: header: expected the unvotes vote table (un_votes), but the header lacks columns "country", "country_code"`)
	in = testutil.ReadFixture(t, "testdata/un_votes.csv")
	testutil.WantError(t, readAs("UNVotesPublished.csv", "un_votes.csv", in),
		`un_votes.csv:1: header: expected Voeten's raw UN vote file (UNVotesPublished), but the header lacks columns "session", "ccode", "member", "importantvote", "date", and 8 more`)
	in = testutil.ReadFixture(t, "testdata/Descriptions.tab")
	testutil.WantError(t, readAs("un_roll_calls.csv", "Descriptions.tab", in),
		`Descriptions.tab:1: header: expected the unvotes roll-call table (un_roll_calls), but the header lacks columns "rcid", "session", "importantvote", "date", "unres", and 4 more`)
}

func fuzz(f *testing.F, table string) {
	in := testutil.ReadFixture(f, "testdata/"+table)
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "")))
	f.Add([]byte(strings.ReplaceAll(in, `"`, "")))
	f.Fuzz(func(t *testing.T, data []byte) { readAs(table, table, string(data)) })
}

func FuzzUNVotes(f *testing.F)            { fuzz(f, "un_votes.csv") }
func FuzzUNRollCalls(f *testing.F)        { fuzz(f, "un_roll_calls.csv") }
func FuzzUNIssues(f *testing.F)           { fuzz(f, "un_roll_call_issues.csv") }
func FuzzVoeten(f *testing.F)             { fuzz(f, "UNVotesPublished.csv") }
func FuzzVoetenDescriptions(f *testing.F) { fuzz(f, "Descriptions.tab") }

func BenchmarkReadVoeten(b *testing.B) {
	p := path(b, "UNVotesPublished_2016.csv.gz")
	for b.Loop() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		err = ReadVoeten(f, "v", func(VoetenRow) error { n++; return nil })
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadVoeten(b *testing.B) {
	p := path(b, "UNVotesPublished_2016.csv.gz")
	for b.Loop() {
		if _, err := LoadVoeten(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadUNVotes(b *testing.B) {
	v, r, i := path(b, "un_votes.csv.gz"), path(b, "un_roll_calls.csv"), path(b, "un_roll_call_issues.csv")
	for b.Loop() {
		if _, err := LoadUNVotes(v, r, i); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAgreementAllDyadYears measures the access pattern downstream
// similarity needs: for every year and every pair of countries, the share
// of roll calls on which both cast the same vote.
func BenchmarkAgreementAllDyadYears(b *testing.B) {
	m, err := LoadUNVotes(path(b, "un_votes.csv.gz"), path(b, "un_roll_calls.csv"), "")
	if err != nil {
		b.Fatal(err)
	}
	n := m.NumCountries()
	for b.Loop() {
		pairs := 0
		for _, y := range m.Years() {
			lo, hi := m.YearRange(y)
			for i := 0; i < n; i++ {
				a := m.Votes(i)[lo:hi]
				for j := i + 1; j < n; j++ {
					if agreement(a, m.Votes(j)[lo:hi]) >= 0 {
						pairs++
					}
				}
			}
		}
		if pairs == 0 {
			b.Fatal("no dyad-years")
		}
	}
}

// agreement returns the share of roll calls where both cast the same vote
// among those where both cast a vote, or -1 if there are none.
func agreement(a, b []Vote) float64 {
	both, same := 0, 0
	for k := range a {
		if a[k].Cast() && b[k].Cast() {
			both++
			if a[k] == b[k] {
				same++
			}
		}
	}
	if both == 0 {
		return -1
	}
	return float64(same) / float64(both)
}
