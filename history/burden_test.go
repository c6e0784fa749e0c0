package history

import (
	"bytes"
	"encoding/csv"
	"errors"
	"image/png"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
)

// toyBurden is a three-member alliance from 1950 with GDP from Maddison in
// 1959 (one member missing) and from the World Bank in 1960.
func toyBurden() BurdenInput {
	al := NewAlliances(nil, []atop.Member{
		member(1, 2, 1950, 0, atop.Defense), member(1, 20, 1950, 0, atop.Defense), member(1, 200, 1950, 0, atop.Defense)})
	return BurdenInput{
		Alliance:  1,
		Alliances: al,
		WorldBank: Panel{{2, 1960}: 100, {20, 1960}: 50, {200, 1960}: 10},
		Maddison:  Panel{{2, 1959}: 80, {20, 1959}: 40},
		Share:     Panel{{2, 1959}: 4, {20, 1959}: 2, {200, 1959}: 3, {2, 1960}: 4, {20, 1960}: 2, {200, 1960}: 3},
		NATOShare: Panel{{2, 1960}: 4.5, {20, 1960}: 2},
		Names:     map[int]string{2: "USA", 20: "CAN", 200: "UKG"},
	}
}

func TestBurdenToy(t *testing.T) {
	r, err := Burden(toyBurden(), BurdenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Years); got != 11 || r.Years[0].Year != 1950 || r.Years[10].Year != 1960 {
		t.Fatalf("years: got %d from %d, want 1950–1960 (last year with data)", got, r.Years[0].Year)
	}
	y60 := r.Year(1960)
	if y60.Source != WorldBank || r.Year(1959).Source != Maddison {
		t.Errorf("sources: 1959 %s, 1960 %s; want maddison, worldbank", r.Year(1959).Source, y60.Source)
	}
	// GDP ranks usa > can > ukg; burdens 4%, 2%, 3% rank usa > ukg > can:
	// d = (0, 1, −1), ρ = 1 − 6·2/(3·8) = 0.5.
	near(t, "rho 1960", y60.OZ.Rho, 0.5, 1e-12)
	if y60.OZ.N != 3 {
		t.Errorf("n 1960 = %d, want 3", y60.OZ.N)
	}
	// usa: spending 4 of 4 + 1 + 0.3, GDP 100 of 160.
	usa := y60.Members[0]
	near(t, "usa spending", float64(usa.Spending), 4, 1e-12)
	near(t, "usa exploitation", float64(usa.Exploitation), (4/5.3)/(100.0/160)-1, 1e-12)
	if y60.Check == nil || y60.Check.N != 2 {
		t.Fatalf("NATO check 1960: %+v, want 2 members", y60.Check)
	}
	near(t, "mean |owid − nato|", float64(y60.Check.MeanAbsDiff), 0.25, 1e-12)
	near(t, "max |owid − nato|", float64(y60.Check.MaxAbsDiff), 0.5, 1e-12)
}

func TestBurdenMissingIsNotZero(t *testing.T) {
	r, err := Burden(toyBurden(), BurdenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	y59 := r.Year(1959)
	ukg := y59.Members[2]
	if ukg.ID != "ukg" {
		t.Fatalf("member 3 is %s", ukg.ID)
	}
	isNaN(t, "ukg GDP 1959", float64(ukg.GDP))
	isNaN(t, "ukg spending 1959", float64(ukg.Spending))
	isNaN(t, "ukg exploitation 1959", float64(ukg.Exploitation))
	if y59.OZ.N != 2 || len(y59.OZ.Dropped) != 1 || y59.OZ.Dropped[0] != "ukg" {
		t.Errorf("1959: n %d dropped %v, want 2 and [ukg]", y59.OZ.N, y59.OZ.Dropped)
	}
	isNaN(t, "rho 1955 (no data)", r.Year(1955).OZ.Rho)
	if r.Year(1959).Check != nil {
		t.Error("1959 has a NATO check without NATO data")
	}
	var b bytes.Buffer
	if err := WriteBurdenMembersCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		if rec[1] == "1959" && rec[3] == "ukg" {
			if rec[5] != "" || rec[7] != "" || rec[10] != "" || rec[6] != "3" {
				t.Errorf("ukg 1959 row %q: want empty gdp, milex and exploitation, share 3", rec)
			}
			return
		}
	}
	t.Error("no ukg 1959 row in the members CSV")
}

func TestBurdenBadInput(t *testing.T) {
	in := toyBurden()
	in.Alliance = 99
	if _, err := Burden(in, BurdenOptions{}); !errors.Is(err, ErrUnknownAlliance) || !strings.Contains(err.Error(), "99") {
		t.Errorf("unknown alliance: got %v, want ErrUnknownAlliance naming 99", err)
	}
	for _, opt := range []BurdenOptions{{From: 1900, To: 1910}, {From: 1951, To: 1955}, {From: 2030, To: 2040}} {
		if _, err := Burden(toyBurden(), opt); !errors.Is(err, ErrNoData) {
			t.Errorf("%d–%d: got %v, want ErrNoData", opt.From, opt.To, err)
		}
	}
}

func TestBurdenSplice(t *testing.T) {
	r, err := Burden(toyBurden(), BurdenOptions{Splice: 1961, From: 1959, To: 1960})
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Year(1960).Source; s != Maddison {
		t.Errorf("1960 with splice 1961: source %s, want maddison", s)
	}
	isNaN(t, "rho 1960 (no Maddison data)", r.Year(1960).OZ.Rho)
}

// TestNATO1964 is Olson and Zeckhauser's test on their year: NATO's members
// in 1964 with World Bank GDP (current US$) and SIPRI spending shares.
// They found a significant positive rank correlation (ρ = 0.49, 14 members,
// GNP and defence budgets from the NATO and UN sources of the time); with
// today's data the correlation must be positive too.
func TestNATO1964(t *testing.T) {
	d := loadReal(t)
	r, err := Burden(d.burdenInput(NATO), BurdenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	y := r.Year(1964)
	if y == nil {
		t.Fatal("no 1964 in the NATO report")
	}
	t.Logf("NATO 1964: ρ = %.3f, p = %.4f (%s), n = %d, dropped %v", y.OZ.Rho, y.OZ.P, y.OZ.Method, y.OZ.N, y.OZ.Dropped)
	if y.Source != WorldBank {
		t.Errorf("1964 GDP from %s, want the World Bank", y.Source)
	}
	if !(y.OZ.Rho > 0) {
		t.Errorf("1964 ρ = %g, want positive (Olson and Zeckhauser: 0.49)", y.OZ.Rho)
	}
	if y.OZ.P >= 0.05 {
		t.Errorf("1964 p = %g, want significant at 5%% as in Olson and Zeckhauser", y.OZ.P)
	}
	// Fifteen members in 1964; Iceland has no military spending in SIPRI
	// and is dropped, not counted as spending zero: 14 members, as in
	// Olson and Zeckhauser's table.
	if len(y.Members) != 15 || y.OZ.N != 14 || len(y.OZ.Dropped) != 1 || y.OZ.Dropped[0] != "ice" {
		t.Errorf("1964: %d members, n %d, dropped %v; want 15, 14, [ice]", len(y.Members), y.OZ.N, y.OZ.Dropped)
	}
	for _, p := range r.Decades() {
		t.Logf("%ds: %2d years, mean ρ %.3f (%.3f to %.3f), %d years p<0.05, mean n %.1f", p.From, p.Years, p.MeanRho, p.MinRho, p.MaxRho, p.Significant, p.MeanN)
	}
}

// TestNATOReport runs the whole report on the real files: 1949 to the last
// year with data, the splice, the cross-check and the outputs.
func TestNATOReport(t *testing.T) {
	d := loadReal(t)
	r, err := Burden(d.burdenInput(NATO), BurdenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first, last := r.Years[0].Year, r.Years[len(r.Years)-1].Year
	if first != 1949 || last < 2019 {
		t.Errorf("years %d–%d, want 1949 to 2019 or later", first, last)
	}
	for _, y := range r.Years {
		if want := map[bool]GDPSource{true: Maddison, false: WorldBank}[y.Year < DefaultSplice]; y.Source != want {
			t.Errorf("%d: source %s, want %s", y.Year, y.Source, want)
		}
		if y.Year >= 1950 && y.OZ.N < 8 {
			t.Errorf("%d: only %d members tested", y.Year, y.OZ.N)
		}
		for _, m := range y.Members {
			if m.CCode == 395 && !math.IsNaN(float64(m.Exploitation)) {
				t.Errorf("%d: Iceland (no spending data) has exploitation %g, want NaN", y.Year, m.Exploitation)
			}
		}
	}
	for year := 2012; year <= 2019; year++ {
		c := r.Year(year).Check
		if c == nil || c.N < 25 || c.MeanAbsDiff > 0.5 || c.Agreement.Rho < 0.8 {
			t.Errorf("%d: NATO cross-check %+v: want ≥ 25 members, mean |diff| ≤ 0.5 pp, rank agreement ≥ 0.8", year, c)
		}
	}
	if last := r.Years[len(r.Years)-1]; len(last.Members) < 29 {
		t.Errorf("%d: %d members, want at least 29 (North Macedonia joined in 2020)", last.Year, len(last.Members))
	}
	if r.Year(1990).OZ.N != 15 {
		t.Errorf("1990: n = %d, want 15 (Germany 255 has GDP, 260 none that year)", r.Year(1990).OZ.N)
	}
	checkOutputs(t, r)
}

func checkOutputs(t *testing.T, r *BurdenReport) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteBurdenYearsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(r.Years)+1 || strings.Join(recs[0], ",") != strings.Join(BurdenYearHeader, ",") {
		t.Errorf("years CSV: %d records, header %q", len(recs), recs[0])
	}
	b.Reset()
	if err := WriteRhoPNG(&b, r); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatalf("the chart is not a PNG: %v", err)
	}
	if sz := img.Bounds().Size(); sz.X < 400 || sz.Y < 200 {
		t.Errorf("chart is %v", sz)
	}
	b.Reset()
	if err := WriteRhoChart(&b, r, "svg"); err != nil {
		t.Fatal(err)
	}
	if head := b.String(); !strings.HasPrefix(head, "<?xml") || !strings.Contains(head, "<svg") {
		t.Errorf("the SVG chart starts %.60q", head)
	}
}

func TestBurdenActorIDs(t *testing.T) {
	in := toyBurden()
	in.Names = nil
	r, err := Burden(in, BurdenOptions{From: 1960, To: 1960})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Years[0].Members[0].ID; got != entente.ActorID("cow-2") {
		t.Errorf("id without names = %s, want cow-2", got)
	}
}

// TestNATORosterPast2018 checks the roster past ATOP 5.1's last year: the
// 2018 roster carried forward, with North Macedonia from 2020, Finland from
// 2023 and Sweden from 2024 (NATOAccessions, from NATO's member list), and
// the supplement never applied inside the ATOP years.
func TestNATORosterPast2018(t *testing.T) {
	d := loadReal(t)
	size := map[int]int{}
	for _, y := range []int{2016, 2017, 2018, 2019, 2020, 2022, 2023, 2024} {
		m := d.alliances.Members(NATO, y)
		size[y] = len(m)
		for _, a := range NATOAccessions {
			if got, want := slices.Contains(m, a.CCode), y >= a.Day.Year(); got != want {
				t.Errorf("%d: %s a member %v, want %v", y, a.Name, got, want)
			}
		}
		if !slices.Contains(m, 341) || !slices.Contains(m, 2) {
			t.Errorf("%d: Montenegro or the United States missing from %v", y, m)
		}
	}
	// 29 members from Montenegro's entry (2016 in ATOP) to 2019, then 30,
	// 31 and 32 as NATO's list says.
	want := map[int]int{2016: 29, 2017: 29, 2018: 29, 2019: 29, 2020: 30, 2022: 30, 2023: 31, 2024: 32}
	for y, n := range want {
		if size[y] != n {
			t.Errorf("%d: %d members, want %d", y, size[y], n)
		}
	}
	if got := d.alliances.Members(3285, 2019); got != nil {
		t.Errorf("the Warsaw Pact (ended 1991) in 2019: %v", got)
	}
	r, err := Burden(d.burdenInput(NATO), BurdenOptions{From: 2023, To: 2023})
	if err != nil {
		t.Fatal(err)
	}
	if y := r.Year(2023); y == nil || !slices.ContainsFunc(y.Members, func(m BurdenMember) bool { return m.CCode == 375 }) {
		t.Errorf("2023 burden report without Finland: %+v", y)
	}
}

// TestRosterCarriedPastCoverage: an alliance still in force at the end of
// the coverage keeps its last roster afterwards; NATO's supplement is for
// NATO only.
func TestRosterCarriedPastCoverage(t *testing.T) {
	al := NewAlliances(nil, []atop.Member{member(1, 2, 2000, 0, atop.Defense), member(1, 20, 2000, 2010, atop.Defense)})
	if got := al.Members(1, 2021); !slices.Equal(got, []int{2}) {
		t.Errorf("2021: %v, want [2]", got)
	}
	if _, last := al.Coverage(); last != 2018 {
		t.Errorf("coverage ends %d", last)
	}
}
