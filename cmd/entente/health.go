package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/internal/number"
)

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
	var out outputFlags
	out.register(fs, "write to this `file` (.json: the assessment; .csv: the components)", "table", "csv", "json")
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
	format, err := out.resolve()
	if err != nil {
		return err
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
	return out.emit(env, len(a.Health.Components), func(w io.Writer) error {
		switch format {
		case "json":
			return writeJSON(w, a)
		case "csv":
			var rows [][]string
			for _, c := range a.Health.Components {
				rows = append(rows, []string{c.Name, number.CSV(c.Value), number.CSV(c.Weight), c.Detail})
			}
			return writeCSV(w, []string{"component", "value", "weight", "detail"}, rows)
		}
		return printHealth(w, a)
	})
}

// printHealth prints the assessment as tables.
func printHealth(w io.Writer, a health.Assessment) error {
	r := a.Health
	fmt.Fprintf(w, "%s: health %s / 100 over %s to %s\n\n", r.Pact, number.Fixed(r.Score, 0), day(r.From), day(r.To))
	var rows [][]string
	for _, c := range r.Components {
		rows = append(rows, []string{c.Name, number.Fixed(c.Value, 2), number.Fixed(c.Weight, -1), c.Detail})
	}
	table(w, []string{"COMPONENT", "VALUE", "WEIGHT", "DETAIL"}, rows)
	if a.Burden != nil && len(a.Burden.Members) > 0 {
		fmt.Fprintln(w)
		rows = nil
		for _, m := range a.Burden.Members {
			rows = append(rows, []string{string(m.Member), number.Fixed(m.Delivered, 0), number.Float(m.ComparedShare).Percent(1), number.Float(m.CapabilityShare).Percent(1),
				number.Fixed(m.Exploitation, 2), strconv.FormatBool(m.FreeRider)})
		}
		table(w, []string{"MEMBER", "DELIVERED", "SHARE", "CAPABILITY SHARE", "EXPLOITATION", "FREE RIDER"}, rows)
	}
	if a.Trust != nil && len(a.Trust.Reputation) > 0 {
		fmt.Fprintln(w)
		rows = nil
		for _, id := range sortedActorIDs(a.Trust.Reputation) {
			rows = append(rows, []string{string(id), number.Fixed(a.Trust.Reputation[id], 3)})
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
