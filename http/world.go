package http

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/entente/entente"
	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/panel"
)

// The world explorer: the research face of the web app. For a year of the
// Correlates of War state system it draws the alliance network (ATOP 5.1)
// on a world map (states at their capitals, an equirectangular
// projection, no map tiles), blocs coloured, hubs ringed, each state's
// size by its share of world capability (CINC); a click on a state shows
// its partners that year and its alliances over time. Each figure
// downloads as SVG and CSV.

// World is the research data the explorer draws: the panel of state-years
// (system members, capabilities, alliance ties) and the states' capitals.
type World struct {
	Panel    *panel.Panel
	Capitals []peacesciencer.Capital

	mu    sync.Mutex
	years map[int]*worldYear
}

// WorldFiles are the files LoadWorld reads, under a data folder laid out
// as the project's shared data.
var WorldFiles = []string{sharedata.System, sharedata.Majors, sharedata.NMC6, sharedata.Members, worldCapitals}

const worldCapitals = "peacesciencer/cow_capitals.csv"

// LoadWorld reads the explorer's data from dir: the COW system and major
// powers, NMC 6.0, ATOP 5.1's members and the capitals.
func LoadWorld(dir string) (*World, error) {
	d := datadir.Dir(dir)
	if err := d.Check(WorldFiles...); err != nil {
		return nil, err
	}
	src, err := d.PanelSources(6)
	if err != nil {
		return nil, err
	}
	p, err := panel.New(src)
	if err != nil {
		return nil, err
	}
	caps, err := peacesciencer.LoadCapitals(d.Path(worldCapitals))
	if err != nil {
		return nil, fmt.Errorf("data folder %s: reading %s: %w", dir, worldCapitals, err)
	}
	return &World{Panel: p, Capitals: caps}, nil
}

// worldYear is one year analysed and laid out, kept once drawn.
type worldYear struct {
	Year    int
	yr      *panel.Year
	res     *allnet.YearResult
	States  []worldState // by dense index
	Ties    [][2]int     // dense index pairs, a < b
	Blocs   int
	Hubs    []string
	Unmaped []string // states without a known capital
}

// worldState is a state on the map.
type worldState struct {
	CCode        int
	Abb, Name    string
	X, Y, R      float64
	Mapped       bool
	Bloc         int // 1-based, 0 for none
	Hub          bool
	Degree       int
	CINC         float64
	Colour       string
	Betweenness  float64
	Capital      string
	WeightedDeg  int
	HubnessWords string
}

// Map size in SVG units.
const mapW, mapH = 960.0, 480.0

// blocColours are the blocs' colours (the largest first), each with 3:1
// contrast against the page's white; states in no bloc are grey.
var blocColours = []string{"#1f5fa6", "#b3361b", "#237a3b", "#7a3f99", "#9c5d00", "#0f7281", "#a8326e", "#52606d"}

// year returns year y analysed, or false outside the data.
func (w *World) year(y int) (*worldYear, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if wy, ok := w.years[y]; ok {
		return wy, true, nil
	}
	ny, ok := w.Panel.Network(y)
	if !ok {
		return nil, false, nil
	}
	yr, _ := w.Panel.Year(y)
	res, err := allnet.Analyze(ny, allnet.Options{Bloc: allnet.BlocOptions{Seed: 1}})
	if err != nil {
		return nil, false, err
	}
	wy := &worldYear{Year: y, yr: yr, res: res, States: make([]worldState, yr.N())}
	maxCINC := 0.0
	for i := range wy.States {
		if c := yr.Caps[panel.CINC][i]; !math.IsNaN(c) {
			maxCINC = math.Max(maxCINC, c)
		}
	}
	for i, cc := range yr.States {
		s := worldState{CCode: cc, Abb: yr.Abb[i], Name: yr.Abb[i], Degree: res.Degree[i], WeightedDeg: res.WeightedDegree[i], CINC: yr.Caps[panel.CINC][i], Colour: "#8a8a8a"}
		if res.Betweenness != nil {
			s.Betweenness = res.Betweenness[i]
		}
		if cp, ok := w.capital(cc, y); ok {
			s.Mapped, s.Capital, s.Name = true, cp.Capital, cp.State
			s.X, s.Y = (cp.Lng+180)/360*mapW, (90-cp.Lat)/180*mapH
		} else {
			wy.Unmaped = append(wy.Unmaped, s.Abb)
		}
		s.R = 2.5
		if !math.IsNaN(s.CINC) && maxCINC > 0 {
			s.R += 14 * math.Sqrt(s.CINC/maxCINC)
		}
		wy.States[i] = s
	}
	if res.Blocs != nil {
		wy.Blocs = len(res.Blocs.Blocs)
		for b, members := range res.Blocs.Blocs {
			for _, m := range members {
				wy.States[m].Bloc = b + 1
				if b < len(blocColours) {
					wy.States[m].Colour = blocColours[b]
				}
			}
		}
	}
	for _, h := range res.Hubs {
		if h.IsHub {
			wy.States[h.State].Hub = true
			wy.States[h.State].HubnessWords = fmt.Sprintf("hub of %d partners (hubness %.2f)", h.Partners, h.Hubness)
			wy.Hubs = append(wy.Hubs, wy.States[h.State].Abb)
		}
	}
	for i := range wy.States {
		for _, l := range yr.Links(i) {
			if int(l.To) > i {
				wy.Ties = append(wy.Ties, [2]int{i, int(l.To)})
			}
		}
	}
	if w.years == nil {
		w.years = map[int]*worldYear{}
	}
	w.years[y] = wy
	return wy, true, nil
}

// capital returns the capital of state cc in year y (the one in office
// then, else its latest).
func (w *World) capital(cc, y int) (peacesciencer.Capital, bool) {
	var best peacesciencer.Capital
	found := false
	for _, c := range w.Capitals {
		if c.CCode != cc {
			continue
		}
		if c.Start.Year <= y && (c.End.Year == 0 || y <= c.End.Year) {
			return c, true
		}
		if !found || c.End.Year > best.End.Year {
			best, found = c, true
		}
	}
	return best, found
}

// mapSVG draws wy as an SVG map, selected ringed.
func (wy *worldYear) mapSVG(selected int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" class="worldmap" role="group" aria-labelledby="map-title" aria-describedby="map-desc">`, mapW, mapH)
	fmt.Fprintf(&b, `<title id="map-title">The alliance network of %d</title>`, wy.Year)
	fmt.Fprintf(&b, `<desc id="map-desc">%d states at their capitals (equirectangular projection), %d pairs allied, %d blocs by colour, hubs ringed (%s); a state's size is its share of world capability (CINC).</desc>`,
		len(wy.States), len(wy.Ties), wy.Blocs, orNone(wy.Hubs))
	b.WriteString(`<rect width="100%" height="100%" fill="#f4f7fa"/>`)
	// Graticule every 30 degrees.
	for lng := -150.0; lng < 180; lng += 30 {
		x := (lng + 180) / 360 * mapW
		fmt.Fprintf(&b, `<line x1="%.1f" y1="0" x2="%.1f" y2="%g" stroke="#dde3ea" stroke-width="0.5"/>`, x, x, mapH)
	}
	for lat := -60.0; lat <= 60; lat += 30 {
		y := (90 - lat) / 180 * mapH
		fmt.Fprintf(&b, `<line x1="0" y1="%.1f" x2="%g" y2="%.1f" stroke="#dde3ea" stroke-width="0.5"/>`, y, mapW, y)
	}
	b.WriteString(`<g stroke="#6b7785" stroke-opacity="0.35" stroke-width="0.7">`)
	for _, t := range wy.Ties {
		a, c := wy.States[t[0]], wy.States[t[1]]
		if a.Mapped && c.Mapped {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, a.X, a.Y, c.X, c.Y)
		}
	}
	b.WriteString(`</g>`)
	order := make([]int, 0, len(wy.States))
	for i := range wy.States {
		order = append(order, i)
	}
	sort.SliceStable(order, func(a, c int) bool { return wy.States[order[a]].R > wy.States[order[c]].R }) // small on top
	for _, i := range order {
		s := wy.States[i]
		if !s.Mapped {
			continue
		}
		stroke := `stroke="#ffffff" stroke-width="0.8"`
		if s.Hub {
			stroke = `stroke="#111111" stroke-width="2"`
		}
		if s.CCode == selected {
			stroke = `stroke="#000000" stroke-width="3"`
		}
		fmt.Fprintf(&b, `<a href="/world?year=%d&amp;state=%d"><circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" fill-opacity="0.85" %s><title>%s (%s): %d partners%s</title></circle></a>`,
			wy.Year, s.CCode, s.X, s.Y, s.R, s.Colour, stroke, template.HTMLEscapeString(s.Name), s.Abb, s.Degree, blocWords(s))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func blocWords(s worldState) string {
	out := ""
	if s.Bloc > 0 {
		out += ", bloc " + strconv.Itoa(s.Bloc)
	}
	if s.Hub {
		out += ", " + s.HubnessWords
	}
	return out
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// worldPartner is a partner of the selected state in the year.
type worldPartner struct {
	CCode       int
	Abb, Name   string
	Shared      int
	Obligations string
}

// worldPoint is the selected state's alliances in one year.
type worldPoint struct {
	Year, Partners, Alliances int
}

// worldPageData is what the explorer page shows.
type worldPageData struct {
	Title       string
	Session     *sessionView
	Missing     string
	First, Last int
	Year        int
	Y           *worldYear
	Map         template.HTML
	Top         []worldState
	Selected    *worldState
	Partners    []worldPartner
	Series      []worldPoint
	SeriesChart template.HTML
}

// worldRoutes registers the explorer's page and downloads.
func (s *Server) worldRoutes() {
	s.mux.HandleFunc("GET /world", s.worldPage)
	s.mux.HandleFunc("GET /world/map.svg", s.worldDownload)
	s.mux.HandleFunc("GET /world/states.csv", s.worldDownload)
	s.mux.HandleFunc("GET /world/state.csv", s.worldDownload)
}

func init() {
	uiPages["webhook"] = template.Must(template.New("webhook").Funcs(uiFuncs).Funcs(pageFuncs).ParseFS(templateFS, "ui/templates/layout.html", "ui/templates/parts.html", "ui/templates/webhook.html"))
	uiPages["world"] = template.Must(template.New("world").Funcs(uiFuncs).Funcs(pageFuncs).ParseFS(templateFS, "ui/templates/layout.html", "ui/templates/parts.html", "ui/templates/world.html"))
}

// worldQuery reads the year (default: the last with alliance data) and
// the selected state (0 for none) of a request.
func (s *Server) worldQuery(r *http.Request) (*worldYear, int, error) {
	w := s.cfg.World
	first, last := w.Panel.Span()
	last = min(last, panel.ATOPLastYear)
	y := last
	if v := r.URL.Query().Get("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < first || n > last {
			return nil, 0, entente.FieldErrorf(entente.EINVALID, "year", "expected a year from %d to %d (the COW system with ATOP alliances), got %q", first, last, v)
		}
		y = n
	}
	state := 0
	if v := r.URL.Query().Get("state"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, 0, entente.FieldErrorf(entente.EINVALID, "state", "expected a COW country code, got %q", v)
		}
		state = n
	}
	wy, ok, err := w.year(y)
	if err != nil {
		return nil, 0, entente.Errorf(entente.EINTERNAL, "the network of %d: %v", y, err)
	}
	if !ok {
		return nil, 0, entente.FieldErrorf(entente.ENOTFOUND, "year", "no alliance data for %d", y)
	}
	return wy, state, nil
}

func (s *Server) worldPage(w http.ResponseWriter, r *http.Request) {
	d := worldPageData{Title: "World", Session: s.currentSession(r)}
	if s.cfg.World == nil {
		d.Missing = "This server was started without the research data. Start it with the shared data folder (entente serve --data DIR, with " + strings.Join(WorldFiles, ", ") + ") to explore the alliance network by year."
		s.render(w, r, "world", "layout", d)
		return
	}
	wy, state, err := s.worldQuery(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	d.First, d.Last = s.cfg.World.Panel.Span()
	d.Last = min(d.Last, panel.ATOPLastYear)
	d.Year, d.Y, d.Map = wy.Year, wy, template.HTML(wy.mapSVG(state))
	d.Top = append([]worldState(nil), wy.States...)
	sort.SliceStable(d.Top, func(a, b int) bool { return d.Top[a].Degree > d.Top[b].Degree })
	d.Top = d.Top[:min(15, len(d.Top))]
	if state != 0 {
		i, ok := wy.yr.Index(state)
		if !ok {
			s.errorPage(w, r, entente.FieldErrorf(entente.ENOTFOUND, "state", "state %d is not in the system in %d", state, wy.Year))
			return
		}
		sel := wy.States[i]
		d.Selected = &sel
		for _, l := range wy.yr.Links(i) {
			p := wy.States[l.To]
			d.Partners = append(d.Partners, worldPartner{CCode: p.CCode, Abb: p.Abb, Name: p.Name, Shared: int(l.Shared), Obligations: fmt.Sprint(l.Owes | l.OwedBy)})
		}
		d.Series = s.cfg.World.series(state)
		d.SeriesChart = template.HTML(seriesSVG(sel.Name, d.Series))
	}
	s.render(w, r, "world", "layout", d)
}

// series is state's alliances in each year of the data it was in.
func (w *World) series(state int) []worldPoint {
	first, last := w.Panel.Span()
	last = min(last, panel.ATOPLastYear)
	var out []worldPoint
	for y := first; y <= last; y++ {
		yr, ok := w.Panel.Year(y)
		if !ok || !yr.AlliancesKnown {
			continue
		}
		i, ok := yr.Index(state)
		if !ok {
			continue
		}
		p := worldPoint{Year: y, Partners: len(yr.Links(i))}
		for _, l := range yr.Links(i) {
			p.Alliances = max(p.Alliances, int(l.Shared))
		}
		out = append(out, p)
	}
	return out
}

// seriesSVG draws a state's number of allies per year as a line.
func seriesSVG(name string, pts []worldPoint) string {
	if len(pts) == 0 {
		return ""
	}
	const w, h, pad = 640.0, 160.0, 30.0
	y0, y1, top := pts[0].Year, pts[len(pts)-1].Year, 1
	for _, p := range pts {
		top = max(top, p.Partners)
	}
	x := func(y int) float64 { return pad + (w-2*pad)*float64(y-y0)/math.Max(1, float64(y1-y0)) }
	yv := func(v int) float64 { return h - pad - (h-2*pad)*float64(v)/float64(top) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" class="series" role="img" aria-labelledby="series-title"><title id="series-title">%s: number of allies each year, %d-%d (at most %d)</title>`, w, h, template.HTMLEscapeString(name), y0, y1, top)
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#52606d"/>`, pad, h-pad, w-pad, h-pad)
	var path strings.Builder
	prev := -2
	for _, p := range pts {
		cmd := "L"
		if p.Year != prev+1 {
			cmd = "M" // a gap: out of the system
		}
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(p.Year), yv(p.Partners))
		prev = p.Year
	}
	fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#1f5fa6" stroke-width="1.5"/>`, strings.TrimSpace(path.String()))
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="11" fill="#333">%d</text><text x="%g" y="%g" font-size="11" fill="#333" text-anchor="end">%d</text>`, pad, h-8, y0, w-pad, h-8, y1)
	fmt.Fprintf(&b, `<text x="4" y="%g" font-size="11" fill="#333">%d</text><text x="4" y="%g" font-size="11" fill="#333">0</text>`, pad+4, top, h-pad)
	b.WriteString(`</svg>`)
	return b.String()
}

// worldDownload answers the map as SVG, the year's states as CSV, or a
// state's series as CSV.
func (s *Server) worldDownload(w http.ResponseWriter, r *http.Request) {
	if s.cfg.World == nil {
		s.writeError(w, r, entente.Errorf(entente.ENOTFOUND, "this server was started without the research data"))
		return
	}
	wy, state, err := s.worldQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var buf bytes.Buffer
	name := ""
	switch r.URL.Path {
	case "/world/map.svg":
		w.Header().Set("Content-Type", "image/svg+xml")
		buf.WriteString(wy.mapSVG(state))
		name = fmt.Sprintf("alliances-%d.svg", wy.Year)
	case "/world/states.csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		if err := panel.WriteNetworkStatesCSV(&buf, panel.NetworkStates(wy.yr, wy.res)); err != nil {
			s.writeError(w, r, entente.Errorf(entente.EINTERNAL, "writing the CSV: %v", err))
			return
		}
		name = fmt.Sprintf("alliance-network-%d.csv", wy.Year)
	default:
		if state == 0 {
			s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "state", "expected a state (COW country code)"))
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		buf.WriteString("year,ccode,allies,most_shared\n")
		for _, p := range s.cfg.World.series(state) {
			fmt.Fprintf(&buf, "%d,%d,%d,%d\n", p.Year, state, p.Partners, p.Alliances)
		}
		name = fmt.Sprintf("allies-%d.csv", state)
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}
