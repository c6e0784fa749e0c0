package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/internal/jsonsafe"
)

func init() {
	register(verb{"health", "a pact's health score, trust, burden-sharing and early warnings", runHealth})
}

func runHealth(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "health", "PACT [flags]", `
Scores a pact's health over the last period from its record: trust among
members (kept and missed commitments, votes, disputes), burden-sharing
against the capability its agreement names, vote cohesion and its trend,
open and escalated disputes, overdue commitments and objective progress.
Lists the early warnings with what to act on. A component without data is
shown as "-" and left out of the score, never counted as zero.`)
	var c common
	c.register(fs)
	periodFlag := fs.String("period", "30d", "the `period` assessed, ending now (30d, 90d, ...)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("health: expected one PACT")
	}
	period, err := entente.ParsePeriod(*periodFlag)
	if err != nil || period == 0 {
		return usagef("--period: expected a period such as 30d, got %q", *periodFlag)
	}
	svc, done, err := c.openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	st, err := svc.Pact(entente.PactID(pos[0]))
	if err != nil {
		return err
	}
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	a := health.AssessPact(st, actors, time.Now(), period.Duration())
	if c.json {
		return c.output(env.stdout, jsonsafe.Value(a), nil, nil)
	}
	return printHealth(env, a)
}

func printHealth(env *cli, a health.Assessment) error {
	w := env.stdout
	r := a.Health
	fmt.Fprintf(w, "%s: health %s / 100 over %s to %s\n\n", r.Pact, fixed(r.Score, 0), day(r.From), day(r.To))
	var rows [][]string
	for _, c := range r.Components {
		rows = append(rows, []string{c.Name, fixed(c.Value, 2), strconv.FormatFloat(c.Weight, 'g', -1, 64), c.Detail})
	}
	table(w, []string{"COMPONENT", "VALUE", "WEIGHT", "DETAIL"}, rows)
	if a.Burden != nil && len(a.Burden.Members) > 0 {
		fmt.Fprintln(w)
		rows = nil
		for _, m := range a.Burden.Members {
			rows = append(rows, []string{string(m.Member), fixed(m.Delivered, 0), pctOrDash(m.ComparedShare), pctOrDash(m.CapabilityShare),
				fixed(m.Exploitation, 2), strconv.FormatBool(m.FreeRider)})
		}
		table(w, []string{"MEMBER", "DELIVERED", "SHARE", "CAPABILITY SHARE", "EXPLOITATION", "FREE RIDER"}, rows)
	}
	if a.Trust != nil && len(a.Trust.Reputation) > 0 {
		fmt.Fprintln(w)
		rows = nil
		for _, id := range sortedActorIDs(a.Trust.Reputation) {
			rows = append(rows, []string{string(id), fixed(a.Trust.Reputation[id], 3)})
		}
		table(w, []string{"MEMBER", "REPUTATION"}, rows)
	}
	fmt.Fprintln(w)
	if len(r.Alerts) == 0 {
		fmt.Fprintln(w, "no warnings")
		return nil
	}
	rows = nil
	for _, al := range r.Alerts {
		rows = append(rows, []string{string(al.Severity), al.Component, al.Message})
	}
	return table(w, []string{"SEVERITY", "COMPONENT", "WARNING"}, rows)
}

// fixed formats v with the given decimals, "-" when it is unknown.
func fixed(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

func pctOrDash(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}
