package sim

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ChartStatistics are the statistics WriteChart draws by default, a panel
// each: the number of pacts in force, the share of states in a defence
// pact and the pacts' mean health.
var ChartStatistics = []string{"alliances", "allied_share", "health"}

// chartLabels name the statistics on a chart's axes.
var chartLabels = map[string]string{
	"alliances":    "pacts in force",
	"allied_share": "share of states in a defence pact",
	"health":       "mean health of the pacts (0-100)",
}

// The size of a chart: ChartWidth wide and ChartPanelHeight a panel.
const (
	ChartWidth       = 8 * vg.Inch
	ChartPanelHeight = 2.6 * vg.Inch
)

// WriteChart draws the trajectories of a sweep in format ("svg" or
// "png"): for each of stats (ChartStatistics when nil), a panel with the
// median across runs by year (Band.Q50, a line), the band holding half the
// runs (Q25 to Q75, dark) and the band holding 90% of them (Q05 to Q95,
// light). A statistic undefined in a year leaves a gap. title heads the
// first panel.
func WriteChart(w io.Writer, bands []Band, stats []string, title, format string) error {
	if len(stats) == 0 {
		stats = ChartStatistics
	}
	width, height := ChartWidth, ChartPanelHeight*vg.Length(len(stats))
	var canvas vg.CanvasWriterTo
	switch format {
	case "svg":
		canvas = vgsvg.New(width, height)
	case "png":
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(144))}
	default:
		return fmt.Errorf("chart: expected the format svg or png, got %q", format)
	}
	plots := make([][]*plot.Plot, len(stats))
	for k, stat := range stats {
		p, err := trajectoryPlot(bands, stat)
		if err != nil {
			return err
		}
		if k == 0 {
			p.Title.Text = title
		}
		if k < len(stats)-1 {
			p.X.Label.Text = ""
		}
		plots[k] = []*plot.Plot{p}
	}
	dc := draw.New(canvas)
	tiles := draw.Tiles{Rows: len(stats), Cols: 1, PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8), PadY: vg.Points(6)}
	cs := plot.Align(plots, tiles, dc)
	for k := range plots {
		plots[k][0].Draw(cs[k][0])
	}
	_, err := canvas.WriteTo(w)
	return err
}

// trajectoryPlot is one statistic's panel.
func trajectoryPlot(bands []Band, stat string) (*plot.Plot, error) {
	var pts []Band
	for _, b := range bands {
		if b.Statistic == stat && !math.IsNaN(b.Q50) {
			pts = append(pts, b)
		}
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("chart: no values of %s to draw", stat)
	}
	p := plot.New()
	p.X.Label.Text = "year"
	p.Y.Label.Text = stat
	if l, ok := chartLabels[stat]; ok {
		p.Y.Label.Text = l
	}
	p.Add(plotter.NewGrid())
	light := color.NRGBA{R: 70, G: 110, B: 180, A: 60}
	dark := color.NRGBA{R: 70, G: 110, B: 180, A: 120}
	for _, seg := range segments(pts) {
		for _, q := range []struct {
			lo, hi func(Band) float64
			c      color.Color
		}{{func(b Band) float64 { return b.Q05 }, func(b Band) float64 { return b.Q95 }, light},
			{func(b Band) float64 { return b.Q25 }, func(b Band) float64 { return b.Q75 }, dark}} {
			poly, err := plotter.NewPolygon(bandOutline(seg, q.lo, q.hi))
			if err != nil {
				return nil, err
			}
			poly.Color, poly.LineStyle.Width = q.c, 0
			p.Add(poly)
		}
		med := make(plotter.XYs, len(seg))
		for i, b := range seg {
			med[i] = plotter.XY{X: float64(b.Year), Y: b.Q50}
		}
		l, err := plotter.NewLine(med)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = color.RGBA{R: 20, G: 40, B: 110, A: 255}, vg.Points(1.5)
		p.Add(l)
	}
	return p, nil
}

// segments splits a statistic's years into runs of consecutive years.
func segments(bs []Band) [][]Band {
	var out [][]Band
	start := 0
	for i := 1; i <= len(bs); i++ {
		if i == len(bs) || bs[i].Year != bs[i-1].Year+1 {
			out = append(out, bs[start:i])
			start = i
		}
	}
	return out
}

// bandOutline is the polygon between lo and hi over the years of seg:
// along hi forward, back along lo.
func bandOutline(seg []Band, lo, hi func(Band) float64) plotter.XYs {
	out := make(plotter.XYs, 0, 2*len(seg))
	for _, b := range seg {
		out = append(out, plotter.XY{X: float64(b.Year), Y: hi(b)})
	}
	for i := len(seg) - 1; i >= 0; i-- {
		out = append(out, plotter.XY{X: float64(seg[i].Year), Y: lo(seg[i])})
	}
	return out
}
