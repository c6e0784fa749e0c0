package simdata

import (
	"context"
	"fmt"
	"io"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/sim"
)

// ValidateRequest is a judgement of the simulator against history as
// 'entente sim validate' asks for it, its inputs named as the command line
// names them.
type ValidateRequest struct {
	Runs      int    `flag:"runs" usage:"replications of each model per span" min:"1"`
	Seed      uint64 `flag:"seed" usage:"the seed fixing every random draw"`
	Workers   int    `flag:"workers" usage:"runs at once (default: one per CPU); the output does not depend on it" min:"0"`
	Ablate    bool   `flag:"ablate" usage:"also switch each mechanism off in turn"`
	Fit       int    `flag:"fit" arg:"N" usage:"calibrate first, with at most N simulations" min:"0"`
	Default   bool   `flag:"default" usage:"judge the default parameters, not the calibrated ones"`
	Landscape bool   `flag:"landscape" usage:"also compare the alignments of the strongest states with landscape theory's prediction"`
}

// NewValidateRequest is the default request: 20 runs of the calibrated
// parameters.
func NewValidateRequest() ValidateRequest { return ValidateRequest{Runs: 20, Seed: 7} }

// Validate checks r; an error is an EINVALID *entente.Error naming the
// input.
func (r ValidateRequest) Validate() error { return cmdline.Validate(r) }

// Stage starts a stage of the work of n steps (what names it) and returns
// the progress callback of the stage and what to call when it ends.
type Stage func(what string, n int) (progress func(done, total int), end func())

// Judge does what r asks with the data in dir, writing each table to w as
// it is done: calibrates first with Fit, validates against ATOP 5.1 and
// the null model, compares the alignments with landscape theory's, and
// ablates each mechanism.
func (r ValidateRequest) Judge(ctx context.Context, dir string, w io.Writer, stage Stage) error {
	o := ValidateOptions{Params: sim.Calibrated(), Runs: r.Runs, Seed: r.Seed, Workers: r.Workers}
	if r.Default {
		o.Params = sim.DefaultParams()
	}
	run := func(what string, n int, f func() error) error {
		progress, end := stage(what, n)
		o.Progress = progress
		defer end()
		return f()
	}
	if r.Fit > 0 {
		var c *sim.Calibration
		err := run("calibrating", r.Fit, func() (err error) { c, err = Fit(ctx, dir, o, r.Fit); return err })
		if err != nil {
			return err
		}
		if err := c.WriteText(w, Training, Fitted, r.Runs); err != nil {
			return err
		}
		o.Params = c.Params
	}
	var v *Validation
	if err := run("validating", 2, func() (err error) { v, err = Validate(ctx, dir, o); return err }); err != nil {
		return err
	}
	if err := v.WriteTable(w, r.Runs); err != nil {
		return err
	}
	if r.Landscape {
		for _, sp := range v.Spans {
			c, err := CompareLandscape(ctx, dir, LandscapeOptions{From: sp.From, Years: sp.To - sp.From + 1, Params: o.Params, Runs: r.Runs, Seed: r.Seed})
			if err != nil {
				return err
			}
			fmt.Fprintln(w)
			if err := c.WriteText(w); err != nil {
				return err
			}
		}
	}
	if !r.Ablate {
		return nil
	}
	var abl []Ablation
	if err := run("ablating", len(sim.Mechanisms), func() (err error) { abl, err = Ablate(ctx, dir, o); return err }); err != nil {
		return err
	}
	return WriteAblation(w, v, abl)
}
