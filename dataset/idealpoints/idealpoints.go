package idealpoints

import (
	"io"
	"unicode/utf8"

	"github.com/entente/entente/dataset/csvio"
)

// Quantiles are posterior quantiles of an ideal point. Q0 is the column
// labelled "QO%" in the Stata file; its values are the smallest of the
// seven in every row, so it is read as the 0% quantile (minimum).
type Quantiles struct {
	Q0, Q5, Q10, Q50, Q90, Q95, Q100 float64 // the 0%, 5%, ..., 100% quantiles
}

// Record is one state-year. Missing estimates are NaN and missing vote
// counts -1.
type Record struct {
	CCode int    // ccode: COW country code
	ISO3  string // iso3c, possibly empty
	Name  string // countryname, repaired to single UTF-8
	Year  int    // year

	FP     float64 // idealpointfp: from final-passage votes
	All    float64 // idealpointall: from all votes
	Legacy float64 // idealpointlegacy: legacy estimate

	NVotesFP     int // nvotesfp
	NVotesAll    int // nvotesall
	NVotesLegacy int // nvotesLegacy

	FPQuantiles  Quantiles // qofp, q5fp ... q100fp
	AllQuantiles Quantiles // qoall, q5all ... q100all
}

var quantileNames = [7]string{"qo", "q5", "q10", "q50", "q90", "q95", "q100"}

var schema = csvio.Schema{
	Dataset: "the BSV ideal points, July 2025 release (IdealpointsJuly2025)",
	Required: append([]string{"ccode", "iso3c", "countryname", "year", "idealpointfp", "idealpointall",
		"idealpointlegacy", "nvotesfp", "nvotesall", "nvotesLegacy"}, quantileColumns()...),
	Forbidden: []string{"session", "idealpoint"},
}

func quantileColumns() []string {
	var cols []string
	for _, suffix := range []string{"fp", "all"} {
		for _, q := range quantileNames {
			cols = append(cols, q+suffix)
		}
	}
	return cols
}

// Read streams IdealpointsJuly2025.csv from r.
func Read(r io.Reader, name string, fn func(Record) error) error {
	rd, err := csvio.NewReader(r, name, csvio.Options{})
	if err != nil {
		return err
	}
	defer rd.Close()
	if err := rd.Check(schema); err != nil {
		return err
	}
	c := map[string]int{}
	for _, n := range schema.Required {
		c[n] = rd.Col(n)
	}
	fpq, allq := quantileCols(rd, "fp"), quantileCols(rd, "all")
	return csvio.Each(rd, func(rd *csvio.Reader) Record {
		return Record{
			CCode: rd.IntIn(c["ccode"], 1, 999, "a COW country code"),
			ISO3:  rd.Str(c["iso3c"]), Name: repairUTF8(rd.Str(c["countryname"])), Year: rd.Year(c["year"]),
			FP: rd.Float(c["idealpointfp"]), All: rd.Float(c["idealpointall"]), Legacy: rd.Float(c["idealpointlegacy"]),
			NVotesFP: count(rd, c["nvotesfp"]), NVotesAll: count(rd, c["nvotesall"]), NVotesLegacy: count(rd, c["nvotesLegacy"]),
			FPQuantiles: fpq.read(rd), AllQuantiles: allq.read(rd),
		}
	}, fn)
}

type qcols [7]int

func quantileCols(rd *csvio.Reader, suffix string) qcols {
	var q qcols
	for i, n := range quantileNames {
		q[i] = rd.Col(n + suffix)
	}
	return q
}

func (q qcols) read(rd *csvio.Reader) Quantiles {
	return Quantiles{rd.Float(q[0]), rd.Float(q[1]), rd.Float(q[2]), rd.Float(q[3]), rd.Float(q[4]), rd.Float(q[5]), rd.Float(q[6])}
}

// count reads a vote count, -1 when missing.
func count(rd *csvio.Reader, c int) int {
	if rd.IsMissing(c) {
		return -1
	}
	return rd.IntIn(c, 0, 1_000_000, "a vote count")
}

// repairUTF8 undoes one level of double UTF-8 encoding: if every rune of s
// maps back to one Latin-1 or Windows-1252 byte and those bytes form valid
// UTF-8, that is the original text. (’ is E2 80 99; the file has the bytes
// decoded as Latin-1, U+00E2 U+0080 U+0099, and other tools produce the
// Windows-1252 reading "â€™"; both are repaired.) Plain ASCII and correctly
// encoded text are returned unchanged.
func repairUTF8(s string) string {
	b := make([]byte, 0, len(s))
	ascii := true
	for _, r := range s {
		c, ok := csvio.Windows1252Byte(r)
		if !ok {
			return s
		}
		if c >= 0x80 {
			ascii = false
		}
		b = append(b, c)
	}
	if ascii || !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// Load reads IdealpointsJuly2025.csv at path.
func Load(path string) ([]Record, error) { return csvio.Collect(path, Read) }
