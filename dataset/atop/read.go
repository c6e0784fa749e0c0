package atop

import (
	"fmt"
	"io"
	"strconv"

	"github.com/entente/entente/dataset/csvio"
)

// version is the value of the version column in every ATOP 5.1 row.
const version = "5.1"

// termColumns are required in the alliance-, phase- and member-level files.
// new5 and rev5 exist only from version 5 on.
var termColumns = append([]string{
	"atopid", "cowid", "cow4id", "ineffect", "bilat", "maxphase", "wartime",
	"defense", "offense", "neutral", "nonagg", "consul", "active", "conditio",
	"defcon", "offcon", "neucon", "concon", "asymm", "source", "new5", "rev5", "version",
}, provisionColumns()...)

var allianceSchema = csvio.Schema{
	Dataset:       "the ATOP 5.1 alliance-level file (atop5_1a)",
	Required:      append([]string{"begyr", "begmo", "begday", "endyr", "endmo", "endday", "mem1"}, termColumns...),
	Forbidden:     []string{"atopidphase", "member", "state"},
	VersionColumn: "version",
	VersionValue:  version,
}

var phaseSchema = csvio.Schema{
	Dataset:       "the ATOP 5.1 phase-level file (atop5_1aph)",
	Required:      append([]string{"atopidphase", "phase", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "mem1"}, termColumns...),
	Forbidden:     []string{"member", "state"},
	VersionColumn: "version",
	VersionValue:  version,
}

var memberSchema = csvio.Schema{
	Dataset: "the ATOP 5.1 member-level file (atop5_1m)",
	Required: append([]string{"member", "cowsys", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
		"phase", "cowwar", "obvary"}, termColumns...),
	Forbidden:     []string{"mem1", "atopidphase", "state"},
	VersionColumn: "version",
	VersionValue:  version,
}

var stateYearSchema = csvio.Schema{
	Dataset: "the ATOP 5.1 state-year file (atop5_1sy)",
	Required: []string{"state", "year", "defense", "offense", "neutral", "nonagg", "consul",
		"number", "transyr", "atopid1", "version"},
	Forbidden:     []string{"atopid", "member"},
	VersionColumn: "version",
	VersionValue:  version,
}

// maxStateCode bounds COW codes; ATOP's own codes for non-system polities
// have four digits.
const maxStateCode = 9999

// termCols holds the column indexes of the shared Terms.
type termCols struct {
	id, cowid, cow4id, ineffect, bilat, maxphase, wartime int
	active, conditio, asymm, source, new5, rev5           int
	oblig, condn                                          [len(obligationCols)]int
	prov                                                  provisionCols
}

func newTermCols(rd *csvio.Reader) termCols {
	tc := termCols{
		id: rd.Col("atopid"), cowid: rd.Col("cowid"), cow4id: rd.Col("cow4id"),
		ineffect: rd.Col("ineffect"), bilat: rd.Col("bilat"), maxphase: rd.Col("maxphase"),
		wartime: rd.Col("wartime"), active: rd.Col("active"), conditio: rd.Col("conditio"),
		asymm: rd.Col("asymm"), source: rd.Col("source"), new5: rd.Col("new5"), rev5: rd.Col("rev5"),
		prov: newProvisionCols(rd),
	}
	for i, oc := range obligationCols {
		tc.oblig[i] = rd.Col(oc.col)
		tc.condn[i] = -1 // non-aggression has no condition column
		if oc.condn != "" {
			tc.condn[i] = rd.Col(oc.condn)
		}
	}
	return tc
}

func (tc *termCols) read(rd *csvio.Reader) Terms {
	t := Terms{
		ATOPID:      rd.IntIn(tc.id, 1, 99999, "an ATOP alliance id"),
		InEffect:    rd.Bool(tc.ineffect),
		Bilateral:   rd.Bool(tc.bilat),
		MaxPhase:    rd.IntIn(tc.maxphase, 0, 99, "a phase count"),
		Wartime:     rd.Bool(tc.wartime),
		Active:      rd.Bool(tc.active),
		Conditional: rd.Bool(tc.conditio),
		Asymmetric:  rd.Bool(tc.asymm),
		Source:      rd.IntIn(tc.source, 0, 99, "a source code"),
		New5:        rd.Bool(tc.new5),
		Rev5:        rd.Bool(tc.rev5),
		Provisions:  tc.prov.read(rd),
	}
	t.COWID, _ = rd.OptInt(tc.cowid)
	t.COW4ID, _ = rd.OptInt(tc.cow4id)
	t.Obligations, t.Conditions = readObligations(rd, tc.oblig, tc.condn)
	return t
}

// readObligations packs the 0/1 obligation and condition columns into bit
// sets; a condition column index of -1 is skipped.
func readObligations(rd *csvio.Reader, oblig, condn [len(obligationCols)]int) (o, c Obligation) {
	for i, oc := range obligationCols {
		if rd.Bool(oblig[i]) {
			o |= oc.o
		}
		if condn[i] >= 0 && rd.Bool(condn[i]) {
			c |= oc.o
		}
	}
	return o, c
}

// readCodes returns the non-empty entries of numbered code columns such as
// mem1..mem59, each within [1, hi].
func readCodes(rd *csvio.Reader, cols []int, hi int, what string) []int {
	var out []int
	for _, c := range cols {
		if rd.IsMissing(c) {
			continue
		}
		out = append(out, rd.IntIn(c, 1, hi, what))
	}
	return out
}

// span holds the column indexes of a begin/end date pair.
type span struct{ by, bm, bd, ey, em, ed int }

func newSpan(rd *csvio.Reader, names ...string) span {
	return span{rd.Col(names[0]), rd.Col(names[1]), rd.Col(names[2]), rd.Col(names[3]), rd.Col(names[4]), rd.Col(names[5])}
}

func (s span) read(rd *csvio.Reader) (begin, end csvio.Date) {
	return rd.Date(s.by, s.bm, s.bd), rd.OptDate(s.ey, s.em, s.ed)
}

// open makes a Reader for an ATOP table and checks its header.
func open(r io.Reader, name string, s csvio.Schema) (*csvio.Reader, error) {
	return csvio.NewChecked(r, name, csvio.Options{}, s)
}

// ReadAlliances streams the alliance-level table (atop5_1a.csv) from r,
// calling fn for each alliance in file order. name is used in errors.
func ReadAlliances(r io.Reader, name string, fn func(Alliance) error) error {
	rd, err := open(r, name, allianceSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	tc, sp, mem := newTermCols(rd), newSpan(rd, "begyr", "begmo", "begday", "endyr", "endmo", "endday"), rd.Numbered("mem")
	return csvio.Each(rd, func(rd *csvio.Reader) Alliance {
		a := Alliance{Terms: tc.read(rd), Members: readCodes(rd, mem, maxStateCode, "a COW country code")}
		a.Begin, a.End = sp.read(rd)
		return a
	}, fn)
}

// ReadPhases streams the phase-level table (atop5_1aph.csv) from r.
func ReadPhases(r io.Reader, name string, fn func(Phase) error) error {
	rd, err := open(r, name, phaseSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	tc, sp, mem := newTermCols(rd), newSpan(rd, "begyr", "begmo", "begday", "endyr", "endmo", "endday"), rd.Numbered("mem")
	pid, phase := rd.Col("atopidphase"), rd.Col("phase")
	return csvio.Each(rd, func(rd *csvio.Reader) Phase {
		p := Phase{Terms: tc.read(rd), PhaseID: rd.Str(pid), Phase: rd.IntIn(phase, 0, 99, "a phase number"),
			Members: readCodes(rd, mem, maxStateCode, "a COW country code")}
		p.Begin, p.End = sp.read(rd)
		checkPhaseID(rd, pid, p.ATOPID, p.Phase)
		return p
	}, fn)
}

// checkPhaseID verifies that atopidphase is "<atopid>" for an unphased
// alliance and "<atopid>.<phase>" otherwise, so that a shifted column is
// caught rather than silently mislabelled.
func checkPhaseID(rd *csvio.Reader, c, atopid, phase int) {
	want := strconv.Itoa(atopid)
	if phase > 0 {
		want += "." + strconv.Itoa(phase)
	}
	if rd.Str(c) != want {
		rd.Fail(c, fmt.Sprintf("the phase id %q (atopid.phase)", want))
	}
}

// ReadMembers streams the member-level table (atop5_1m.csv) from r.
func ReadMembers(r io.Reader, name string, fn func(Member) error) error {
	rd, err := open(r, name, memberSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	tc, sp := newTermCols(rd), newSpan(rd, "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")
	member, cowsys, phase, cowwar, obvary := rd.Col("member"), rd.Col("cowsys"), rd.Col("phase"), rd.Col("cowwar"), rd.Col("obvary")
	return csvio.Each(rd, func(rd *csvio.Reader) Member {
		m := Member{
			Terms:           tc.read(rd),
			Member:          rd.IntIn(member, 1, maxStateCode, "a COW country code"),
			COWSys:          rd.Bool(cowsys),
			Phase:           rd.IntIn(phase, 0, 99, "a phase number"),
			COWWar:          rd.IntIn(cowwar, 0, 9999, "a COW war number or 0"),
			ObligationsVary: rd.Bool(obvary),
		}
		m.Entry, m.Exit = sp.read(rd)
		return m
	}, fn)
}

// ReadStateYears streams the state-year table (atop5_1sy.csv) from r.
func ReadStateYears(r io.Reader, name string, fn func(StateYear) error) error {
	rd, err := open(r, name, stateYearSchema)
	if err != nil {
		return err
	}
	defer rd.Close()
	state, year, number, transyr, ids := rd.Col("state"), rd.Col("year"), rd.Col("number"), rd.Col("transyr"), rd.Numbered("atopid")
	var oblig, none [len(obligationCols)]int
	for i, oc := range obligationCols {
		oblig[i], none[i] = rd.Col(oc.col), -1
	}
	return csvio.Each(rd, func(rd *csvio.Reader) StateYear {
		sy := StateYear{
			State:      rd.IntIn(state, 1, maxStateCode, "a COW country code"),
			Year:       rd.Year(year),
			Number:     rd.IntIn(number, 0, 999, "a number of alliances"),
			Transition: rd.Bool(transyr),
			ATOPIDs:    readCodes(rd, ids, 99999, "an ATOP alliance id"),
		}
		sy.Obligations, _ = readObligations(rd, oblig, none)
		return sy
	}, fn)
}

// LoadAlliances reads the alliance-level file at path.
func LoadAlliances(path string) ([]Alliance, error) { return csvio.Collect(path, ReadAlliances) }

// LoadPhases reads the phase-level file at path.
func LoadPhases(path string) ([]Phase, error) { return csvio.Collect(path, ReadPhases) }

// LoadMembers reads the member-level file at path.
func LoadMembers(path string) ([]Member, error) { return csvio.Collect(path, ReadMembers) }

// LoadStateYears reads the state-year file at path.
func LoadStateYears(path string) ([]StateYear, error) { return csvio.Collect(path, ReadStateYears) }
