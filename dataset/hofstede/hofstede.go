package hofstede

import (
	"io"
	"math"

	"github.com/entente/entente/dataset/csvio"
)

// Scores is one row: a country (or region) and its six dimension scores,
// NaN where the file has #NULL!.
type Scores struct {
	Code    string // ctr: Hofstede's code (not ISO)
	Country string // country
	PDI     float64
	IDV     float64
	MAS     float64
	UAI     float64
	LTO     float64 // ltowvs
	IVR     float64
}

// Dimensions returns the six scores in the file's order: pdi, idv, mas,
// uai, ltowvs, ivr.
func (s Scores) Dimensions() [6]float64 { return [6]float64{s.PDI, s.IDV, s.MAS, s.UAI, s.LTO, s.IVR} }

var schema = csvio.Schema{
	Dataset:  "Hofstede's six dimensions (6-dimensions-for-website-2015-08-16.csv)",
	Required: []string{"ctr", "country", "pdi", "idv", "mas", "uai", "ltowvs", "ivr"},
}

// Read streams the semicolon-separated file from r.
func Read(r io.Reader, name string, fn func(Scores) error) error {
	rd, err := csvio.NewChecked(r, name, csvio.Options{Comma: ';', Missing: []string{"#NULL!", ""}}, schema)
	if err != nil {
		return err
	}
	defer rd.Close()
	c := make([]int, len(schema.Required))
	for i, n := range schema.Required {
		c[i] = rd.Col(n)
	}
	return csvio.Each(rd, func(rd *csvio.Reader) Scores {
		s := Scores{Code: rd.Str(c[0]), Country: rd.Str(c[1]),
			PDI: score(rd, c[2]), IDV: score(rd, c[3]), MAS: score(rd, c[4]),
			UAI: score(rd, c[5]), LTO: score(rd, c[6]), IVR: score(rd, c[7])}
		if len(s.Code) != 3 {
			rd.Fail(c[0], "a three-letter code")
		}
		return s
	}, fn)
}

// score reads a dimension score in [0, 150] or #NULL!.
func score(rd *csvio.Reader, c int) float64 {
	x := rd.Float(c)
	if x < 0 || x > 150 || math.IsInf(x, 0) {
		rd.Fail(c, "a score from 0 to 150 or #NULL!")
	}
	return x
}

// Load reads the file at path.
func Load(path string) ([]Scores, error) { return csvio.Collect(path, Read) }

// COW returns the Correlates of War code of a Hofstede country code, and
// false for regions, parts of countries and territories (see the package
// documentation).
func COW(code string) (int, bool) {
	c, ok := cow[code]
	return c, ok
}

// cow maps Hofstede's codes to COW codes, built by hand from the country
// names in the file and COW-country-codes.csv.
var cow = map[string]int{
	"ALB": 339, "ALG": 615, "AND": 232, "ARG": 160, "ARM": 371, "AUL": 900, "AUT": 305, "AZE": 373,
	"BAN": 771, "BLR": 370, "BEL": 211, "BOS": 346, "BRA": 140, "BUL": 355, "BUF": 439, "CAN": 20,
	"CHL": 155, "CHI": 710, "COL": 100, "COS": 94, "CRO": 344, "CYP": 352, "CZE": 316, "DEN": 390,
	"ECA": 130, "EGY": 651, "ETH": 530, "SAL": 92, "EST": 366, "FIN": 375, "FRA": 220, "GEO": 372,
	"GER": 255, "GHA": 452, "GBR": 200, "GRE": 350, "GUA": 90, "HUN": 310, "ICE": 395, "IND": 750,
	"IDO": 850, "IRA": 630, "IRQ": 645, "IRE": 205, "ISR": 666, "ITA": 325, "JAM": 51, "JPN": 740,
	"JOR": 663, "KOR": 732, "KYR": 703, "LAT": 367, "LIT": 368, "LUX": 212, "MAC": 343, "MAL": 820,
	"MLI": 432, "MLT": 338, "MEX": 70, "MOL": 359, "MNG": 341, "MOR": 600, "NET": 210, "NZL": 920,
	"NIG": 475, "NOR": 385, "PAK": 770, "PAN": 95, "PER": 135, "PHI": 840, "POL": 290, "POR": 235,
	"ROM": 360, "RUS": 365, "RWA": 517, "SAU": 670, "SER": 345, "SIN": 830, "SLK": 317, "SLV": 349,
	"SAF": 560, "SPA": 230, "SUR": 115, "SWE": 380, "SWI": 225, "TAI": 713, "TAN": 510, "THA": 800,
	"TRI": 52, "TUR": 640, "USA": 2, "UGA": 500, "UKR": 369, "URU": 165, "VEN": 101, "VIE": 816,
	"ZAM": 551, "ZIM": 552,
}
