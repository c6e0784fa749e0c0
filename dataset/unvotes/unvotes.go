package unvotes

import (
	"strings"

	"github.com/entente/entente/dataset/csvio"
)

// Vote is one country's position on one roll call, in Voeten's coding.
type Vote int8

// Vote values. Unrecorded means the source has no row for the country and
// roll call.
const (
	Unrecorded Vote = 0
	Yes        Vote = 1
	Abstain    Vote = 2
	No         Vote = 3
	Absent     Vote = 8
	NotMember  Vote = 9
)

// String returns "yes", "abstain", "no", "absent", "not member" or
// "unrecorded".
func (v Vote) String() string {
	switch v {
	case Yes:
		return "yes"
	case Abstain:
		return "abstain"
	case No:
		return "no"
	case Absent:
		return "absent"
	case NotMember:
		return "not member"
	case Unrecorded:
		return "unrecorded"
	}
	return "invalid vote"
}

// Cast reports whether v is a vote actually cast: yes, abstain or no.
func (v Vote) Cast() bool { return v == Yes || v == Abstain || v == No }

// voetenCode maps Voeten's vote codes.
func voetenCode(code int) (Vote, bool) {
	switch v := Vote(code); v {
	case Yes, Abstain, No, Absent, NotMember:
		return v, true
	}
	return 0, false
}

// Issue is a set of the six issue codes attached to roll calls.
type Issue uint8

// Issue codes, with their short names in the source files.
const (
	MiddleEast  Issue = 1 << iota // me: Palestinian conflict
	Nuclear                       // nu: nuclear weapons and nuclear material
	ArmsControl                   // di: arms control and disarmament
	HumanRights                   // hr: human rights
	Colonialism                   // co: colonialism
	Development                   // ec: economic development
)

// issueShort lists the short names in bit order.
var issueShort = [...]string{"me", "nu", "di", "hr", "co", "ec"}

// IssueByShortName returns the Issue for a short name such as "hr".
func IssueByShortName(s string) (Issue, bool) {
	for i, n := range issueShort {
		if n == s {
			return 1 << i, true
		}
	}
	return 0, false
}

// Has reports whether s contains every issue in i.
func (s Issue) Has(i Issue) bool { return s&i == i }

// String lists the short names, e.g. "me|hr", or "none".
func (s Issue) String() string {
	var parts []string
	for i, n := range issueShort {
		if s.Has(1 << i) {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}

// Ballot is one country's vote on one roll call: the common unit of both
// sources. It is 8 bytes, so a whole vote file fits in a compact slice.
type Ballot struct {
	RCID  int32 // roll call id
	CCode int16 // COW country code
	Vote  Vote  // the vote cast, or Absent / NotMember
}

// RollCall describes one recorded vote of the General Assembly.
type RollCall struct {
	RCID      int        // roll call id, shared by all sources
	Session   int        // General Assembly session
	Important csvio.Flag // importantvote: on the US State Department's list of important votes
	Date      csvio.Date // date of the vote
	UNRes     string     // unres: resolution or document symbol, possibly empty
	Amend     csvio.Flag // amend: vote on an amendment
	Para      csvio.Flag // para: vote on a paragraph
	Short     string     // short description
	Descr     string     // long description
	Issues    Issue      // issue codes (from the issue table or Voeten's columns)
	// Tally counts the yes, abstain and no votes cast on the roll call in
	// the Matrix it belongs to. Builder.Build fills it from the ballots;
	// the readers leave it zero.
	Tally Tally
}

// Tally is the count of votes cast on one roll call.
type Tally struct {
	Yes, Abstain, No int
}

// Cast is the number of yes, abstain and no votes.
func (t Tally) Cast() int { return t.Yes + t.Abstain + t.No }

// Unanimous reports whether every state that cast a vote cast the same
// one (all yes, all abstain or all no). A roll call with no vote cast is
// unanimous too: it divides no one. Roll calls that are not unanimous are
// the contested ones that Voeten's session agreement scores keep (see
// package panel, Contested).
func (t Tally) Unanimous() bool {
	kinds := 0
	for _, n := range [...]int{t.Yes, t.Abstain, t.No} {
		if n > 0 {
			kinds++
		}
	}
	return kinds <= 1
}

// IssueTag is a row of un_roll_call_issues: one issue code of a roll call.
type IssueTag struct {
	RCID  int   // rcid
	Issue Issue // short_name as a single-bit Issue
}

// VoetenRow is a row of Voeten's raw file: a ballot with its roll call's
// metadata repeated.
type VoetenRow struct {
	Ballot
	Session     int        // session
	Member      csvio.Flag // member: 1 for UN members, missing otherwise
	Important   csvio.Flag // importantvote
	Date        csvio.Date // date (M/D/YYYY in the file); zero if empty (roll call 4592)
	UNRes       string     // unres
	Issues      Issue      // me, nu, di, hr, co, ec set to 1
	IssuesCoded bool       // all six issue columns were present
	Year        int        // year
}

// Description is a row of DescriptionsUN1-72.tab: a roll call with its
// vote totals.
type Description struct {
	RollCall
	Yes, No, Abstain int // vote counts
}
