package cowalliance

import (
	"io"

	"github.com/entente/entente/dataset/csvio"
)

// Type is the COW alliance type label (ss_type).
type Type uint8

// Alliance types, with the labels the v4.1 files use. The zero Type is not
// a valid label.
const (
	TypeI   Type = iota + 1 // "Type I: Defense Pact"
	TypeII                  // "Type II: Neutrality"
	TypeIIa                 // "Type IIa: Non-Aggression Pact"
	TypeIIb                 // "Type IIb: Non-Aggression Pact"
	TypeIII                 // "Type III: Entente"
)

var typeLabels = map[string]Type{
	"Type I: Defense Pact":          TypeI,
	"Type II: Neutrality":           TypeII,
	"Type IIa: Non-Aggression Pact": TypeIIa,
	"Type IIb: Non-Aggression Pact": TypeIIb,
	"Type III: Entente":             TypeIII,
}

// String returns the file's label for t.
func (t Type) String() string {
	for label, v := range typeLabels {
		if v == t {
			return label
		}
	}
	return "unknown alliance type"
}

// Kinds holds the four 0/1 alliance-type indicators and the censoring
// flags shared by all tables.
type Kinds struct {
	LeftCensor    csvio.Flag // left_censor: began before 1816
	RightCensor   csvio.Flag // right_censor: still in force at the end of 2012
	Defense       csvio.Flag // defense
	Neutrality    csvio.Flag // neutrality
	NonAggression csvio.Flag // nonaggression
	Entente       csvio.Flag // entente
}

// Member is a row of the by_member table: one state's membership in one
// alliance.
type Member struct {
	ID            int        // version4id: COW alliance identifier
	CCode         int        // ccode: COW country code
	StateName     string     // state_name
	AllianceBegin csvio.Date // all_st_year, all_st_month, all_st_day
	AllianceEnd   csvio.Date // all_end_*; zero if in force at the end of coverage
	Type          Type       // ss_type
	Begin         csvio.Date // mem_st_year, mem_st_month, mem_st_day
	End           csvio.Date // mem_end_*; zero if a member at the end of coverage
	Kinds
}

// MemberYear is a row of the by_member_yearly table.
type MemberYear struct {
	Member
	Year int // year
}

// Dyad is a row of the by_dyad (undirected) or by_directed table.
type Dyad struct {
	ID     int        // version4id
	CCode1 int        // ccode1
	Name1  string     // state_name1
	CCode2 int        // ccode2
	Name2  string     // state_name2
	Begin  csvio.Date // dyad_st_year, dyad_st_month, dyad_st_day
	End    csvio.Date // dyad_end_*; zero if in force at the end of coverage
	Kinds
	Asymmetric csvio.Flag // asymmetric (undirected file only; FlagMissing in directed dyads)
}

const version = "4.1"

var kindColumns = []string{"left_censor", "right_censor", "defense", "neutrality", "nonaggression", "entente", "version"}

var memberColumns = append([]string{"version4id", "ccode", "state_name",
	"all_st_day", "all_st_month", "all_st_year", "all_end_day", "all_end_month", "all_end_year", "ss_type",
	"mem_st_day", "mem_st_month", "mem_st_year", "mem_end_day", "mem_end_month", "mem_end_year"}, kindColumns...)

var dyadColumns = append([]string{"version4id", "ccode1", "state_name1", "ccode2", "state_name2",
	"dyad_st_day", "dyad_st_month", "dyad_st_year", "dyad_end_day", "dyad_end_month", "dyad_end_year"}, kindColumns...)

var (
	memberSchema = csvio.Schema{
		Dataset: "the COW alliances v4.1 member file (alliance_v4.1_by_member)", Required: memberColumns,
		Forbidden: []string{"year"}, VersionColumn: "version", VersionValue: version,
	}
	memberYearSchema = csvio.Schema{
		Dataset: "the COW alliances v4.1 member-year file (alliance_v4.1_by_member_yearly)", Required: append([]string{"year"}, memberColumns...),
		VersionColumn: "version", VersionValue: version,
	}
	dyadSchema = csvio.Schema{
		Dataset: "the COW alliances v4.1 dyad file (alliance_v4.1_by_dyad)", Required: append([]string{"asymmetric"}, dyadColumns...),
		Forbidden: []string{"year"}, VersionColumn: "version", VersionValue: version,
	}
	directedSchema = csvio.Schema{
		Dataset: "the COW alliances v4.1 directed dyad file (alliance_v4.1_by_directed)", Required: dyadColumns,
		Forbidden: []string{"asymmetric", "year"}, VersionColumn: "version", VersionValue: version,
	}
)

const maxCCode = 999

func open(r io.Reader, name string, s csvio.Schema) (*csvio.Reader, error) {
	return csvio.NewChecked(r, name, csvio.Options{}, s)
}

// dateCols locates a year/month/day triple named <prefix>_year etc.
type dateCols struct{ y, m, d int }

func newDateCols(rd *csvio.Reader, prefix string) dateCols {
	return dateCols{rd.Col(prefix + "_year"), rd.Col(prefix + "_month"), rd.Col(prefix + "_day")}
}

func (c dateCols) required(rd *csvio.Reader) csvio.Date { return rd.Date(c.y, c.m, c.d) }
func (c dateCols) optional(rd *csvio.Reader) csvio.Date { return rd.OptDate(c.y, c.m, c.d) }

type kindCols [6]int

func newKindCols(rd *csvio.Reader) kindCols {
	var k kindCols
	for i := range k {
		k[i] = rd.Col(kindColumns[i])
	}
	return k
}

func (k kindCols) read(rd *csvio.Reader) Kinds {
	return Kinds{rd.Flag(k[0]), rd.Flag(k[1]), rd.Flag(k[2]), rd.Flag(k[3]), rd.Flag(k[4]), rd.Flag(k[5])}
}

// memberCols holds the column indexes of the by_member layout.
type memberCols struct {
	id, cc, name, typ                  int
	allBegin, allEnd, memBegin, memEnd dateCols
	kinds                              kindCols
}

func newMemberCols(rd *csvio.Reader) memberCols {
	return memberCols{
		id: rd.Col("version4id"), cc: rd.Col("ccode"), name: rd.Col("state_name"), typ: rd.Col("ss_type"),
		allBegin: newDateCols(rd, "all_st"), allEnd: newDateCols(rd, "all_end"),
		memBegin: newDateCols(rd, "mem_st"), memEnd: newDateCols(rd, "mem_end"),
		kinds: newKindCols(rd),
	}
}

func (mc *memberCols) read(rd *csvio.Reader) Member {
	return Member{
		ID:            allianceID(rd, mc.id),
		CCode:         rd.IntIn(mc.cc, 1, maxCCode, "a COW country code"),
		StateName:     rd.Str(mc.name),
		AllianceBegin: mc.allBegin.required(rd),
		AllianceEnd:   mc.allEnd.optional(rd),
		Type:          allianceType(rd, mc.typ),
		Begin:         mc.memBegin.required(rd),
		End:           mc.memEnd.optional(rd),
		Kinds:         mc.kinds.read(rd),
	}
}

func allianceID(rd *csvio.Reader, c int) int { return rd.IntIn(c, 1, 99999, "a COW alliance id") }

func allianceType(rd *csvio.Reader, c int) Type {
	t, ok := typeLabels[rd.Str(c)]
	if !ok {
		rd.Fail(c, `an alliance type label such as "Type I: Defense Pact"`)
	}
	return t
}

// ReadMembers streams alliance_v4.1_by_member.csv from r.
func ReadMembers(r io.Reader, name string, fn func(Member) error) error {
	rd, err := open(r, name, memberSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	mc := newMemberCols(rd)
	return csvio.Each(rd, mc.read, fn)
}

// ReadMemberYears streams alliance_v4.1_by_member_yearly.csv from r.
func ReadMemberYears(r io.Reader, name string, fn func(MemberYear) error) error {
	rd, err := open(r, name, memberYearSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	mc, year := newMemberCols(rd), rd.Col("year")
	return csvio.Each(rd, func(rd *csvio.Reader) MemberYear {
		return MemberYear{Member: mc.read(rd), Year: rd.Year(year)}
	}, fn)
}

// ReadDyads streams the undirected alliance_v4.1_by_dyad.csv from r.
func ReadDyads(r io.Reader, name string, fn func(Dyad) error) error {
	return readDyads(r, name, dyadSchema, fn)
}

// ReadDirectedDyads streams alliance_v4.1_by_directed.csv from r; each
// undirected dyad appears in both directions and Asymmetric is FlagMissing.
func ReadDirectedDyads(r io.Reader, name string, fn func(Dyad) error) error {
	return readDyads(r, name, directedSchema, fn)
}

func readDyads(r io.Reader, name string, s csvio.Schema, fn func(Dyad) error) error {
	rd, err := open(r, name, s)
	if err != nil {
		return err
	}
	defer rd.Close()
	id, c1, n1, c2, n2 := rd.Col("version4id"), rd.Col("ccode1"), rd.Col("state_name1"), rd.Col("ccode2"), rd.Col("state_name2")
	begin, end, kinds, asym := newDateCols(rd, "dyad_st"), newDateCols(rd, "dyad_end"), newKindCols(rd), rd.Col("asymmetric")
	return csvio.Each(rd, func(rd *csvio.Reader) Dyad {
		d := Dyad{
			ID:     allianceID(rd, id),
			CCode1: rd.IntIn(c1, 1, maxCCode, "a COW country code"), Name1: rd.Str(n1),
			CCode2: rd.IntIn(c2, 1, maxCCode, "a COW country code"), Name2: rd.Str(n2),
			Begin: begin.required(rd), End: end.optional(rd), Kinds: kinds.read(rd),
			Asymmetric: csvio.FlagMissing,
		}
		if asym >= 0 {
			d.Asymmetric = rd.Flag(asym)
		}
		return d
	}, fn)
}

// LoadMembers reads alliance_v4.1_by_member.csv at path.
func LoadMembers(path string) ([]Member, error) { return csvio.Collect(path, ReadMembers) }

// LoadMemberYears reads alliance_v4.1_by_member_yearly.csv at path.
func LoadMemberYears(path string) ([]MemberYear, error) { return csvio.Collect(path, ReadMemberYears) }

// LoadDyads reads alliance_v4.1_by_dyad.csv at path.
func LoadDyads(path string) ([]Dyad, error) { return csvio.Collect(path, ReadDyads) }

// LoadDirectedDyads reads alliance_v4.1_by_directed.csv at path.
func LoadDirectedDyads(path string) ([]Dyad, error) { return csvio.Collect(path, ReadDirectedDyads) }
