package main

import (
	"context"
	"io"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/internal/output"
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
		d.out.Formats = []string{"csv", "json", "parquet"}
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
	rows := panel.NetworkStates(yr, res)
	format, err := d.out.resolve()
	if err != nil {
		return err
	}
	summary := panel.SummarizeNetwork(res, yr)
	return d.out.emit(env, len(rows), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, map[string]any{"summary": summary, "states": rows})
		case "csv":
			return panel.WriteNetworkStatesCSV(w, rows)
		}
		return panel.WriteNetworkText(w, rows, summary)
	})
}

// networkYears writes one summary per year, analysing a few years at a
// time in parallel.
func networkYears(ctx context.Context, env *cli, d *dataVerbFlags, p *panel.Panel, from, to int, opt allnet.Options) error {
	out, err := d.out.openRows(env)
	if err != nil {
		return err
	}
	bar := d.bar(env, to-from+1, "network")
	err = p.WriteNetworkSummaries(ctx, out, from, to, opt, bar.Add)
	bar.Finish()
	return out.Close(err)
}
