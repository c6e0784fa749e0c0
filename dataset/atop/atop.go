package atop

import (
	"strings"

	"github.com/entente/entente/dataset/csvio"
)

// Obligation is a set of ATOP obligation types.
type Obligation uint8

// The obligation types, in codebook order.
const (
	Defense       Obligation = 1 << iota // defense: military support if a partner is attacked
	Offense                              // offense: military support in an offensive conflict
	Neutrality                           // neutral: neutrality in conflict
	NonAggression                        // nonagg: non-aggression
	Consultation                         // consul: consultation in crisis
)

// obligationCols pairs each obligation with its indicator column and its
// condition column (non-aggression has none).
var obligationCols = [...]struct {
	o          Obligation
	col, condn string
}{
	{Defense, "defense", "defcon"},
	{Offense, "offense", "offcon"},
	{Neutrality, "neutral", "neucon"},
	{NonAggression, "nonagg", ""},
	{Consultation, "consul", "concon"},
}

// Has reports whether s contains every obligation in o.
func (s Obligation) Has(o Obligation) bool { return s&o == o }

// String lists the obligations by their column names, e.g. "defense|consul".
func (s Obligation) String() string {
	var parts []string
	for _, oc := range obligationCols {
		if s.Has(oc.o) {
			parts = append(parts, oc.col)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}

// Terms are the columns shared by the alliance-, phase- and member-level
// tables.
type Terms struct {
	ATOPID int // ATOP alliance identifier
	COWID  int // COW alliance identifier (cowid), 0 if none
	COW4ID int // COW v4 alliance identifier (cow4id), 0 if none

	InEffect  bool // ineffect: still in effect at the end of 2018
	Bilateral bool // bilat: two members
	MaxPhase  int  // maxphase: number of phases, 0 if the terms never changed
	Wartime   bool // wartime: formed during a war in which a member fought

	Obligations Obligation // defense, offense, neutral, nonagg, consul
	Conditions  Obligation // defcon, offcon, neucon, concon: the obligation is conditional
	Active      bool       // active: codebook variable ACTIVE
	Conditional bool       // conditio: any obligation is conditional
	Asymmetric  bool       // asymm: obligations differ among members

	Provisions Provisions // the remaining codebook variables

	Source int  // source: codebook variable SOURCE
	New5   bool // new5: alliance new in version 5
	Rev5   bool // rev5: alliance revised in version 5
}

// Alliance is a row of the alliance-level table atop5_1a.
type Alliance struct {
	Terms
	Begin   csvio.Date // begyr, begmo, begday
	End     csvio.Date // endyr, endmo, endday; zero if still in effect
	Members []int      // mem1..memN: COW codes of all members ever
}

// Phase is a row of the phase-level table atop5_1aph: an alliance over a
// period in which its terms or membership did not change.
type Phase struct {
	Terms
	PhaseID string     // atopidphase, e.g. "3180.2"; equals the atopid when unphased
	Phase   int        // phase: 1, 2, ... or 0 for an alliance with a single phase
	Begin   csvio.Date // begyr, begmo, begday of the phase
	End     csvio.Date // endyr, endmo, endday; zero if still in effect
	Members []int      // mem1..memN: COW codes of the phase's members
}

// Member is a row of the member-level table atop5_1m: one state's
// participation in one phase of an alliance, with the obligations that state
// undertook.
type Member struct {
	Terms
	Member          int        // member: COW country code
	COWSys          bool       // cowsys: the member is in the COW state system
	Entry           csvio.Date // yrent, moent, dayent
	Exit            csvio.Date // yrexit, moexit, dayexit; zero if still a member at the end of 2018
	Phase           int        // phase: 1, 2, ... or 0 for an alliance with a single phase
	COWWar          int        // cowwar: COW war number if formed in wartime, else 0
	ObligationsVary bool       // obvary: the member's obligations vary (see codebook)
}

// InYear reports whether the membership covers some part of year y.
func (m *Member) InYear(y int) bool {
	return m.Entry.Year <= y && (m.Exit.IsZero() || m.Exit.Year >= y)
}

// OneSided reports whether some but not all of the members in group
// undertook obligation o. Group should hold the rows of one alliance phase;
// a true result is a one-sided (asymmetric) pledge, such as France's defense
// promise to Belgium in alliance 1060.
func OneSided(group []Member, o Obligation) bool {
	var with, without bool
	for i := range group {
		if group[i].Obligations.Has(o) {
			with = true
		} else {
			without = true
		}
	}
	return with && without
}

// StateYear is a row of the state-year table atop5_1sy: the alliances a
// state belonged to in a year. (The atopally column is 1 in every row and is
// not kept.)
type StateYear struct {
	State       int        // state: COW country code
	Year        int        // year
	Obligations Obligation // obligations held in any alliance that year
	Number      int        // number: number of alliances
	Transition  bool       // transyr: membership changed during the year
	ATOPIDs     []int      // atopid1..atopidN, non-empty entries in order
}
