package http

import (
	"fmt"
	"html"
	"html/template"
	"sort"
	"strings"

	"github.com/entente/entente"
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
	for _, c := range st.Commitments {
		add(c.Member, c.Resource, c.Amount, 0)
	}
	for _, c := range st.Contributions {
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
