package report

import (
	"errors"
	"fmt"
	"io"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/internal/output"
)

// HubFiles are the outputs of the hub-and-spoke report as 'entente report
// hub-and-spoke' asks for them: the yearly rows (Out, whose flags the
// caller registers), their chart and the decade summary.
type HubFiles struct {
	Out                   output.Flags
	Chart                 string `flag:"chart" arg:"file" usage:"draw the chart to this file (.png)" deprecated:"out-png"`
	Decades               string `flag:"decades-out" arg:"file" usage:"write the decade summary to this file (.csv, .json)" deprecated:"out-decades"`
	format, decadesFormat string
}

// Check validates the output flags before any work is done. The chart is
// drawn by Chart, which renders PNG only.
func (f *HubFiles) Check() error {
	var err error
	if f.format, err = f.Out.Resolve(); err != nil {
		return err
	}
	if _, err := output.ChartFile("--chart", f.Chart, "png"); err != nil {
		return err
	}
	if f.Decades != "" {
		if f.decadesFormat = output.FormatOf(f.Decades); f.decadesFormat != "csv" && f.decadesFormat != "json" {
			return output.UsageError{Msg: fmt.Sprintf("--decades-out %s: expected a .csv or .json file", f.Decades)}
		}
	}
	return errors.Join(output.CheckDir("--chart", f.Chart), output.CheckDir("--decades-out", f.Decades))
}

// Write writes the files (all or none) and prints the decade summary on
// stdout (as JSON with --format json and no --out).
func (f *HubFiles) Write(stdout, stderr io.Writer, rows []HubRow) error {
	gaps := Decades(rows)
	format := map[string]string{"table": "csv"}[f.format]
	if format == "" {
		format = f.format
	}
	var out output.Files
	if err := errors.Join(
		out.Add("out", f.Out.Out, len(rows), output.CSVAs(format, func(w io.Writer) error { return WriteCSV(w, rows) })),
		out.Add("chart", f.Chart, len(rows), func(w io.Writer) error { return Chart(w, rows, 12*vg.Inch, 8*vg.Inch) }),
		out.Add("decades-out", f.Decades, len(gaps), output.CSVAs(f.decadesFormat, func(w io.Writer) error { return WriteDecadesCSV(w, gaps) }))); err != nil {
		return err
	}
	if err := out.Write(stderr); err != nil {
		return err
	}
	if f.format == "json" && !f.Out.ToFile() {
		return output.WriteJSON(stdout, DecadesJSON(gaps))
	}
	return WriteDecadesText(stdout, gaps)
}
