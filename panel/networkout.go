package panel

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// NetworkState is one state's measures in a year's alliance network.
type NetworkState struct {
	CCode          int          `json:"ccode"`
	Abb            string       `json:"abb"`
	Degree         int          `json:"degree"`
	WeightedDegree int          `json:"weighted_degree"`
	Betweenness    number.Float `json:"betweenness"`
	Eigenvector    number.Float `json:"eigenvector"`
	Bloc           int          `json:"bloc"`    // 1-based bloc number, 0 for none
	Hubness        *float64     `json:"hubness"` // nil unless a hub candidate
	CINC           *float64     `json:"cinc"`    // nil when missing
}

// NetworkStates are the states of yr with their measures in res, by
// degree, highest first.
func NetworkStates(yr *Year, res *allnet.YearResult) []NetworkState {
	bloc := map[int]int{}
	if res.Blocs != nil {
		for b, members := range res.Blocs.Blocs {
			for _, m := range members {
				bloc[m] = b + 1
			}
		}
	}
	hub := map[int]float64{}
	for _, h := range res.Hubs {
		hub[h.State] = h.Hubness
	}
	rows := make([]NetworkState, yr.N())
	for i := range rows {
		rows[i] = NetworkState{CCode: yr.States[i], Abb: yr.Abb[i], Degree: res.Degree[i], WeightedDegree: res.WeightedDegree[i],
			Betweenness: number.Float(res.Betweenness[i]), Eigenvector: number.Float(res.Eigenvector.Scores[i]), Bloc: bloc[i], CINC: number.Float(yr.Caps[CINC][i]).Ptr()}
		if h, ok := hub[i]; ok {
			rows[i].Hubness = number.Float(h).Ptr()
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].Degree > rows[b].Degree })
	return rows
}

var networkStateHeader = []string{"CCODE", "ABB", "DEGREE", "WDEGREE", "BETWEENNESS", "EIGENVECTOR", "BLOC", "HUBNESS", "CINC"}

// networkStateCells are the states' table cells, missing figures empty.
func networkStateCells(rows []NetworkState) [][]string {
	var cells [][]string
	for _, r := range rows {
		bloc := ""
		if r.Bloc != 0 {
			bloc = strconv.Itoa(r.Bloc)
		}
		cells = append(cells, []string{strconv.Itoa(r.CCode), r.Abb, strconv.Itoa(r.Degree), strconv.Itoa(r.WeightedDegree),
			number.Float(r.Betweenness).FixedOr(4, ""), number.Float(r.Eigenvector).FixedOr(4, ""), bloc,
			number.Of(r.Hubness).FixedOr(2, ""), number.Of(r.CINC).FixedOr(4, "")})
	}
	return cells
}

// WriteNetworkStatesCSV writes the states' measures as CSV.
func WriteNetworkStatesCSV(w io.Writer, rows []NetworkState) error {
	return table.WriteCSV(w, table.Lower(networkStateHeader), networkStateCells(rows))
}

// WriteNetworkText prints the states' measures as a table, then the
// year's summary line.
func WriteNetworkText(w io.Writer, rows []NetworkState, s NetworkSummary) error {
	if err := table.Write(w, networkStateHeader, networkStateCells(rows)); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, s.Line())
	return err
}

// NetworkSummary is one year's network summary.
type NetworkSummary struct {
	Year             int          `json:"year"`
	Type             string       `json:"type"`
	States           int          `json:"states"`
	Ties             int          `json:"ties"`
	WeightedTies     int          `json:"weighted_ties"`
	Density          number.Float `json:"density"`
	Components       int          `json:"components"`
	Isolates         int          `json:"isolates"`
	LargestComponent int          `json:"largest_component"`
	Blocs            int          `json:"blocs"`
	Modularity       *float64     `json:"modularity"`
	EffectivePoles   *float64     `json:"effective_poles"`
	InBlocs          *float64     `json:"in_blocs"`
	Hubs             []string     `json:"hubs"`
}

// SummarizeNetwork is the summary of a year's network, hubs named by the
// states' abbreviations in yr.
func SummarizeNetwork(res *allnet.YearResult, yr *Year) NetworkSummary {
	s := NetworkSummary{Year: res.Year, Type: res.Mask.String(), States: len(res.COW), Ties: res.Ties, WeightedTies: res.WeightedTies,
		Density: number.Float(res.Density), Components: res.Components, Isolates: res.Isolates, LargestComponent: res.LargestComponent, Hubs: []string{}}
	if res.Blocs != nil {
		s.Blocs = len(res.Blocs.Blocs)
		s.Modularity = number.Float(res.Blocs.Q).Ptr()
	}
	if res.Polarity != nil {
		s.EffectivePoles, s.InBlocs = number.Float(res.Polarity.EffectivePoles).Ptr(), number.Float(res.Polarity.InBlocs).Ptr()
	}
	for _, h := range res.Hubs {
		if h.IsHub {
			s.Hubs = append(s.Hubs, yr.Abb[h.State])
		}
	}
	return s
}

// Line is the summary as one line of text.
func (s NetworkSummary) Line() string {
	hubs := "none"
	if len(s.Hubs) > 0 {
		hubs = strings.Join(s.Hubs, " ")
	}
	return fmt.Sprintf("%d %s: %d states, %d ties (%d alliance ties), density %.4f, %d components (%d isolates, largest %d), %d blocs (Q %s), effective poles %s, hubs: %s",
		s.Year, s.Type, s.States, s.Ties, s.WeightedTies, s.Density, s.Components, s.Isolates, s.LargestComponent, s.Blocs,
		number.Of(s.Modularity).Fixed(3), number.Of(s.EffectivePoles).Fixed(2), hubs)
}

// NetworkSummaryHeader is the CSV header of the summaries.
func NetworkSummaryHeader() []string {
	return []string{"year", "type", "states", "ties", "weighted_ties", "density", "components", "isolates",
		"largest_component", "blocs", "modularity", "effective_poles", "in_blocs", "hubs"}
}

// CSV is the summary as a CSV line, missing figures empty.
func (s NetworkSummary) CSV() string {
	ptr := func(v *float64) string { return number.Of(v).CSV() }
	return fmt.Sprintf("%d,%s,%d,%d,%d,%s,%d,%d,%d,%d,%s,%s,%s,%s\n", s.Year, s.Type, s.States, s.Ties, s.WeightedTies,
		s.Density.CSV(), s.Components, s.Isolates, s.LargestComponent, s.Blocs,
		ptr(s.Modularity), ptr(s.EffectivePoles), ptr(s.InBlocs), strings.Join(s.Hubs, ";"))
}

// WriteNetworkSummaries writes one summary per year from..to as CSV,
// analysing a few years at a time in parallel and calling step with the
// number of years written; it stops when ctx is done.
func (p *Panel) WriteNetworkSummaries(ctx context.Context, w io.Writer, from, to int, opt allnet.Options, step func(int) error) error {
	if _, err := io.WriteString(w, strings.Join(NetworkSummaryHeader(), ",")+"\n"); err != nil {
		return err
	}
	const chunk = 8
	for lo := from; lo <= to; lo += chunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		var years []allnet.Year
		for y := lo; y <= min(lo+chunk-1, to); y++ {
			ny, _ := p.Network(y)
			years = append(years, *ny)
		}
		res, err := allnet.AnalyzeYears(years, opt)
		if err != nil {
			return err
		}
		for _, r := range res {
			yr, _ := p.Year(r.Year)
			if _, err := io.WriteString(w, SummarizeNetwork(r, yr).CSV()); err != nil {
				return err
			}
		}
		step(len(res))
	}
	return nil
}
