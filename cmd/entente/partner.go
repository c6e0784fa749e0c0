package main

import (
	"context"
	"io"
	"strings"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/partner"
	"github.com/entente/entente/partner/histdata"
)

func (m *Main) runPartner(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("partner", args)
	if err != nil {
		return err
	}
	if sub == "suggest" {
		return m.runPartnerSuggest(ctx, env, args)
	}
	return runPartnerValidate(env, args)
}

func (m *Main) runPartnerSuggest(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "partner suggest")
	req := partner.Request{Alignment: "distance"}
	var explain struct {
		On bool `flag:"explain" usage:"show every part of each candidate's score: raw, normalised, weight, share, contribution"`
	}
	var out output.Flags
	cmdline.Bind(fs, &req)
	cmdline.Bind(fs, &explain)
	out.Register(fs, "write the candidates to this `file` (.csv, .json)", "table", "csv", "json")
	pos, err := cmdline.ParseInterleaved(fs, args)
	switch {
	case err != nil:
		return err
	case len(pos) != 1:
		return usagef("partner suggest: expected one PACT")
	case req.Objective == "":
		return usagef("partner suggest: expected --objective METRIC=TARGET[,...]")
	}
	obj, opts, err := req.Parse()
	if err != nil {
		return cmdline.Invalid(err)
	}
	if _, err := out.Resolve(); err != nil {
		return err
	}
	svc, st, err := m.openPact(ctx, c.db, pos[0])
	if err != nil {
		return err
	}
	cands, err := partner.SuggestFor(st, svc.Actors(), svc.Pacts(), svc.Now(), obj, opts)
	if err != nil {
		return err
	}
	return out.EmitReport(env.Stdout, env.Stderr, output.Report{V: map[string]any{"pact": st.Pact.ID, "objective": obj, "candidates": cands}, Rows: len(cands),
		CSV:  func(w io.Writer) error { return partner.WriteSuggestionsCSV(w, cands) },
		Text: func(w io.Writer) error { return partner.WriteSuggestions(w, st, obj, cands, explain.On) }})
}

func runPartnerValidate(env *cli, args []string) error {
	fs := newFlags(env, "partner validate", "{{files}}", strings.Join(histdata.Files, ", "), "{{covariate files}}", strings.Join(histdata.CovariateFiles, ", "))
	req := partner.NewValidateRequest()
	var d dataFlags
	d.register(fs, "write the results to this `file` (.csv: one row per method; .json)", "table", "csv", "json")
	cmdline.Bind(fs, &req)
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	if _, err := d.out.Resolve(); err != nil {
		return err
	}
	opts, err := req.Options()
	if err != nil {
		return cmdline.Invalid(err)
	}
	if err := d.check(histdata.Files...); err != nil {
		return err
	}
	h, err := histdata.Load(string(d.data()))
	if err != nil {
		return err
	}
	bars := output.NewStages(env.Stderr, d.Quiet, map[string]string{"features": "features by year", "fit": "fitting the model", "bootstrap": "bootstrap"})
	opts.Progress = bars.Progress
	v, err := partner.Validate(h, opts)
	bars.Finish()
	if err != nil {
		return err
	}
	return d.out.EmitReport(env.Stdout, env.Stderr, output.Report{V: v, Rows: len(v.Results),
		CSV:  func(w io.Writer) error { return partner.WriteValidationCSV(w, v) },
		Text: func(w io.Writer) error { return partner.WriteValidation(w, v) }})
}
