package http

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
)

// pledgeChart draws, as inline SVG rendered on the server, each member's
// pledged and delivered amounts of each resource: one row per member and
// resource, a light bar for what was pledged and a dark one for what was
// delivered, both scaled to the largest amount of that resource. The
// figures are written beside the bars, and the SVG carries a title and
// description, so the chart says what it means without colour.
func pledgeChart(st *entente.PactState) template.HTML {
	type row struct {
		member           entente.ActorID
		resource         string
		pledged, settled float64
	}
	byKey := map[[2]string]*row{}
	top := map[string]float64{}
	add := func(m entente.ActorID, res string, pledged, delivered float64) {
		k := [2]string{string(m), res}
		r := byKey[k]
		if r == nil {
			r = &row{member: m, resource: res}
			byKey[k] = r
		}
		r.pledged += pledged
		r.settled += delivered
		top[res] = max(top[res], r.pledged, r.settled)
	}
	for _, c := range st.Commitments.All() {
		add(c.Member, c.Resource, c.Amount, 0)
	}
	for _, c := range st.Contributions.All() {
		add(c.Member, c.Resource, 0, c.Amount)
	}
	if len(byKey) == 0 {
		return ""
	}
	rows := make([]*row, 0, len(byKey))
	for _, r := range byKey {
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].resource != rows[j].resource {
			return rows[i].resource < rows[j].resource
		}
		return rows[i].member < rows[j].member
	})
	const rowH, labelW, barW, textW = 28, 190, 220, 150
	h := rowH*len(rows) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="pc-t pc-d" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`, labelW+barW+textW, h)
	b.WriteString(`<title id="pc-t">Pledged and delivered, by member</title>`)
	b.WriteString(`<desc id="pc-d">For each member and resource, the light bar is what was pledged and the dark bar what was delivered, scaled to the largest amount of that resource.</desc>`)
	for i, r := range rows {
		y := 4 + i*rowH
		scale := func(v float64) float64 {
			if top[r.resource] == 0 {
				return 0
			}
			return v / top[r.resource] * barW
		}
		fmt.Fprintf(&b, `<text x="0" y="%d" class="label">%s · %s</text>`, y+17, html.EscapeString(string(r.member)), html.EscapeString(r.resource))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="10" class="pledged"/>`, labelW, y+4, scale(r.pledged))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="10" class="delivered"/>`, labelW, y+14, scale(r.settled))
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="figure">%s of %s</text>`, labelW+barW+8, y+17, orDash(r.settled, -1), orDash(r.pledged, -1))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it is escaped above
}

// trustChart draws trust between the current members as a small network,
// inline SVG: members on a circle, a line for each pair drawn thicker and
// darker the more the two trust each other (the mean of the two
// directions), with a title and a description; pairs with no evidence
// either way (0.5 both ways) are left out.
func trustChart(r *trust.Result, members []entente.ActorID) template.HTML {
	if r == nil || len(members) < 2 || len(members) > 40 {
		return ""
	}
	const size, radius = 320.0, 120.0
	pos := map[entente.ActorID][2]float64{}
	for i, id := range members {
		a := 2*math.Pi*float64(i)/float64(len(members)) - math.Pi/2
		pos[id] = [2]float64{size/2 + radius*math.Cos(a), size/2 + radius*math.Sin(a)}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart trust" role="img" aria-labelledby="tc-t tc-d" viewBox="0 0 %.0f %.0f" width="100%%" preserveAspectRatio="xMinYMin meet">`, size, size)
	b.WriteString(`<title id="tc-t">Trust between members</title>`)
	b.WriteString(`<desc id="tc-d">A line joins two members whose record gives evidence of trust; the thicker and darker the line, the more they trust each other (the mean of both directions, from 0 to 1).</desc>`)
	for i, x := range members {
		for _, y := range members[i+1:] {
			xy, ok1 := r.Score(x, y)
			yx, ok2 := r.Score(y, x)
			if !ok1 || !ok2 || (xy.Positive+xy.Negative+yx.Positive+yx.Negative) == 0 {
				continue
			}
			v := (xy.Value + yx.Value) / 2
			p, q := pos[x], pos[y]
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke-width="%.1f" stroke-opacity="%.2f" class="tie"><title>%s and %s: %.2f</title></line>`,
				p[0], p[1], q[0], q[1], 1+5*v, 0.2+0.8*v, html.EscapeString(string(x)), html.EscapeString(string(y)), v)
		}
	}
	for _, id := range members {
		p := pos[id]
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="6" class="node"/><text x="%.1f" y="%.1f" class="label" text-anchor="middle">%s</text>`,
			p[0], p[1], p[0], p[1]-10, html.EscapeString(string(id)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it is escaped above
}
