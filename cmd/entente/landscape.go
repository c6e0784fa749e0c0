package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/landscape"
)

func init() {
	register(verb{"landscape", "two-bloc alignments of minimal frustration (Axelrod-Bennett)", runLandscape})
}

const landscapeHelp = `
Finds the two-bloc alignments of minimal frustration in Axelrod and Bennett's
landscape theory of aggregation (BJPS 1993): every local minimum of the
energy E(X) = sum over ordered pairs i != j apart in X of s_i s_j p_ij, with
its energy and basin (how many of the 2^(n-1) alignments descend to it).
Alignments are printed as the actors in bloc A (holding the first actor)
and in bloc B.

Input is either two CSV files or the built-in Europe 1936 case:

  --sizes FILE          header "actor,size", then one "name,size" row per
                        actor (size >= 0, e.g. a capability share)
  --propensities FILE   a matrix: header ",NAME1,NAME2,...", then one row
                        "NAME,p1,p2,..." per actor; rows and columns may come
                        in any order but must name the actors of --sizes; the
                        matrix must be symmetric; the diagonal is ignored and
                        may be empty. Positive means the two tend to align.
                        Lines starting with # are comments.

  --europe-1936         the 17 European states of Axelrod and Bennett's test,
                        built from data in --data: sizes are COW NMC 6.0 CINC
                        scores for 1936 as shares of the 17; propensities are
                        the Signorino-Ritter S similarity of 1936 ATOP 5.1
                        alliance portfolios (ties 1 for defense or offense
                        pacts, 2/3 neutrality or non-aggression, 1/3
                        consultation; each state tied to itself; over every
                        state in the 1936 COW system), centred on the mean S
                        of the 136 pairs. MISPLACED lists the states on the
                        other side from their 1939-41 alignment and VS PAPER
                        the differences from the paper's own 1936 prediction.

Search is exhaustive up to 26 actors (up to 32 with --method exhaustive) and
by steepest descent from --restarts seeded random alignments beyond.`

// landscapeCase is a system with actor names and, for the historical case,
// the alignments to compare with.
type landscapeCase struct {
	names []string
	sizes []float64
	prop  [][]float64
	// history and paper, when set, give each actor's bloc (true for bloc B)
	// in the 1939–41 alignment and in Axelrod and Bennett's prediction.
	history, paper []bool
}

func runLandscape(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "landscape", "--sizes FILE --propensities FILE | --europe-1936 [--data DIR] [flags]", landscapeHelp)
	sizes := fs.String("sizes", "", "CSV `file` of actor sizes")
	props := fs.String("propensities", "", "CSV `file` of the propensity matrix")
	europe := fs.Bool("europe-1936", false, "run the Europe 1936 case from the shared data")
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data `dir` for --europe-1936")
	method := fs.String("method", "auto", "auto, exhaustive or search")
	restarts := fs.Int("restarts", 1000, "random starts for local search and sampled basins")
	seed := fs.Uint64("seed", 1, "seed of the random starts")
	top := fs.Int("top", 0, "print only the `k` lowest minima (0: all)")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asCSV := fs.Bool("csv", false, "print CSV instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("landscape: unexpected argument %q", fs.Arg(0))
	case *asJSON && *asCSV:
		return usagef("landscape: --json and --csv exclude each other")
	case *europe && (*sizes != "" || *props != ""):
		return usagef("landscape: --europe-1936 replaces --sizes and --propensities")
	case !*europe && (*sizes == "" || *props == ""):
		return usagef("landscape: give --sizes and --propensities, or --europe-1936")
	case *restarts < 1:
		return usagef("--restarts: must be at least 1, got %d", *restarts)
	case *top < 0:
		return usagef("--top: must not be negative, got %d", *top)
	case *method != "auto" && *method != "exhaustive" && *method != "search":
		return usagef("--method: expected auto, exhaustive or search, got %q", *method)
	}
	var lc landscapeCase
	var err error
	if *europe {
		lc, err = europe1936(*data)
	} else {
		lc, err = readLandscapeCase(*sizes, *props)
	}
	if err != nil {
		return err
	}
	res, err := solveLandscape(lc, *method, landscape.Options{Restarts: *restarts, Seed: *seed})
	if err != nil {
		return err
	}
	if *top > 0 && len(res.Minima) > *top {
		res.Minima = res.Minima[:*top]
	}
	rows := landscapeRows(lc, res)
	switch {
	case *asJSON:
		return writeLandscapeJSON(env.stdout, lc, res, rows)
	case *asCSV:
		return writeLandscapeCSV(env.stdout, lc, rows)
	}
	return writeLandscapeTable(env.stdout, lc, res, rows)
}

func solveLandscape(lc landscapeCase, method string, opt landscape.Options) (*landscape.Result, error) {
	sys, err := landscape.NewSystem(lc.sizes, lc.prop)
	if err != nil {
		return nil, err
	}
	switch method {
	case "auto":
		return sys.Analyze(opt)
	case "exhaustive":
		return sys.Exhaustive(opt)
	}
	return sys.Search(opt)
}

// landscapeRow is one minimum as printed.
type landscapeRow struct {
	Rank      int      `json:"rank"`
	Energy    float64  `json:"energy"`
	Basin     float64  `json:"basin"`
	Share     float64  `json:"share"`
	Hits      int      `json:"hits,omitempty"`
	BlocA     []string `json:"bloc_a"`
	BlocB     []string `json:"bloc_b"`
	Misplaced []string `json:"misplaced,omitempty"`
	VsPaper   []string `json:"vs_paper,omitempty"`
}

func landscapeRows(lc landscapeCase, res *landscape.Result) []landscapeRow {
	rows := make([]landscapeRow, len(res.Minima))
	for k, m := range res.Minima {
		r := landscapeRow{Rank: k + 1, Energy: m.Energy, Basin: m.Basin, Share: m.Share, Hits: m.Hits, BlocA: []string{}, BlocB: []string{}}
		for i, name := range lc.names {
			if m.Config.InB(i) {
				r.BlocB = append(r.BlocB, name)
			} else {
				r.BlocA = append(r.BlocA, name)
			}
		}
		r.Misplaced = landscapeDiff(lc.names, m.Config, lc.history)
		r.VsPaper = landscapeDiff(lc.names, m.Config, lc.paper)
		rows[k] = r
	}
	return rows
}

// landscapeDiff names the actors whose bloc in c differs from ref (with
// the first actor in bloc A in both), or nil without a reference.
func landscapeDiff(names []string, c landscape.Config, ref []bool) []string {
	if ref == nil {
		return nil
	}
	diff := []string{}
	for i, name := range names {
		if c.InB(i) != ref[i] {
			diff = append(diff, name)
		}
	}
	return diff
}

func writeLandscapeTable(w io.Writer, lc landscapeCase, res *landscape.Result, rows []landscapeRow) error {
	header := []string{"RANK", "ENERGY", "BASIN", "SHARE", "BLOC A", "BLOC B"}
	if lc.history != nil {
		header = append(header, "MISPLACED", "VS PAPER")
	}
	var cells [][]string
	for _, r := range rows {
		c := []string{strconv.Itoa(r.Rank), strconv.FormatFloat(r.Energy, 'g', 6, 64), landscapeBasin(r.Basin, res.BasinsExact),
			strconv.FormatFloat(100*r.Share, 'f', 1, 64) + "%", strings.Join(r.BlocA, " "), strings.Join(r.BlocB, " ")}
		if lc.history != nil {
			c = append(c, landscapeList(r.Misplaced), landscapeList(r.VsPaper))
		}
		cells = append(cells, c)
	}
	if err := table(w, header, cells); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d actors, %d alignments; %s\n", res.N, res.Configurations, landscapeMethodNote(res))
	if lc.history != nil {
		fmt.Fprintln(w, europe1936Note)
	}
	return nil
}

func landscapeBasin(b float64, exact bool) string {
	if exact {
		return strconv.FormatFloat(b, 'f', 0, 64)
	}
	return "~" + strconv.FormatFloat(b, 'f', 0, 64)
}

func landscapeList(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, " ")
}

func landscapeMethodNote(res *landscape.Result) string {
	switch {
	case res.Method == landscape.MethodSearch:
		return fmt.Sprintf("local search from %d random alignments: minima reached, basins estimated", res.Restarts)
	case res.BasinsExact:
		return "exhaustive: every local minimum, exact basins"
	}
	return fmt.Sprintf("exhaustive: every local minimum, basins estimated from %d descents", res.Restarts)
}

func writeLandscapeCSV(w io.Writer, lc landscapeCase, rows []landscapeRow) error {
	cw := csv.NewWriter(w)
	header := []string{"rank", "energy", "basin", "share", "bloc_a", "bloc_b"}
	if lc.history != nil {
		header = append(header, "misplaced", "vs_paper")
	}
	cw.Write(header)
	for _, r := range rows {
		rec := []string{strconv.Itoa(r.Rank), strconv.FormatFloat(r.Energy, 'g', -1, 64), strconv.FormatFloat(r.Basin, 'g', -1, 64),
			strconv.FormatFloat(r.Share, 'g', -1, 64), strings.Join(r.BlocA, ";"), strings.Join(r.BlocB, ";")}
		if lc.history != nil {
			rec = append(rec, strings.Join(r.Misplaced, ";"), strings.Join(r.VsPaper, ";"))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

func writeLandscapeJSON(w io.Writer, lc landscapeCase, res *landscape.Result, rows []landscapeRow) error {
	out := struct {
		Actors         []string         `json:"actors"`
		Sizes          []float64        `json:"sizes"`
		Propensities   [][]float64      `json:"propensities"`
		Configurations uint64           `json:"configurations"`
		Method         landscape.Method `json:"method"`
		Complete       bool             `json:"complete"`
		BasinsExact    bool             `json:"basins_exact"`
		Restarts       int              `json:"restarts,omitempty"`
		Minima         []landscapeRow   `json:"minima"`
		History        []string         `json:"history_bloc_b,omitempty"`
		Paper          []string         `json:"paper_bloc_b,omitempty"`
	}{lc.names, lc.sizes, lc.prop, res.Configurations, res.Method, res.Complete, res.BasinsExact, res.Restarts, rows,
		landscapeBlocB(lc.names, lc.history), landscapeBlocB(lc.names, lc.paper)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func landscapeBlocB(names []string, ref []bool) []string {
	var b []string
	for i, in := range ref {
		if in {
			b = append(b, names[i])
		}
	}
	return b
}

// landscapeCSVFile reads every record of a CSV file, keeping each record's
// line for messages. Lines starting with # are comments.
func landscapeCSVFile(path string) (records [][]string, lines []int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.Comment = '#'
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return records, lines, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		records, lines = append(records, rec), append(lines, line)
	}
}

// readLandscapeCase reads the sizes and the propensity matrix, reordering
// the matrix to the order of the sizes.
func readLandscapeCase(sizesPath, propPath string) (landscapeCase, error) {
	names, sizes, err := readLandscapeSizes(sizesPath)
	if err != nil {
		return landscapeCase{}, err
	}
	prop, err := readLandscapePropensities(propPath, names)
	if err != nil {
		return landscapeCase{}, err
	}
	return landscapeCase{names: names, sizes: sizes, prop: prop}, nil
}

func readLandscapeSizes(path string) ([]string, []float64, error) {
	recs, lines, err := landscapeCSVFile(path)
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 || len(recs[0]) != 2 || !strings.EqualFold(strings.TrimSpace(recs[0][0]), "actor") || !strings.EqualFold(strings.TrimSpace(recs[0][1]), "size") {
		return nil, nil, fmt.Errorf("%s: line %d: want the header \"actor,size\"", path, landscapeFirstLine(lines))
	}
	var names []string
	var sizes []float64
	seen := map[string]int{}
	for k, rec := range recs[1:] {
		line := lines[k+1]
		if len(rec) != 2 {
			return nil, nil, fmt.Errorf("%s: line %d: want 2 fields (actor,size), got %d", path, line, len(rec))
		}
		name := strings.TrimSpace(rec[0])
		if name == "" {
			return nil, nil, fmt.Errorf("%s: line %d: empty actor name", path, line)
		}
		if prev, dup := seen[name]; dup {
			return nil, nil, fmt.Errorf("%s: line %d: actor %q already on line %d", path, line, name, prev)
		}
		seen[name] = line
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, nil, fmt.Errorf("%s: line %d: size of %s: want a finite number >= 0, got %q", path, line, name, rec[1])
		}
		names, sizes = append(names, name), append(sizes, v)
	}
	if len(names) < 2 || len(names) > landscape.MaxActors {
		return nil, nil, fmt.Errorf("%s: need 2 to %d actors, got %d", path, landscape.MaxActors, len(names))
	}
	return names, sizes, nil
}

func landscapeFirstLine(lines []int) int {
	if len(lines) == 0 {
		return 1
	}
	return lines[0]
}

// readLandscapePropensities reads the matrix and returns it in the order of names.
func readLandscapePropensities(path string, names []string) ([][]float64, error) {
	recs, lines, err := landscapeCSVFile(path)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, name := range names {
		index[name] = i
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	cols, err := landscapeColumns(path, lines[0], recs[0], index)
	if err != nil {
		return nil, err
	}
	n := len(names)
	p := make([][]float64, n)
	rowLine := make([]int, n)
	for k, rec := range recs[1:] {
		line := lines[k+1]
		name := strings.TrimSpace(rec[0])
		i, ok := index[name]
		switch {
		case !ok:
			return nil, fmt.Errorf("%s: line %d: row %q is not an actor of the sizes file", path, line, name)
		case p[i] != nil:
			return nil, fmt.Errorf("%s: line %d: row %q already on line %d", path, line, name, rowLine[i])
		case len(rec) != n+1:
			return nil, fmt.Errorf("%s: line %d: row %s has %d values, want %d", path, line, name, len(rec)-1, n)
		}
		p[i], rowLine[i] = make([]float64, n), line
		for c, cell := range rec[1:] {
			j := cols[c]
			if i == j && strings.TrimSpace(cell) == "" {
				continue // the diagonal is unused
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fmt.Errorf("%s: line %d: propensity of %s with %s: want a finite number, got %q", path, line, name, names[j], cell)
			}
			if i != j {
				p[i][j] = v
			}
		}
	}
	for i, row := range p {
		if row == nil {
			return nil, fmt.Errorf("%s: no row for actor %s", path, names[i])
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if a, b := p[i][j], p[j][i]; math.Abs(a-b) > 1e-9*max(1, math.Abs(a), math.Abs(b)) {
				return nil, fmt.Errorf("%s: line %d: propensity of %s with %s is %v, but line %d gives %v the other way: the matrix must be symmetric",
					path, rowLine[i], names[i], names[j], a, rowLine[j], b)
			}
		}
	}
	return p, nil
}

// landscapeColumns maps the header's columns to actor indices.
func landscapeColumns(path string, line int, header []string, index map[string]int) ([]int, error) {
	if len(header)-1 != len(index) {
		return nil, fmt.Errorf("%s: line %d: header names %d actors, the sizes file %d", path, line, len(header)-1, len(index))
	}
	cols := make([]int, len(index))
	seen := map[string]bool{}
	for c, name := range header[1:] {
		name = strings.TrimSpace(name)
		i, ok := index[name]
		if !ok || seen[name] {
			return nil, fmt.Errorf("%s: line %d: column %d: %q is not an actor of the sizes file, or is repeated", path, line, c+2, name)
		}
		seen[name], cols[c] = true, i
	}
	return cols, nil
}

// europeState is one of Axelrod and Bennett's 17 states with its COW code
// and its side: in the 1939–41 alignment and in their 1936 prediction (true
// for the side opposite Britain).
type europeState struct {
	name           string
	ccode          int
	history, paper bool
}

// europeStates lists Axelrod and Bennett's 17 European states, Britain
// first so that bloc A is Britain's side. The alignments are those of the
// paper's test as reported in a public replication (Glynne-Jones,
// "landscape-aggregation", which quotes the paper's prediction and the
// alignment at the outbreak of war): history puts Britain, Czechoslovakia,
// Denmark, France, Greece, Poland, Portugal, the USSR and Yugoslavia on one
// side and Estonia, Finland, Germany, Hungary, Italy, Latvia, Lithuania and
// Romania on the other; the paper's 1936 prediction differs only in
// putting Poland and Portugal on Germany's side.
var europeStates = []europeState{
	{"UK", 200, false, false},
	{"France", 220, false, false},
	{"USSR", 365, false, false},
	{"Czechoslovakia", 315, false, false},
	{"Yugoslavia", 345, false, false},
	{"Greece", 350, false, false},
	{"Denmark", 390, false, false},
	{"Poland", 290, false, true},
	{"Portugal", 235, false, true},
	{"Germany", 255, true, true},
	{"Italy", 325, true, true},
	{"Hungary", 310, true, true},
	{"Romania", 360, true, true},
	{"Finland", 375, true, true},
	{"Estonia", 366, true, true},
	{"Latvia", 367, true, true},
	{"Lithuania", 368, true, true},
}

const europeYear = 1936

const europe1936Note = `MISPLACED: states on the other side from the 1939-41 alignment (Britain's side:
UK France USSR Czechoslovakia Yugoslavia Greece Denmark Poland Portugal).
VS PAPER: differences from Axelrod and Bennett's 1936 prediction, which placed
all but Poland and Portugal as in the war. Their propensities came from
ethnic conflict, religion, border disputes, type of government and past wars;
these come from 1936 alliance portfolios only (see entente landscape --help).`

// europe1936 builds the historical case from the NMC and ATOP files in dir.
func europe1936(dir string) (landscapeCase, error) {
	recs, err := nmc.Load(filepath.Join(dir, sharedata.Layout["nmc"]), nmc.V6)
	if err != nil {
		return landscapeCase{}, err
	}
	members, err := atop.LoadMembers(filepath.Join(dir, sharedata.Layout["members"]))
	if err != nil {
		return landscapeCase{}, err
	}
	return europeCase(recs, members)
}

// europeCase computes sizes and propensities for europeStates in
// europeYear from NMC records and ATOP members.
func europeCase(recs []nmc.Record, members []atop.Member) (landscapeCase, error) {
	cinc := map[int]float64{}
	for _, r := range recs {
		if r.Year == europeYear && !math.IsNaN(r.CINC) {
			cinc[r.CCode] = r.CINC
		}
	}
	system := make([]int, 0, len(cinc)) // the reference states of S
	for c := range cinc {
		system = append(system, c)
	}
	slices.Sort(system)
	var lc landscapeCase
	var caps []float64
	for _, s := range europeStates {
		v, ok := cinc[s.ccode]
		if !ok {
			return landscapeCase{}, fmt.Errorf("NMC: no CINC for %s (COW %d) in %d", s.name, s.ccode, europeYear)
		}
		lc.names, caps = append(lc.names, s.name), append(caps, v)
		lc.history, lc.paper = append(lc.history, s.history), append(lc.paper, s.paper)
	}
	var err error
	if lc.sizes, err = landscape.Shares(caps); err != nil {
		return landscapeCase{}, err
	}
	ties := landscapeAllianceTies(members, europeYear)
	rows := make([][]float64, len(europeStates))
	for i, s := range europeStates {
		rows[i] = make([]float64, len(system))
		for k, c := range system {
			rows[i][k] = ties[[2]int{s.ccode, c}]
			if c == s.ccode {
				rows[i][k] = 1
			}
		}
	}
	sim, err := landscape.PortfolioS(rows)
	if err != nil {
		return landscapeCase{}, err
	}
	lc.prop, err = landscape.Centered(sim)
	return lc, err
}

// landscapeAllianceTies returns, for each ordered pair of states sharing an
// ATOP alliance phase in force at some time in year (the COW dyad-year
// convention), the strength of their strongest shared alliance on the
// ordinal scale of alliance-portfolio studies: 1 for defense or offense,
// 2/3 for neutrality or non-aggression, 1/3 for consultation. A pair's
// obligations are the union of what the two members undertook in that
// phase.
func landscapeAllianceTies(members []atop.Member, year int) map[[2]int]float64 {
	type phase struct{ id, phase int }
	groups := map[phase][]atop.Member{}
	for _, m := range members {
		if m.InYear(year) {
			k := phase{m.ATOPID, m.Phase}
			groups[k] = append(groups[k], m)
		}
	}
	ties := map[[2]int]float64{}
	for _, g := range groups {
		for a := range g {
			for b := range g {
				if g[a].Member == g[b].Member {
					continue
				}
				k := [2]int{g[a].Member, g[b].Member}
				ties[k] = max(ties[k], landscapeTieStrength(g[a].Obligations|g[b].Obligations))
			}
		}
	}
	return ties
}

func landscapeTieStrength(o atop.Obligation) float64 {
	switch {
	case o&(atop.Defense|atop.Offense) != 0:
		return 1
	case o&(atop.Neutrality|atop.NonAggression) != 0:
		return 2.0 / 3
	case o&atop.Consultation != 0:
		return 1.0 / 3
	}
	return 0
}
