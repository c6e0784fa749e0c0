package panel

import (
	"io"
	"math"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/numfmt"
	"github.com/entente/entente/internal/table"
)

// obligationColumns are the ATOP obligation types in codebook order with
// their column names.
var obligationColumns = [...]struct {
	o    atop.Obligation
	name string
}{{atop.Defense, "defense"}, {atop.Offense, "offense"}, {atop.Neutrality, "neutral"},
	{atop.NonAggression, "nonagg"}, {atop.Consultation, "consul"}}

// DyadHeader returns the column names of the dyad-year CSV.
//
//	year, ccode1, ccode2     the dyad (ccode1 < ccode2 when undirected)
//	atop_shared              ATOP alliances the two share in the year
//	defense ... consul       directed: 1 owes 2 that obligation;
//	                         undirected: either owes the other
//	obl12, obl21             1's obligations toward 2 and 2's toward 1 as
//	                         bit masks: defense 1, offense 2, neutral 4,
//	                         nonagg 8, consul 16
//	major1, major2           COW major-power status
//	cinc1 ... upop1          NMC columns of state 1 (cinc, milex, milper,
//	cinc2 ... upop2          irst, pec, tpop, upop), then of state 2
//	cap_ratio                stronger CINC over weaker CINC
//
// Missing values are empty fields: capabilities NMC codes -9 or lacks, and
// every alliance column in a year outside the ATOP coverage.
func DyadHeader() []string { return table.Names(DyadColumns(nil)) }

// DyadColumns returns the columns of the dyad-year CSV (DyadHeader) with
// their kinds, then those of cov (nil for none): capabilities and ratios
// are numbers (Float), everything else integers.
func DyadColumns(cov *Covariates) []table.Column {
	cols := ints("year", "ccode1", "ccode2", "atop_shared")
	for _, o := range obligationColumns {
		cols = append(cols, table.Column{Name: o.name, Kind: table.Int})
	}
	cols = append(cols, ints("obl12", "obl21", "major1", "major2")...)
	for _, side := range []string{"1", "2"} {
		for c := range NumCaps {
			cols = append(cols, table.Column{Name: c.String() + side, Kind: table.Float})
		}
	}
	cols = append(cols, table.Column{Name: "cap_ratio", Kind: table.Float})
	if cov != nil {
		cols = append(cols, cov.Columns()...)
	}
	return cols
}

// ints returns integer columns of these names.
func ints(names ...string) []table.Column { return columnsOf(table.Int, names) }

// floats returns number columns of these names.
func floats(names ...string) []table.Column { return columnsOf(table.Float, names) }

// columnsOf returns columns of these names, all of kind k.
func columnsOf(k table.Kind, names []string) []table.Column {
	cols := make([]table.Column, len(names))
	for i, n := range names {
		cols[i] = table.Column{Name: n, Kind: k}
	}
	return cols
}

// DyadWriter writes dyad-year blocks as typed rows (table.Row) to a
// table.RowWriter: CSV text, or the columns of a Parquet file.
//
// What a year repeats in many rows is gathered once into table.Groups, so
// that a CSV writer formats it once: the year, each state's code, major
// power status and capabilities, and the alliance columns of a dyad with
// no alliance or outside ATOP's coverage (most dyads).
type DyadWriter struct {
	rw    table.RowWriter
	row   table.Row
	year  *Year
	yr    table.Group   // the year
	code  []table.Group // per state of year: COW code
	major []table.Group // per state: major1 (or major2)
	caps  []table.Group // per state: cinc ... upop
	none  table.Group   // alliance columns of a dyad with no alliance
	gap   table.Group   // alliance columns outside the ATOP coverage
	cov   *Covariates
	cache yearCache
}

// NewDyadWriter returns a writer that writes the CSV header to w and then
// each block given to Write.
func NewDyadWriter(w io.Writer) *DyadWriter {
	return NewDyadWriterWith(w, nil)
}

// NewDyadWriterWith is NewDyadWriter with the columns of cov (a
// Covariates built for dyads) after cap_ratio; nil cov adds none.
func NewDyadWriterWith(w io.Writer, cov *Covariates) *DyadWriter {
	return newDyadWriter(table.NewCSVWriter(w, DyadColumns(cov)), cov)
}

// newDyadWriter returns a writer of blocks to rw, whose columns are
// DyadColumns(cov).
func newDyadWriter(rw table.RowWriter, cov *Covariates) *DyadWriter {
	d := &DyadWriter{rw: rw, cov: cov}
	for range allianceColumns {
		d.none.Int(0)
	}
	d.gap.Nulls(table.Int, allianceColumns)
	return d
}

// allianceColumns counts atop_shared, defense ... consul, obl12, obl21.
const allianceColumns = 3 + len(obligationColumns)

// Write writes the block's rows.
func (d *DyadWriter) Write(b *DyadBlock) error {
	yr := b.Year
	d.cacheYear(yr)
	row := &d.row
	for r := range b.I {
		i, j := b.I[r], b.J[r]
		row.Reset()
		row.Group(&d.yr)
		row.Group(&d.code[i])
		row.Group(&d.code[j])
		switch {
		case !yr.AlliancesKnown:
			row.Group(&d.gap)
		case b.Shared[r] == 0:
			row.Group(&d.none)
		default:
			allianceCells(row, b.Directed, b.Shared[r], b.Owes[r], b.OwedBy[r])
		}
		row.Group(&d.major[i])
		row.Group(&d.major[j])
		row.Group(&d.caps[i])
		row.Group(&d.caps[j])
		row.Float(b.Ratio[r])
		if d.cov != nil {
			d.cov.dyadCells(row, &d.cache, yr.Year, yr.States[i], yr.States[j])
		}
		if err := d.rw.WriteRow(row); err != nil {
			return err
		}
	}
	return nil
}

// Flush hands on whatever is buffered.
func (d *DyadWriter) Flush() error { return d.rw.Flush() }

// cacheYear gathers the year's groups.
func (d *DyadWriter) cacheYear(yr *Year) {
	if d.year == yr {
		return
	}
	d.year = yr
	d.yr.Reset()
	d.yr.Int(int64(yr.Year))
	n := yr.N()
	d.code, d.major, d.caps = make([]table.Group, n), make([]table.Group, n), make([]table.Group, n)
	for i := range n {
		d.code[i].Int(int64(yr.States[i]))
		d.major[i].Flag(yr.Major[i])
		for k := range NumCaps {
			d.caps[i].Float(yr.Caps[k][i])
		}
	}
}

// allianceCells appends atop_shared, defense ... consul, obl12, obl21 of
// a dyad that shares alliances.
func allianceCells(row *table.Row, directed bool, shared int16, owes, owedBy atop.Obligation) {
	row.Int(int64(shared))
	flags := owes
	if !directed {
		flags |= owedBy
	}
	for _, o := range obligationColumns {
		row.Flag(flags.Has(o.o))
	}
	row.Int(int64(owes))
	row.Int(int64(owedBy))
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// AppendFloat appends v in the panels' CSV form: the shortest decimal that
// reads back as v, no exponent; NaN (missing) as an empty field; infinities
// as Inf and -Inf (numfmt's CSV form).
func AppendFloat(buf []byte, v float64) []byte { return numfmt.AppendCSV(buf, v) }

// StateHeader returns the column names of the state-year CSV:
//
//	year, ccode, abb, major
//	cinc ... upop           NMC columns (empty where missing)
//	atop_alliances          ATOP alliances the state belonged to
//	defense ... consul      obligations it undertook in any of them
//	defense_partners        system members it shares a defense pledge with
//
// The alliance columns are empty outside the ATOP coverage.
func StateHeader() []string { return table.Names(StateColumns(nil)) }

// StateColumns returns the columns of the state-year CSV (StateHeader)
// with their kinds, then those of cov (nil for none).
func StateColumns(cov *Covariates) []table.Column {
	cols := append(ints("year", "ccode"), table.Column{Name: "abb", Kind: table.Text}, table.Column{Name: "major", Kind: table.Int})
	for c := range NumCaps {
		cols = append(cols, table.Column{Name: c.String(), Kind: table.Float})
	}
	cols = append(cols, table.Column{Name: "atop_alliances", Kind: table.Int})
	for _, o := range obligationColumns {
		cols = append(cols, table.Column{Name: o.name, Kind: table.Int})
	}
	cols = append(cols, table.Column{Name: "defense_partners", Kind: table.Int})
	if cov != nil {
		cols = append(cols, cov.Columns()...)
	}
	return cols
}

// AppendStateYear appends one state-year as a CSV line.
func AppendStateYear(buf []byte, s *StateYear) []byte {
	var row table.Row
	stateYearCells(&row, s)
	return append(table.AppendCSV(buf, &row, false), '\n')
}

// stateYearCells appends the cells of one state-year (StateColumns(nil)).
func stateYearCells(row *table.Row, s *StateYear) {
	row.Int(int64(s.Year))
	row.Int(int64(s.CCode))
	row.Text([]byte(s.Abb))
	row.Flag(s.Major)
	for _, v := range s.Caps {
		row.Float(v)
	}
	if !s.AlliancesKnown {
		row.Nulls(table.Int, allianceColumns-1)
		return
	}
	row.Int(int64(s.Alliances))
	for _, o := range obligationColumns {
		row.Flag(s.Owes.Has(o.o))
	}
	row.Int(int64(s.DefensePartners))
}

// PortfolioHeader returns the columns of the alliance-portfolio
// similarity CSV: the dyad, the number of states compared (n) and every
// measure of fpsim.PortfolioScores: Signorino-Ritter S with absolute and
// squared distance, unweighted and CINC-weighted, Cohen's kappa and
// Scott's pi (Häge 2011) in both metrics, and Kendall's tau-b.
func PortfolioHeader() []string {
	return []string{"year", "ccode1", "ccode2", "n", "s_abs", "s_sq", "sw_abs", "sw_sq",
		"kappa_abs", "kappa_sq", "pi_abs", "pi_sq", "tau_b"}
}

// AppendPortfolio appends one dyad-year of portfolio similarity as a CSV
// line (NaN, an undefined measure, as an empty field).
func AppendPortfolio(buf []byte, year, a, b int, s *fpsim.PortfolioScores) []byte {
	return appendPortfolio(buf, nil, year, a, b, s)
}

// appendPortfolio is AppendPortfolio with the numbers written by nf (nil:
// numfmt.AppendCSV).
func appendPortfolio(buf []byte, nf *numfmt.Writer, year, a, b int, s *fpsim.PortfolioScores) []byte {
	buf = appendDyad(buf, year, a, b, s.N)
	return appendFloats(buf, nf, s.SAbs, s.SSq, s.SWAbs, s.SWSq, s.KappaAbs, s.KappaSq, s.PiAbs, s.PiSq, s.TauB)
}

// VoteHeader returns the columns of the UN-vote similarity CSV: the dyad,
// the roll calls both voted on (n), agreement (share of those with the
// same vote), half-credit agreement (yes or no against abstain counts
// one half) and the table measures of fpsim.VoteScores on the ordinal
// scale yes < abstain < no.
func VoteHeader() []string {
	return []string{"year", "ccode1", "ccode2", "n", "agree", "agree_half", "s_abs", "s_sq",
		"kappa_abs", "kappa_sq", "pi_abs", "pi_sq", "tau_b"}
}

// AppendVote appends one dyad-year of vote similarity as a CSV line.
func AppendVote(buf []byte, year, a, b int, s *fpsim.VoteScores) []byte {
	return appendVote(buf, nil, year, a, b, s)
}

func appendVote(buf []byte, nf *numfmt.Writer, year, a, b int, s *fpsim.VoteScores) []byte {
	buf = appendDyad(buf, year, a, b, s.N)
	return appendVoteScores(buf, nf, s)
}

// voteLines writes the lines of the vote CSV as appendVote does, for a
// writer of many: the dyads of a year come state by state (ccode1 fixed
// for up to 190 lines), and the first two fields that a run of lines
// shares, "year,ccode1,", are written once for the run and copied.
type voteLines struct {
	year, a int
	n       int      // length of the text in lead, 0 before the first
	lead    [16]byte // "year,ccode1," (at most "9999,9999,")
}

// appendVote appends the line of the dyad a, b in year with the
// measures s, as appendVote does.
func (v *voteLines) appendVote(buf []byte, nf *numfmt.Writer, year, a, b int, s *fpsim.VoteScores) []byte {
	if year != v.year || a != v.a || v.n == 0 {
		if uint(year) >= numfmt.SmallInts || uint(a) >= numfmt.SmallInts {
			return appendVote(buf, nf, year, a, b, s)
		}
		t := numfmt.AppendSmallInt(v.lead[:0], int64(year))
		t = append(t, ',')
		t = numfmt.AppendSmallInt(t, int64(a))
		t = append(t, ',')
		v.year, v.a, v.n = year, a, len(t)
	}
	if l := len(buf); cap(buf)-l >= len(v.lead) {
		// A fixed-size copy and a shorter length.
		*(*[16]byte)(buf[l : l+16]) = v.lead
		buf = buf[:l+v.n]
	} else {
		buf = append(buf, v.lead[:v.n]...)
	}
	// b and n inlined: appendSmall is not.
	if uint(b) < numfmt.SmallInts {
		buf = numfmt.AppendSmallInt(buf, int64(b))
	} else {
		buf = numfmt.AppendInt(buf, int64(b))
	}
	buf = append(buf, ',')
	if n := int64(s.N); uint64(n) < numfmt.SmallInts {
		buf = numfmt.AppendSmallInt(buf, n)
	} else {
		buf = numfmt.AppendInt(buf, n)
	}
	return appendVoteScores(buf, nf, s)
}

// appendSmall appends v in decimal, as numfmt.AppendInt does.
func appendSmall(buf []byte, v int) []byte {
	if uint(v) < numfmt.SmallInts {
		return numfmt.AppendSmallInt(buf, int64(v))
	}
	return numfmt.AppendInt(buf, int64(v))
}

// appendVoteScores appends the measures of s as appendFloats does. With
// a numfmt.Writer, only the shares go through its table of recent values:
// agreement, half-credit agreement and S are counts over the n roll calls
// (or 2n), a few thousand distinct values a year that repeat, while the
// chance-corrected measures and tau-b rarely repeat, and in the same table
// would evict the shares and turn it off (numfmt's bypass) for a tenth
// more formatting time in all.
func appendVoteScores(buf []byte, nf *numfmt.Writer, s *fpsim.VoteScores) []byte {
	if nf == nil {
		return appendFloats(buf, nil, s.Agree, s.AgreeHalf, s.SAbs, s.SSq, s.KappaAbs, s.KappaSq, s.PiAbs, s.PiSq, s.TauB)
	}
	// One field after another, without a loop over the values.
	buf = append(buf, ',')
	buf = nf.Append(buf, s.Agree)
	buf = append(buf, ',')
	buf = nf.Append(buf, s.AgreeHalf)
	buf = append(buf, ',')
	buf = nf.Append(buf, s.SAbs)
	buf = append(buf, ',')
	buf = nf.Append(buf, s.SSq)
	buf = appendPair(buf, s.KappaAbs, s.KappaSq)
	buf = appendPair(buf, s.PiAbs, s.PiSq)
	buf = append(buf, ',')
	buf = numfmt.AppendCSV(buf, s.TauB)
	return append(buf, '\n')
}

// appendPair appends the fields of a measure on the absolute and on the
// squared scale, which are the same number in a sixth of the vote dyads
// (kappa 148,000 times and pi 131,000 in 834,513 dyad-years 1946-2020,
// where the table's disagreements are all one step apart or all two):
// then the text of the first is copied, not formatted again.
func appendPair(buf []byte, abs, sq float64) []byte {
	buf = append(buf, ',')
	at := len(buf)
	buf = numfmt.AppendCSV(buf, abs)
	end := len(buf)
	buf = append(buf, ',')
	if math.Float64bits(sq) == math.Float64bits(abs) {
		if l := len(buf); cap(buf)-l >= 32 && end-at <= 32 {
			// A fixed-size copy (the text, read whole before the
			// store, and what follows it) and a shorter length.
			t := *(*[32]byte)(buf[at : at+32])
			*(*[32]byte)(buf[l : l+32]) = t
			return buf[:l+end-at]
		}
		return append(buf, buf[at:end]...)
	}
	return numfmt.AppendCSV(buf, sq)
}

// SessionVoteHeader returns the columns of the UN-vote similarity CSV by
// General Assembly session: session, year (the year the session opened,
// SessionYear), contested (1 when only contested roll calls were kept),
// then the dyad and the measures as in VoteHeader.
func SessionVoteHeader() []string {
	return append([]string{"session", "year", "contested"}, VoteHeader()[1:]...)
}

// AppendSessionVote appends one dyad-session of vote similarity as a CSV
// line in the columns of SessionVoteHeader.
func AppendSessionVote(buf []byte, session int, contested bool, a, b int, s *fpsim.VoteScores) []byte {
	return appendSessionVote(buf, nil, session, contested, a, b, s)
}

func appendSessionVote(buf []byte, nf *numfmt.Writer, session int, contested bool, a, b int, s *fpsim.VoteScores) []byte {
	buf = numfmt.AppendInt(buf, int64(session))
	buf = append(buf, ',')
	buf = numfmt.AppendInt(buf, int64(SessionYear(session)))
	buf = append(buf, ',')
	buf = append(buf, flag(contested)...)
	buf = append(buf, ',')
	buf = numfmt.AppendInt(buf, int64(a))
	buf = append(buf, ',')
	buf = numfmt.AppendInt(buf, int64(b))
	buf = append(buf, ',')
	buf = numfmt.AppendInt(buf, int64(s.N))
	return appendVoteScores(buf, nf, s)
}

// appendDyad appends the first four fields of a line: year, the dyad and
// n, as table.CSVWriter writes integers (numfmt.AppendInt, the small
// ones inlined).
func appendDyad(buf []byte, year, a, b int, n int32) []byte {
	for i, v := range [...]int{year, a, b, int(n)} {
		if i > 0 {
			buf = append(buf, ',')
		}
		if uint(v) < numfmt.SmallInts {
			buf = numfmt.AppendSmallInt(buf, int64(v))
		} else {
			buf = numfmt.AppendInt(buf, int64(v))
		}
	}
	return buf
}

func appendFloats(buf []byte, nf *numfmt.Writer, vs ...float64) []byte {
	for _, v := range vs {
		buf = append(buf, ',')
		if nf != nil {
			buf = nf.Append(buf, v)
		} else {
			buf = numfmt.AppendCSV(buf, v)
		}
	}
	return append(buf, '\n')
}
