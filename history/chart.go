package history

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ChartWidth and ChartHeight are the size of the ρ chart.
const (
	ChartWidth  = 8 * vg.Inch
	ChartHeight = 4.5 * vg.Inch
)

// WriteRhoPNG draws the ρ chart (see WriteRhoChart) as a PNG.
func WriteRhoPNG(w io.Writer, r *BurdenReport) error { return WriteRhoChart(w, r, "png") }

// WriteRhoChart draws the Olson–Zeckhauser ρ over the years in format
// ("png" or "svg", any format gonum/plot writes): a line
// through the years with a ρ (broken where a year has none), filled red
// points for the years with p < 0.05 and hollow points for the others, a
// zero line and a dashed line at the GDP splice. Years with fewer than
// MinTested members tested are not drawn.
func WriteRhoChart(w io.Writer, r *BurdenReport, format string) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Olson–Zeckhauser test, ATOP %d: Spearman ρ(GDP, milex/GDP)", r.Alliance)
	p.X.Label.Text = fmt.Sprintf("year (GDP: Maddison before %d, World Bank from %d)", r.Splice, r.Splice)
	p.Y.Label.Text = "Spearman ρ"
	p.Y.Min, p.Y.Max = -1, 1
	p.Add(plotter.NewGrid())
	sig, insig := rhoPoints(r)
	for _, seg := range rhoSegments(r) {
		l, err := plotter.NewLine(seg)
		if err != nil {
			return err
		}
		l.Color = color.Gray{Y: 90}
		p.Add(l)
	}
	if err := addPoints(p, sig, true, "p < 0.05"); err != nil {
		return err
	}
	if err := addPoints(p, insig, false, "p ≥ 0.05"); err != nil {
		return err
	}
	if err := addRules(p, r); err != nil {
		return err
	}
	p.Legend.Top = true
	wt, err := p.WriterTo(ChartWidth, ChartHeight, format)
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// MinTested is the fewest members with data for a year's ρ to be drawn in
// the chart and counted in the decade summary: the rank correlation of two
// values is ±1 by construction. The CSV and JSON keep every year.
const MinTested = 3

func charted(y BurdenYear) bool { return !math.IsNaN(y.OZ.Rho) && y.OZ.N >= MinTested }

// rhoSegments splits the years with a ρ into runs of consecutive years.
func rhoSegments(r *BurdenReport) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	last := math.MinInt
	for _, y := range r.Years {
		if !charted(y) {
			continue
		}
		if y.Year != last+1 && len(cur) > 0 {
			out, cur = append(out, cur), nil
		}
		cur = append(cur, plotter.XY{X: float64(y.Year), Y: y.OZ.Rho})
		last = y.Year
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// rhoPoints splits the years with a ρ by significance at 5%.
func rhoPoints(r *BurdenReport) (sig, insig plotter.XYs) {
	for _, y := range r.Years {
		if !charted(y) {
			continue
		}
		pt := plotter.XY{X: float64(y.Year), Y: y.OZ.Rho}
		if y.OZ.P < 0.05 {
			sig = append(sig, pt)
		} else {
			insig = append(insig, pt)
		}
	}
	return sig, insig
}

func addPoints(p *plot.Plot, pts plotter.XYs, filled bool, label string) error {
	if len(pts) == 0 {
		return nil
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: color.RGBA{R: 40, G: 40, B: 40, A: 255}, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
	if filled {
		s.GlyphStyle.Color = color.RGBA{R: 200, G: 30, B: 30, A: 255}
	} else {
		s.GlyphStyle.Shape = draw.RingGlyph{}
	}
	p.Add(s)
	p.Legend.Add(label, s)
	return nil
}

// addRules draws ρ = 0 across the years and the splice year.
func addRules(p *plot.Plot, r *BurdenReport) error {
	if len(r.Years) == 0 {
		return nil
	}
	first, last := float64(r.Years[0].Year), float64(r.Years[len(r.Years)-1].Year)
	zero, err := plotter.NewLine(plotter.XYs{{X: first, Y: 0}, {X: last, Y: 0}})
	if err != nil {
		return err
	}
	zero.Color = color.Black
	p.Add(zero)
	if s := float64(r.Splice); s > first && s <= last {
		splice, err := plotter.NewLine(plotter.XYs{{X: s - 0.5, Y: -1}, {X: s - 0.5, Y: 1}})
		if err != nil {
			return err
		}
		splice.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		splice.Color = color.RGBA{B: 160, A: 255}
		p.Add(splice)
	}
	return nil
}
