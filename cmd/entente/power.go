package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/power"
)

func runPower(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "power")
	req := power.NewRequest()
	var out output.Flags
	cmdline.Bind(fs, &req)
	fs.StringVar(&req.Matter, "matter", req.Matter, "with --pact, the `matter` whose rule is analysed: "+power.MatterList())
	out.Register(fs, "write the indices to this `file` (.csv, .json)", "table", "csv", "json")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("power: unexpected argument %q (the game comes from --weights, --file or --pact)", pos[0])
	}
	req.Given = cmdline.Given(fs)
	cols, opts, err := req.Options()
	if err != nil {
		return invalid(err)
	}
	format, err := out.Resolve()
	if err != nil {
		return err
	}
	var a power.Analysis
	if req.Pact != "" {
		a, err = analysePact(ctx, c, req, opts)
	} else {
		a, err = analyseGame(env, req, opts)
	}
	if err != nil {
		return err
	}
	return out.Emit(env.Stdout, env.Stderr, len(a.Report.Players), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, a.Report)
		case "table":
			return a.WriteText(w, cols, req.Exact)
		}
		return output.CSVAs(format, func(w io.Writer) error { return a.WriteCSV(w, cols, req.Exact) })(w)
	})
}

// analysePact analyses the rule of a pact in the store.
func analysePact(ctx context.Context, c *common, req power.Request, opts power.Options) (power.Analysis, error) {
	_, st, actors, done, err := c.openPact(ctx, req.Pact)
	if err != nil {
		return power.Analysis{}, err
	}
	defer done()
	rep, err := power.PactPower(st, entente.Matter(req.Matter), actors, opts)
	if err != nil {
		return power.Analysis{}, tooLargeHint(err)
	}
	return power.PactAnalysis(rep), nil
}

// tooLargeHint says what to do about a game too large for exact methods:
// the flag that raises the limit that was hit, the indices that need it,
// or sampling.
func tooLargeHint(err error) error {
	var le *power.LimitError
	if !errors.As(err, &le) {
		if errors.Is(err, power.ErrTooLarge) {
			return fmt.Errorf("%w\n(estimate with --samples N instead)", err)
		}
		return err
	}
	var ways []string
	switch le.Resource {
	case "memory":
		ways = append(ways, "raise --max-memory to "+power.FormatSize(le.Need))
	case "work":
		ways = append(ways, "raise --max-work to "+strconv.FormatFloat(float64(le.Need)*1.05, 'g', 2, 64))
	}
	var names []string
	for _, c := range power.Columns {
		if c.Index&le.Indices != 0 && !slices.Contains(names, c.Name) {
			names = append(names, c.Name)
		}
	}
	if names != nil {
		ways = append(ways, "leave "+strings.Join(names, ",")+" out of --indices")
	}
	if le.Indices&(power.BanzhafIndex|power.ShapleyShubikIndex|power.ColemanIndices) != 0 {
		ways = append(ways, "estimate with --samples N")
	}
	return fmt.Errorf("%w\n(to get past it: %s)", err, strings.Join(ways, "; or "))
}

// analyseGame builds the game of --weights or --file and analyses it.
func analyseGame(env *cli, req power.Request, opts power.Options) (power.Analysis, error) {
	var t *power.Table
	var err error
	if req.File != "" {
		t, err = readWeightFile(env, req.File)
	} else {
		t, err = power.WeightsTable(req.Weights, req.Names)
	}
	if err != nil {
		return power.Analysis{}, specError(req, err)
	}
	quotas := strings.Split(req.Quota, ",")
	if req.Quota2 != "" {
		quotas = append(quotas, req.Quota2)
	}
	g, err := t.Game(quotas, req.MinBlockers)
	if err != nil {
		return power.Analysis{}, specError(req, err)
	}
	a, err := power.AnalyzeTable(t, g, opts)
	return a, tooLargeHint(err)
}

// specError names the flag that gave what makes no game.
func specError(req power.Request, err error) error {
	var se *power.SpecError
	if !errors.As(err, &se) {
		return err
	}
	name := "--" + se.Field
	switch {
	case se.Field != "quota":
	case se.Column < 0:
		return usagef("--quota: %s; give one per column (--quota Q1,Q2 or --quota Q1 --quota2 Q2)", se.Msg)
	case se.Column == 1 && req.Quota2 != "":
		name = "--quota2"
	case se.Column > 0:
		name = fmt.Sprintf("--quota (quota %d)", se.Column+1)
	}
	return usagef("%s: %s", name, se.Msg)
}

// readWeightFile reads a CSV weight table (- for standard input).
func readWeightFile(env *cli, path string) (*power.Table, error) {
	if path == "-" {
		return power.ReadTable(env.Stdin, path)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return power.ReadTable(file, path)
}
