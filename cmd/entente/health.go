package main

import (
	"context"
	"io"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
)

func (m *Main) runHealth(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "health")
	periodFlag := fs.String("period", entente.Period(health.DefaultPeriod).String(), "the `period` assessed, ending now (30d, 90d, ...)")
	var out output.Flags
	out.Register(fs, "write to this `file` (.json: the assessment; .csv: the components)", "table", "csv", "json")
	pos, err := cmdline.ParseInterleaved(fs, args)
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
	if _, err := out.Resolve(); err != nil {
		return err
	}
	l, st, err := m.openPact(ctx, c.db, pos[0])
	if err != nil {
		return err
	}
	a := health.AssessPact(st, l.Lookup, time.Now(), period.Duration())
	return out.EmitReport(env.Stdout, env.Stderr, output.Report{V: a, Rows: len(a.Health.Components),
		CSV:  func(w io.Writer) error { return health.WriteComponentsCSV(w, a) },
		Text: func(w io.Writer) error { return health.WriteText(w, a) }})
}
