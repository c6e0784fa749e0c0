package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/panel"
)

const networkDescription = `
Builds the alliance network of the COW system members from ATOP 5.1: two
states are tied when they share an alliance carrying an obligation of
--type (any, defense, offense, neutrality, nonaggression, consultation,
or several joined by |), weighted by the number of such alliances.

With --year, prints one row per state: degree (partners), weighted degree,
normalised betweenness (Freeman; Brandes' algorithm), eigenvector
centrality (per component, maximum 1), bloc (Louvain modularity
communities of two or more states, seeded by --seed), hubness (Cha's hub
and spokes: the mean share of a partner's ties that go to this state, for
states with at least 3 partners) and CINC; then a summary line: ties,
density, components, isolates, blocs, modularity Q, effective number of
poles (capability-weighted) and the hubs.

With --from and --to, writes one summary row per year as CSV (or JSON
lines) to --out: year, type, states, ties, weighted_ties, density,
components, isolates, largest_component, blocs, modularity,
effective_poles, in_blocs, hubs.`

func runNetwork(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "network", "--year Y | --from Y --to Y [flags]", networkDescription)
	var d dataVerbFlags
	d.register(fs, "write to this `file` (- for standard output): --year's states (.csv, .json), or the summaries of --from/--to (.csv, .json lines)", "table", "csv", "json")
	year := fs.Int("year", 0, "the `year` to describe state by state")
	from := fs.Int("from", 0, "first `year` of the summaries")
	to := fs.Int("to", 0, "last `year` of the summaries")
	typ := fs.String("type", "any", "obligation `types` that make a tie: any, defense, offense, neutrality, nonaggression, consultation, or joined by |")
	seed := fs.Uint64("seed", 1, "Louvain `seed` (the same seed gives the same blocs)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("network", pos); err != nil {
		return err
	}
	mask, err := allnet.ParseObligation(*typ)
	if err != nil {
		return usagef("--type %q: %v", *typ, err)
	}
	span := [2]int{dvSpanSystem[0], min(dvSpanSystem[1], dvSpanATOP[1])}
	single := *year != 0
	switch {
	case single && (*from != 0 || *to != 0):
		return usagef("--year: give either --year or --from and --to")
	case single:
		if *year < span[0] || *year > span[1] {
			return usagef("--year %d: year out of range; the COW system and ATOP data cover %d-%d", *year, span[0], span[1])
		}
	case *from == 0 || *to == 0:
		return usagef("network: expected --year, or --from and --to")
	default:
		if err := checkYearFlags(*from, *to, span, "the COW system and ATOP data"); err != nil {
			return err
		}
	}
	if err := d.check(dvSystem, dvMajors, dvNMC6, dvMembers); err != nil {
		return err
	}
	src, err := d.data().PanelSources(6)
	if err != nil {
		return err
	}
	p, err := panel.New(src)
	if err != nil {
		return err
	}
	opt := allnet.Options{Mask: mask, Bloc: allnet.BlocOptions{Seed: *seed}}
	if !single { // the summaries are rows: CSV or JSON lines
		d.out.formats = []string{"csv", "json"}
	}
	if _, err := d.out.resolve(); err != nil {
		return err
	}
	if single {
		return networkYear(env, &d, p, *year, opt)
	}
	return networkYears(ctx, env, &d, p, *from, *to, opt)
}

// networkYear prints one year's per-state measures and summary.
func networkYear(env *cli, d *dataVerbFlags, p *panel.Panel, y int, opt allnet.Options) error {
	ny, _ := p.Network(y)
	res, err := allnet.Analyze(ny, opt)
	if err != nil {
		return err
	}
	yr, _ := p.Year(y)
	rows := networkStateRows(yr, res)
	format, err := d.out.resolve()
	if err != nil {
		return err
	}
	summary := networkSummary(res, yr)
	return d.out.emit(env, len(rows), func(w io.Writer) error {
		if format == "json" {
			return writeJSON(w, map[string]any{"summary": summary, "states": rows})
		}
		missing := map[string]string{"csv": ""}[format]
		var cells [][]string
		for _, r := range rows {
			cells = append(cells, []string{strconv.Itoa(r.CCode), r.Abb, strconv.Itoa(r.Degree), strconv.Itoa(r.WeightedDegree),
				number.Float(r.Betweenness).FixedOr(4, missing), number.Float(r.Eigenvector).FixedOr(4, missing), blocLabel(r.Bloc, missing),
				number.Of(r.Hubness).FixedOr(2, missing), number.Of(r.CINC).FixedOr(4, missing)})
		}
		if err := renderRows(w, format, []string{"CCODE", "ABB", "DEGREE", "WDEGREE", "BETWEENNESS", "EIGENVECTOR", "BLOC", "HUBNESS", "CINC"}, cells); err != nil || format != "table" {
			return err
		}
		_, err := fmt.Fprintln(w, summaryLine(summary))
		return err
	})
}

// netStateRow is one state's measures in a year.
type netStateRow struct {
	CCode          int      `json:"ccode"`
	Abb            string   `json:"abb"`
	Degree         int      `json:"degree"`
	WeightedDegree int      `json:"weighted_degree"`
	Betweenness    float64  `json:"betweenness"`
	Eigenvector    float64  `json:"eigenvector"`
	Bloc           int      `json:"bloc"`    // 1-based bloc number, 0 for none
	Hubness        *float64 `json:"hubness"` // nil unless a hub candidate
	CINC           *float64 `json:"cinc"`    // nil when missing
}

func networkStateRows(yr *panel.Year, res *allnet.YearResult) []netStateRow {
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
	rows := make([]netStateRow, yr.N())
	for i := range rows {
		rows[i] = netStateRow{CCode: yr.States[i], Abb: yr.Abb[i], Degree: res.Degree[i], WeightedDegree: res.WeightedDegree[i],
			Betweenness: res.Betweenness[i], Eigenvector: res.Eigenvector.Scores[i], Bloc: bloc[i], CINC: number.Float(yr.Caps[panel.CINC][i]).Ptr()}
		if h, ok := hub[i]; ok {
			rows[i].Hubness = number.Float(h).Ptr()
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].Degree > rows[b].Degree })
	return rows
}

// blocLabel is a state's bloc number, missing for none.
func blocLabel(b int, missing string) string {
	if b == 0 {
		return missing
	}
	return strconv.Itoa(b)
}

// netSummary is one year's network summary.
type netSummary struct {
	Year             int      `json:"year"`
	Type             string   `json:"type"`
	States           int      `json:"states"`
	Ties             int      `json:"ties"`
	WeightedTies     int      `json:"weighted_ties"`
	Density          float64  `json:"density"`
	Components       int      `json:"components"`
	Isolates         int      `json:"isolates"`
	LargestComponent int      `json:"largest_component"`
	Blocs            int      `json:"blocs"`
	Modularity       *float64 `json:"modularity"`
	EffectivePoles   *float64 `json:"effective_poles"`
	InBlocs          *float64 `json:"in_blocs"`
	Hubs             []string `json:"hubs"`
}

func networkSummary(res *allnet.YearResult, yr *panel.Year) netSummary {
	s := netSummary{Year: res.Year, Type: res.Mask.String(), States: len(res.COW), Ties: res.Ties, WeightedTies: res.WeightedTies,
		Density: res.Density, Components: res.Components, Isolates: res.Isolates, LargestComponent: res.LargestComponent, Hubs: []string{}}
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

func summaryLine(s netSummary) string {
	hubs := "none"
	if len(s.Hubs) > 0 {
		hubs = strings.Join(s.Hubs, " ")
	}
	return fmt.Sprintf("%d %s: %d states, %d ties (%d alliance ties), density %.4f, %d components (%d isolates, largest %d), %d blocs (Q %s), effective poles %s, hubs: %s",
		s.Year, s.Type, s.States, s.Ties, s.WeightedTies, s.Density, s.Components, s.Isolates, s.LargestComponent, s.Blocs,
		number.Of(s.Modularity).Fixed(3), number.Of(s.EffectivePoles).Fixed(2), hubs)
}

var networkCSVHeader = []string{"year", "type", "states", "ties", "weighted_ties", "density", "components", "isolates",
	"largest_component", "blocs", "modularity", "effective_poles", "in_blocs", "hubs"}

// networkYears writes one summary per year, analysing a few years at a
// time in parallel.
func networkYears(ctx context.Context, env *cli, d *dataVerbFlags, p *panel.Panel, from, to int, opt allnet.Options) error {
	out, err := d.out.openRows(env)
	if err != nil {
		return err
	}
	bar := d.bar(env, to-from+1, "network")
	err = writeNetworkYears(ctx, out, p, from, to, opt, bar.Add)
	bar.Finish()
	return out.close(err)
}

func writeNetworkYears(ctx context.Context, w io.Writer, p *panel.Panel, from, to int, opt allnet.Options, step func(int) error) error {
	if _, err := io.WriteString(w, strings.Join(networkCSVHeader, ",")+"\n"); err != nil {
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
			if _, err := io.WriteString(w, summaryCSV(networkSummary(r, yr))); err != nil {
				return err
			}
		}
		step(len(res))
	}
	return nil
}

func summaryCSV(s netSummary) string {
	ptr := func(v *float64) string { return number.Of(v).CSV() }
	return fmt.Sprintf("%d,%s,%d,%d,%d,%s,%d,%d,%d,%d,%s,%s,%s,%s\n", s.Year, s.Type, s.States, s.Ties, s.WeightedTies,
		number.CSV(s.Density), s.Components, s.Isolates, s.LargestComponent, s.Blocs,
		ptr(s.Modularity), ptr(s.EffectivePoles), ptr(s.InBlocs), strings.Join(s.Hubs, ";"))
}
