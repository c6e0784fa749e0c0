package report

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// ClaimConclusion says in words what the interaction term shows: the claim
// predicts a positive ally × asymmetry coefficient.
func (res *ClaimResult) ClaimConclusion() string {
	j := res.term("ally_x_asymmetry")
	if j < 0 {
		return "the interaction term is missing"
	}
	b, se := res.Coef[j], res.SE[j]
	lo, hi := b-1.96*se, b+1.96*se
	what := "minority positions"
	if res.Important {
		what = "positions on its important votes"
	}
	switch {
	case lo > 0:
		return fmt.Sprintf("ally × asymmetry %+.4f (SE %.4f, 95%% CI %+.4f to %+.4f): weaker allies back the hub's %s more, as the claim predicts", b, se, lo, hi, what)
	case hi < 0:
		return fmt.Sprintf("ally × asymmetry %+.4f (SE %.4f, 95%% CI %+.4f to %+.4f): weaker allies back the hub's %s less, against the claim", b, se, lo, hi, what)
	}
	return fmt.Sprintf("ally × asymmetry %+.4f (SE %.4f, 95%% CI %+.4f to %+.4f): no sign that weaker allies back the hub's %s more than their preferences predict", b, se, lo, hi, what)
}

func (res *ClaimResult) term(name string) int {
	for j, t := range res.Terms {
		if t == name {
			return j
		}
	}
	return -1
}

// WriteClaimText prints the test of seed 003's claim: what was regressed,
// the sample, the coefficients with clustered standard errors, and the
// conclusion.
func WriteClaimText(w io.Writer, res *ClaimResult) error {
	calls := "contested roll calls on which it voted with the minority"
	if res.Important {
		calls = "contested roll calls on the US State Department's list of important votes"
	}
	if _, err := fmt.Fprintf(w, "Seed 003's claim for %s: agreement with the hub on the %d %s\n"+
		"(General Assembly sessions, unanimous roll calls left out), by least squares with region and session effects,\n"+
		"standard errors clustered by state. N = %d state-sessions of %d states, %d sessions, R² = %s.\n\n",
		HubName(res.Hub), res.MinorityCalls, calls, res.N, res.States, res.Sessions, number.Fixed(res.R2, 3)); err != nil {
		return err
	}
	t := res.ClaimTable()
	if err := table.Write(w, []string{"TERM", "COEF", "SE (CLUSTERED BY STATE)", "T"}, t[1:]); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s.\n", res.ClaimConclusion())
	return err
}

// WriteClaimCSV writes the coefficient table with 95% intervals.
func WriteClaimCSV(w io.Writer, res *ClaimResult) error {
	rows := make([][]string, len(res.Terms))
	for j, t := range res.Terms {
		b, se := res.Coef[j], res.SE[j]
		rows[j] = []string{t, fmtG(b), fmtG(se), fmtG(b / se), fmtG(b - 1.96*se), fmtG(b + 1.96*se), strconv.Itoa(res.N)}
	}
	return table.WriteCSV(w, []string{"term", "coef", "se_clustered_by_state", "t", "ci_lo", "ci_hi", "n"}, rows)
}

// ClaimJSON is the result for JSON output, without the observations.
func ClaimJSON(res *ClaimResult) map[string]any {
	terms := make([]map[string]any, len(res.Terms))
	for j, t := range res.Terms {
		terms[j] = map[string]any{"term": t, "coef": number.Float(res.Coef[j]), "se": number.Float(res.SE[j])}
	}
	return map[string]any{"hub": res.Hub, "hub_name": HubName(res.Hub), "important_votes": res.Important, "n": res.N, "states": res.States, "sessions": res.Sessions,
		"r2": number.Float(res.R2), "minority_calls": res.MinorityCalls, "terms": terms, "conclusion": res.ClaimConclusion()}
}

func fmtG(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', 8, 64)
}

// ClaimChart draws the reported coefficients other than the constant with
// their 95% intervals (clustered by state) as a PNG.
func ClaimChart(w io.Writer, res *ClaimResult, width, height vg.Length) error {
	p := plot.New()
	p.Title.Text = "Seed 003: agreement with " + HubName(res.Hub) + " on its minority votes"
	if res.Important {
		p.Title.Text = "Seed 003: agreement with " + HubName(res.Hub) + " on the important votes"
	}
	p.X.Label.Text = "coefficient (95% interval, clustered by state)"
	var pts plotter.XYs
	var errs plotter.XErrors
	var names []string
	for j, t := range res.Terms {
		if t == "constant" {
			continue
		}
		y := float64(len(pts))
		pts = append(pts, plotter.XY{X: res.Coef[j], Y: y})
		errs = append(errs, struct{ Low, High float64 }{1.96 * res.SE[j], 1.96 * res.SE[j]})
		names = append(names, t)
	}
	if len(pts) == 0 {
		return fmt.Errorf("report: no coefficients to chart")
	}
	data := struct {
		plotter.XYs
		plotter.XErrors
	}{pts, errs}
	bars, err := plotter.NewXErrorBars(data)
	if err != nil {
		return err
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	sc.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(plotter.NewGrid(), bars, sc)
	p.NominalY(names...)
	p.Add(vline(0, -0.5, float64(len(names))-0.5))
	img := vgimg.New(width, height)
	p.Draw(draw.New(img))
	_, err = vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// vline is a vertical line at x from y0 to y1.
func vline(x, y0, y1 float64) plot.Plotter {
	l, _ := plotter.NewLine(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}})
	l.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	return l
}
