package unvotes

import (
	"io"
	"strings"

	"github.com/entente/entente/dataset/csvio"
)

var (
	votesSchema = csvio.Schema{
		Dataset:   "the unvotes vote table (un_votes)",
		Required:  []string{"rcid", "country", "country_code", "vote"},
		Forbidden: []string{"ccode"},
	}
	rollCallsSchema = csvio.Schema{
		Dataset:   "the unvotes roll-call table (un_roll_calls)",
		Required:  []string{"rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"},
		Forbidden: []string{"vote", "yes"},
	}
	issuesSchema = csvio.Schema{
		Dataset:  "the unvotes issue table (un_roll_call_issues)",
		Required: []string{"rcid", "short_name", "issue"},
	}
	voetenSchema = csvio.Schema{
		Dataset: "Voeten's raw UN vote file (UNVotesPublished)",
		Required: append([]string{"rcid", "session", "vote", "ccode", "member", "importantvote",
			"date", "unres", "year"}, issueShort[:]...),
	}
	descriptionsSchema = csvio.Schema{
		Dataset: "Voeten's roll-call descriptions (DescriptionsUN1-72.tab)",
		Required: append([]string{"session", "rcid", "abstain", "yes", "no", "importantvote", "date",
			"unres", "amend", "para", "short", "descr"}, issueShort[:]...),
		Forbidden: []string{"vote", "ccode"},
	}
)

// Bounds used to validate identifiers.
const (
	maxRCID    = 1 << 30
	maxSession = 999
	maxCCode   = 999
)

func open(r io.Reader, name string, s csvio.Schema, opt csvio.Options) (*csvio.Reader, error) {
	return csvio.NewChecked(r, name, opt, s)
}

func rcid(rd *csvio.Reader, c int) int    { return rd.IntIn(c, 1, maxRCID, "a roll call id") }
func session(rd *csvio.Reader, c int) int { return rd.IntIn(c, 1, maxSession, "a session number") }

// ReadVotes streams un_votes.csv (plain or gzip-compressed) from r. Country
// names are mapped to COW codes with CountryCode; an unknown name is an
// error, so a newer unvotes release with new names fails loudly rather than
// dropping votes.
func ReadVotes(r io.Reader, name string, fn func(Ballot) error) error {
	rd, err := open(r, name, votesSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	id, country, vote := rd.Col("rcid"), rd.Col("country"), rd.Col("vote")
	return csvio.Each(rd, func(rd *csvio.Reader) Ballot {
		return Ballot{RCID: int32(rcid(rd, id)), CCode: int16(countryCode(rd, country)), Vote: voteWord(rd, vote)}
	}, fn)
}

func countryCode(rd *csvio.Reader, c int) int {
	cc, ok := CountryCode(rd.Str(c))
	if !ok {
		rd.Fail(c, "a country name with a known COW code")
	}
	return cc
}

// voteWord parses the unvotes vote labels.
func voteWord(rd *csvio.Reader, c int) Vote {
	switch rd.Str(c) {
	case "yes":
		return Yes
	case "abstain":
		return Abstain
	case "no":
		return No
	}
	rd.Fail(c, `"yes", "abstain" or "no"`)
	return Unrecorded
}

// ReadRollCalls streams un_roll_calls.csv from r. Issues is left empty: the
// issue codes are in un_roll_call_issues (ReadIssues).
func ReadRollCalls(r io.Reader, name string, fn func(RollCall) error) error {
	rd, err := open(r, name, rollCallsSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	c := colsOf(rd, "rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr")
	return csvio.Each(rd, func(rd *csvio.Reader) RollCall {
		return RollCall{
			RCID: rcid(rd, c[0]), Session: session(rd, c[1]), Important: rd.Flag(c[2]),
			Date: rd.ISODate(c[3]), UNRes: rd.Str(c[4]), Amend: rd.Flag(c[5]), Para: rd.Flag(c[6]),
			Short: rd.Str(c[7]), Descr: rd.Str(c[8]),
		}
	}, fn)
}

// colsOf returns the indexes of columns the schema has already required.
func colsOf(rd *csvio.Reader, names ...string) []int {
	c := make([]int, len(names))
	for i, n := range names {
		c[i] = rd.Col(n)
	}
	return c
}

// ReadIssues streams un_roll_call_issues.csv from r.
func ReadIssues(r io.Reader, name string, fn func(IssueTag) error) error {
	rd, err := open(r, name, issuesSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	id, short := rd.Col("rcid"), rd.Col("short_name")
	return csvio.Each(rd, func(rd *csvio.Reader) IssueTag {
		is, ok := IssueByShortName(rd.Str(short))
		if !ok {
			rd.Fail(short, "an issue code (me, nu, di, hr, co, ec)")
		}
		return IssueTag{RCID: rcid(rd, id), Issue: is}
	}, fn)
}

// issueCols reads the six 0/1 issue columns me..ec.
type issueCols [len(issueShort)]int

func newIssueCols(rd *csvio.Reader) issueCols {
	var ic issueCols
	for i, n := range issueShort {
		ic[i] = rd.Col(n)
	}
	return ic
}

// read returns the issues coded 1 and whether all six were present. A
// trailing `\"` (a Stata escaping artefact in the rows of roll call 1429,
// in both of Voeten's files) is ignored.
func (ic issueCols) read(rd *csvio.Reader) (Issue, bool) {
	var s Issue
	coded := true
	for i, c := range ic {
		switch strings.TrimSuffix(rd.Str(c), `\"`) {
		case "1":
			s |= 1 << i
		case "0":
		case "":
			coded = false
		default:
			rd.Fail(c, "0, 1 or empty")
		}
	}
	return s, coded
}

// ReadVoeten streams Voeten's raw vote file (UNVotesPublished_2016.csv,
// plain or gzip-compressed) from r.
func ReadVoeten(r io.Reader, name string, fn func(VoetenRow) error) error {
	rd, err := open(r, name, voetenSchema, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	c := colsOf(rd, "rcid", "session", "vote", "ccode", "member", "importantvote", "date", "unres", "year")
	ic := newIssueCols(rd)
	return csvio.Each(rd, func(rd *csvio.Reader) VoetenRow {
		row := VoetenRow{
			Ballot: Ballot{
				RCID:  int32(rcid(rd, c[0])),
				Vote:  voetenVote(rd, c[2]),
				CCode: int16(rd.IntIn(c[3], 1, maxCCode, "a COW country code")),
			},
			Session: session(rd, c[1]), Member: rd.Flag(c[4]), Important: rd.Flag(c[5]),
			UNRes: rd.Str(c[7]), Year: rd.Year(c[8]),
		}
		if !rd.IsMissing(c[6]) { // roll call 4592 has no date
			row.Date = rd.MDYDate(c[6])
		}
		row.Issues, row.IssuesCoded = ic.read(rd)
		return row
	}, fn)
}

func voetenVote(rd *csvio.Reader, c int) Vote {
	v, ok := voetenCode(rd.IntIn(c, 1, 9, "a vote code (1, 2, 3, 8 or 9)"))
	if !ok {
		rd.Fail(c, "a vote code (1, 2, 3, 8 or 9)")
	}
	return v
}

// ReadDescriptions streams Voeten's tab-separated roll-call descriptions
// (DescriptionsUN1-72.tab) from r. The file escapes quotes with
// backslashes, so it is split line by line without CSV quoting.
func ReadDescriptions(r io.Reader, name string, fn func(Description) error) error {
	rd, err := open(r, name, descriptionsSchema, csvio.Options{Comma: '\t', Raw: true})
	if err != nil {
		return err
	}
	defer rd.Close()
	c := colsOf(rd, "session", "rcid", "abstain", "yes", "no", "importantvote", "date", "unres", "amend", "para", "short", "descr")
	ic := newIssueCols(rd)
	return csvio.Each(rd, func(rd *csvio.Reader) Description {
		d := Description{
			RollCall: RollCall{
				Session: session(rd, c[0]), RCID: rcid(rd, c[1]), Important: rd.Flag(c[5]),
				Date: rd.MDYDate(c[6]), UNRes: rd.Str(c[7]), Amend: rd.Flag(c[8]), Para: rd.Flag(c[9]),
				Short: rd.Str(c[10]), Descr: rd.Str(c[11]),
			},
			Abstain: count(rd, c[2]), Yes: count(rd, c[3]), No: count(rd, c[4]),
		}
		d.Issues, _ = ic.read(rd)
		return d
	}, fn)
}

func count(rd *csvio.Reader, c int) int { return rd.IntIn(c, 0, 999, "a vote count") }

// LoadRollCalls reads un_roll_calls.csv at path.
func LoadRollCalls(path string) ([]RollCall, error) { return csvio.Collect(path, ReadRollCalls) }

// LoadIssues reads un_roll_call_issues.csv at path.
func LoadIssues(path string) ([]IssueTag, error) { return csvio.Collect(path, ReadIssues) }

// LoadDescriptions reads DescriptionsUN1-72.tab at path.
func LoadDescriptions(path string) ([]Description, error) {
	return csvio.Collect(path, ReadDescriptions)
}
