package depth

import (
	"io"

	"github.com/entente/entente/dataset/csvio"
)

// IndicatorNames are the numeric columns kept in Record.Indicators, in
// file order.
var IndicatorNames = [...]string{
	"polity", "s_wt_glo", "maxmajpow", "consultatop", "nagatop", "neutatop", "defenseatop",
	"offenseatop", "secrecy", "conditio", "intcom", "base", "contrib", "ecaid", "milaid", "organ1",
	"specthrt", "macowe", "maconc", "maconp", "nmacowe", "nmaconc", "nmaconp", "nmaroir",
	"condother", "speclength", "condlength", "renounceok", "renounceproh", "renouncecond",
	"milcontact", "commondef", "lallycount", "lsumcap", "ldistance", "compel", "prob", "deter",
	"deterministic", "unconditional", "s2un", "s3un", "s2uni", "s3uni", "ses2un", "ses3un",
	"ses2uni", "ses3uni",
}

// Record is one alliance's scores. Missing values are NaN.
type Record struct {
	Label          string                       // unnamed first column, e.g. "phi_1_1"
	ATOPID         int                          // atopid
	PotMilCapacity float64                      // PotMilCapacity.score
	Depth          float64                      // Depth.score
	Scope          float64                      // Scope.score
	Index          int                          // indx: row index in the original estimation
	Indicators     [len(IndicatorNames)]float64 // the IndicatorNames columns, in order
}

// Indicator returns the value of the named indicator column.
func (r *Record) Indicator(name string) (float64, bool) {
	for i, n := range IndicatorNames {
		if n == name {
			return r.Indicators[i], true
		}
	}
	return 0, false
}

var schema = csvio.Schema{
	Dataset:  "Benson and Clinton's alliance scores (AllianceDataScoreJCR_RR)",
	Required: append([]string{"", "atopid", "PotMilCapacity.score", "Depth.score", "Scope.score", "indx"}, IndicatorNames[:]...),
}

// Read streams AllianceDataScoreJCR_RR.csv from r.
func Read(r io.Reader, name string, fn func(Record) error) error {
	rd, err := csvio.NewReader(r, name, csvio.Options{Missing: []string{"", "NA"}})
	if err != nil {
		return err
	}
	defer rd.Close()
	if err := rd.Check(schema); err != nil {
		return err
	}
	label, id, pmc, dep, scope, indx := rd.Col(""), rd.Col("atopid"), rd.Col("PotMilCapacity.score"), rd.Col("Depth.score"), rd.Col("Scope.score"), rd.Col("indx")
	var ind [len(IndicatorNames)]int
	for i, n := range IndicatorNames {
		ind[i] = rd.Col(n)
	}
	return csvio.Each(rd, func(rd *csvio.Reader) Record {
		rec := Record{
			Label: rd.Str(label), ATOPID: rd.IntIn(id, 1, 99999, "an ATOP alliance id"),
			PotMilCapacity: rd.Float(pmc), Depth: rd.Float(dep), Scope: rd.Float(scope),
			Index: rd.IntIn(indx, 1, 1_000_000, "a row index"),
		}
		for i, c := range ind {
			rec.Indicators[i] = rd.Float(c)
		}
		return rec
	}, fn)
}

// Load reads AllianceDataScoreJCR_RR.csv at path.
func Load(path string) ([]Record, error) { return csvio.Collect(path, Read) }
