package reliability

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// Published are the published reliability figures the report sets beside
// its own (doc.go gives the sources).
var Published = struct {
	LLM, BFPre, BFPost, BFAll, BFDefence float64
}{LLM: 0.745, BFPre: 0.66, BFPost: 0.22, BFAll: 0.50, BFDefence: 0.41}

// ReportRow is one line of the reliability report: a measure over a
// period with the published figure it is compared with, if any.
type ReportRow struct {
	Source  string // "wars" or "MIDs"
	Unit    string // "ally" (one case per obliged member) or "alliance" (PerAlliance)
	Pledges string // "all", "to fight" or "defence"
	// Conditions is "assumed" (only named adversaries checked: Cases) or
	// "applied" (CasesWith with every checkable condition).
	Conditions string
	Estimate
	Published       float64 // NaN when none
	PublishedSource string
}

// ReportOptions are the bootstrap's seed and replicates (defaults 20000686
// and 2000, those of the pinned test), whether to add the MID variant and,
// with COW direct contiguity rows, the war-based rows again with the
// treaties' checkable conditions applied (CasesWith: location, number of
// attackers, neutrality if attacked).
type ReportOptions struct {
	Seed       uint64
	Bootstrap  int
	MIDs       bool
	Contiguity []peacesciencer.Contiguity
}

// Report computes the reliability table: the war-based shares per obliged
// ally (the headline) and per alliance, for all observable pledges and for
// pledges to fight, before and after 1945, and, with MIDs, the same from
// disputes; each beside the published figure it answers to.
func Report(members []atop.Member, wars []peacesciencer.War, mids []peacesciencer.MID, opt ReportOptions) ([]ReportRow, error) {
	if opt.Seed == 0 {
		opt.Seed = 20000686
	}
	if opt.Bootstrap == 0 {
		opt.Bootstrap = 2000
	}
	if opt.Bootstrap < 1 {
		return nil, fmt.Errorf("reliability: bootstrap replicates must be at least 1, got %d", opt.Bootstrap)
	}
	type source struct {
		name      string
		conflicts []Conflict
		cond      *Conditions // nil: assumed
	}
	wc := WarsFromDyads(wars)
	sources := []source{{"wars", wc, nil}}
	if opt.MIDs {
		sources = append(sources, source{"MIDs", MIDsFromDyads(mids), nil})
	}
	if opt.Contiguity != nil {
		sources = append(sources, source{"wars", wc, &Conditions{Contiguity: opt.Contiguity, Attack: true, Number: true}})
	}
	nan := math.NaN()
	var out []ReportRow
	for _, s := range sources {
		cond, label := Conditions{}, "assumed"
		if s.cond != nil {
			cond, label = *s.cond, "applied"
		}
		cases, err := CasesWith(members, s.conflicts, cond)
		if err != nil {
			return nil, err
		}
		fight := Filter(cases, math.MinInt, math.MaxInt, func(c Case) bool { return c.Join })
		defence := Filter(cases, math.MinInt, math.MaxInt, func(c Case) bool { return c.Invoked.Has(atop.Defense) })
		for _, u := range []struct {
			unit  string
			apply func([]Case) []Case
		}{{"ally", func(c []Case) []Case { return c }}, {"alliance", PerAlliance}} {
			for _, m := range []struct {
				pledges string
				cases   []Case
				periods [][2]int
			}{
				{"all", cases, [][2]int{{1816, 1944}, {1945, 2003}, {1816, 2003}}},
				{"to fight", fight, [][2]int{{1816, 1944}, {1945, 2003}}},
				{"defence", defence, [][2]int{{1816, 2003}}},
			} {
				cs := u.apply(m.cases)
				for _, p := range m.periods {
					row := ReportRow{Source: s.name, Unit: u.unit, Pledges: m.pledges, Conditions: label,
						Estimate: Share(cs, p[0], p[1], nil, opt.Seed, opt.Bootstrap), Published: nan}
					row.Published, row.PublishedSource = published(m.pledges, p)
					if m.pledges == "to fight" {
						row.PublishedSource += ", all pledge types"
					}
					out = append(out, row)
				}
			}
		}
	}
	return out, nil
}

// published is the figure a measure over a period is compared with.
func published(pledges string, p [2]int) (float64, string) {
	switch {
	case pledges == "defence":
		return Published.BFDefence, "Berkemeier and Fuhrmann 2018, defence pacts"
	case p == [2]int{1816, 1944}:
		return Published.LLM, "Leeds, Long and Mitchell 2000 (Berkemeier and Fuhrmann 2018: 0.66)"
	case p == [2]int{1945, 2003}:
		return Published.BFPost, "Berkemeier and Fuhrmann 2018"
	case p == [2]int{1816, 2003}:
		return Published.BFAll, "Berkemeier and Fuhrmann 2018"
	}
	return math.NaN(), ""
}

var reportHeader = []string{"source", "unit", "pledges", "from", "to", "cases", "honoured", "share", "ci_lo", "ci_hi", "clusters", "published", "published_source", "conditions"}

func (r ReportRow) cells(digits int) []string {
	return []string{r.Source, r.Unit, r.Pledges, strconv.Itoa(r.From), strconv.Itoa(r.To), strconv.Itoa(r.Cases), strconv.Itoa(r.Honoured),
		number.Fixed(r.Share, digits), number.Fixed(r.CI.Lo, digits), number.Fixed(r.CI.Hi, digits), strconv.Itoa(r.Conflicts),
		number.Fixed(r.Published, digits), r.PublishedSource, r.Conditions}
}

// WriteReportText prints the report as a table with a note on the unit.
func WriteReportText(w io.Writer, rows []ReportRow) error {
	cells := make([][]string, len(rows))
	for i, r := range rows {
		c := r.cells(3)
		cells[i] = append(c[:12:12], c[13])
	}
	if err := table.Write(w, []string{"SOURCE", "UNIT", "PLEDGES", "FROM", "TO", "CASES", "HONOURED", "SHARE", "CI-LO", "CI-HI", "CLUSTERS", "PUBLISHED", "CONDITIONS"}, cells); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, `
Published: Leeds, Long and Mitchell (2000) 0.745 for 1816-1944; Berkemeier and Fuhrmann (2018)
0.66 before 1945, 0.22 for 1945-2003, 0.50 overall, 0.41 for defence pacts. Unit "ally" is one
case per obliged member, war and alliance; "alliance" one per alliance and war. Intervals: 95%
percentile bootstrap resampling conflicts. Conditions "assumed": only named adversaries are checked;
"applied": also the location of the conflict (an opponent contiguous to the partner), the number
of attackers and neutrality conditional on being attacked. Both papers code wars by hand; see "entente findings
reliability --help" for what these data can and cannot reproduce.
`)
	return err
}

// WriteReportCSV writes the report's rows as CSV, unknown values empty.
func WriteReportCSV(w io.Writer, rows []ReportRow) error {
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = r.cells(6)
	}
	return table.WriteCSV(w, reportHeader, cells)
}

// ReportJSON is the report for JSON output, unknown values as null.
func ReportJSON(rows []ReportRow) []map[string]any {
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		out[i] = map[string]any{"source": r.Source, "unit": r.Unit, "pledges": r.Pledges, "from": r.From, "to": r.To,
			"cases": r.Cases, "honoured": r.Honoured, "share": number.Float(r.Share), "ci_lo": number.Float(r.CI.Lo),
			"ci_hi": number.Float(r.CI.Hi), "clusters": r.Conflicts, "published": number.Float(r.Published),
			"published_source": r.PublishedSource, "conditions": r.Conditions}
	}
	return out
}
