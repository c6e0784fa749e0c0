package report

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/entente/entente/panel"
)

// CSVHeader lists the columns WriteCSV writes, one row per hub, year and
// group:
//
//	hub, hub_name, year, group
//	known               1 when the group can be formed that year
//	roll_calls          the year's roll calls
//	important_calls     those on the important-vote list
//	states              group members voting with the hub that year
//	agree, agree_half   mean agreement with the hub over all roll calls
//	states_important, agree_important, agree_half_important
//	                    the same over important votes
//	unclassified        allies row only: allies of unknown class
//
// Unknown groups and undefined means are empty fields.
var CSVHeader = []string{"hub", "hub_name", "year", "group", "known", "roll_calls", "important_calls",
	"states", "agree", "agree_half", "states_important", "agree_important", "agree_half_important", "unclassified"}

// WriteCSV writes rows as CSV with a header.
func WriteCSV(w io.Writer, rows []HubRow) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(CSVHeader, ",") + "\n")
	for _, r := range rows {
		b := bw.AvailableBuffer()
		b = fmt.Appendf(b, "%d,%s,%d,%s,%d,%d,%d,", r.Hub, HubName(r.Hub), r.Year, r.Group, b2i(r.Known), r.RollCalls, r.Important)
		b = appendCount(b, r.States, r.Known)
		b = appendFloats(b, r.Agree, r.AgreeHalf)
		b = appendCount(b, r.StatesImportant, r.Known)
		b = appendFloats(b, r.AgreeImportant, r.AgreeHalfImp)
		if r.Group == GroupAllies && r.Known {
			b = strconv.AppendInt(b, int64(r.Unclassified), 10)
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func appendCount(b []byte, n int, known bool) []byte {
	if known {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ',')
}

func appendFloats(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = panel.AppendFloat(b, v)
		b = append(b, ',')
	}
	return b
}

// DecadesHeader lists the columns WriteDecadesCSV writes.
var DecadesHeader = []string{"hub", "hub_name", "votes", "decade", "years", "allies", "others", "allies_minus_others",
	"split_years", "asymmetric_allies", "symmetric_allies", "asymmetric_minus_symmetric", "mean_allies", "mean_others"}

// WriteDecadesCSV writes the decade summary as CSV with a header.
func WriteDecadesCSV(w io.Writer, gaps []Gap) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(DecadesHeader, ",") + "\n")
	for _, g := range gaps {
		b := fmt.Appendf(bw.AvailableBuffer(), "%d,%s,%s,%d,%d,", g.Hub, HubName(g.Hub), g.Votes, g.Decade, g.Years)
		b = appendFloats(b, g.Allies, g.Others, g.AlliesMinusOthers)
		b = strconv.AppendInt(b, int64(g.SplitYears), 10)
		b = append(b, ',')
		b = appendFloats(b, g.AsymmetricAllies, g.SymmetricAllies, g.AsymmetricMinusSymmetric, g.MeanAllies)
		b = panel.AppendFloat(b, g.MeanOthers)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// chartGroups are the groups drawn, with their colours and dashes.
var chartGroups = []struct {
	group  string
	label  string
	colour color.RGBA
	dashes []vg.Length
}{
	{GroupAllies, "allies (defense pledge)", color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, nil},
	{GroupOthers, "all other states", color.RGBA{R: 0x7f, G: 0x7f, B: 0x7f, A: 0xff}, nil},
	{GroupAsymmetric, "allies, asymmetric alliance", color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}, []vg.Length{vg.Points(4), vg.Points(2)}},
	{GroupSymmetric, "allies, symmetric alliances", color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}, []vg.Length{vg.Points(1), vg.Points(2)}},
}

// Chart draws the report as a PNG written to w: one panel per hub (rows)
// and vote set (columns: all roll calls, important votes), with a line
// per group over the years. Years without a value leave gaps.
func Chart(w io.Writer, rows []HubRow, width, height vg.Length) error {
	hubs := hubsOf(rows)
	if len(hubs) == 0 {
		return fmt.Errorf("report: nothing to chart")
	}
	plots := make([][]*plot.Plot, len(hubs))
	for i, hub := range hubs {
		plots[i] = make([]*plot.Plot, 2)
		for j, votes := range []string{"all", "important"} {
			p, err := chartPanel(rows, hub, votes)
			if err != nil {
				return err
			}
			plots[i][j] = p
		}
	}
	img := vgimg.New(width, height)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: len(hubs), Cols: 2, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		for j := range plots[i] {
			plots[i][j].Draw(canvases[i][j])
		}
	}
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

func hubsOf(rows []HubRow) []int {
	var hubs []int
	seen := map[int]bool{}
	for _, r := range rows {
		if !seen[r.Hub] {
			seen[r.Hub] = true
			hubs = append(hubs, r.Hub)
		}
	}
	return hubs
}

// chartPanel draws one hub's groups for one vote set.
func chartPanel(rows []HubRow, hub int, votes string) (*plot.Plot, error) {
	p := plot.New()
	title := "all roll calls"
	if votes == "important" {
		title = "important votes (listed from 1983)"
	}
	p.Title.Text = fmt.Sprintf("Agreement with %s, %s", HubName(hub), title)
	p.X.Label.Text = "year"
	p.Y.Label.Text = "mean share of votes agreeing"
	p.Y.Min, p.Y.Max = 0, 1
	p.Legend.Top, p.Legend.Left = false, true
	p.Legend.Padding = vg.Points(2)
	p.Add(plotter.NewGrid())
	for _, g := range chartGroups {
		if err := addSeries(p, rows, hub, votes, g.group, g.label, g.colour, g.dashes); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// addSeries draws a group's values as line segments between the years
// that have none, and names it in the legend once.
func addSeries(p *plot.Plot, rows []HubRow, hub int, votes, group, label string, c color.RGBA, dashes []vg.Length) error {
	var seg plotter.XYs
	legend := false
	flush := func() error {
		if len(seg) == 0 {
			return nil
		}
		defer func() { seg = nil }()
		style := draw.LineStyle{Color: c, Width: vg.Points(1.2), Dashes: dashes}
		var thumb plot.Thumbnailer
		if len(seg) == 1 {
			s, err := plotter.NewScatter(seg)
			if err != nil {
				return err
			}
			s.GlyphStyle.Color, s.GlyphStyle.Radius = c, vg.Points(1.5)
			p.Add(s)
			thumb = s
		} else {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return err
			}
			l.LineStyle = style
			p.Add(l)
			thumb = l
		}
		if !legend {
			p.Legend.Add(label, thumb)
			legend = true
		}
		return nil
	}
	for _, r := range rows {
		if r.Hub != hub || r.Group != group {
			continue
		}
		v, _ := value(r, votes)
		if math.IsNaN(v) {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		seg = append(seg, plotter.XY{X: float64(r.Year), Y: v})
	}
	return flush()
}
