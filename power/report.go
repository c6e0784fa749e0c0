package power

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente"
)

// PactAssumptions says how a pact's rule becomes a voting game; see
// FromRule.
const PactAssumptions = "every member who can vote now votes yes or no: abstention and absence are not modelled, " +
	"the quorum is met by full participation, weights are those a proposal opening now would get, " +
	"and consensus is read as unanimity (any member can block)"

// PowerReport is the voting power of each player of a game: the answer of
// GET /api/pacts/{pact}/power and the JSON of 'entente power' (its name,
// not Report, is the name of its schema in the OpenAPI document). Indices that
// were not computed are null, as is any value that is not a finite number
// (JSON has no NaN). Counts of coalitions are decimal strings, since they
// can exceed the integers a JSON number holds exactly.
type PowerReport struct {
	Pact        entente.PactID        `json:"pact,omitempty"`
	Matter      entente.Matter        `json:"matter,omitempty"`
	Rule        *entente.DecisionRule `json:"rule,omitempty"`
	Assumptions string                `json:"assumptions,omitempty"`
	// Game is the game analysed, such as "[39; 7,7,7,7,7,1,...]" (quota;
	// weights, scaled to integers).
	Game    string        `json:"game"`
	Method  string        `json:"method"`
	Players []PlayerPower `json:"players"`
	// Coalitions is 2^n; Winning and MinimalWinning count the winning and
	// minimal winning coalitions when they were computed.
	Coalitions     string `json:"coalitions"`
	Winning        string `json:"winning,omitempty"`
	MinimalWinning string `json:"minimal_winning,omitempty"`
	// Collectivity is Coleman's power of the collectivity to act: the
	// share of coalitions that win.
	Collectivity      *float64         `json:"collectivity"`
	CollectivityExact string           `json:"collectivity_exact,omitempty"`
	MonteCarlo        *MonteCarloBound `json:"monte_carlo,omitempty"`
}

// PlayerPower is one player's indices. Dummy is null when it is not known
// (Monte Carlo estimates and indices without swing counts).
type PlayerPower struct {
	Name            string      `json:"name"`
	Weights         []float64   `json:"weights,omitempty"`
	Swings          string      `json:"swings,omitempty"`
	Banzhaf         *float64    `json:"banzhaf"`
	Penrose         *float64    `json:"penrose"`
	ShapleyShubik   *float64    `json:"shapley_shubik"`
	DeeganPackel    *float64    `json:"deegan_packel"`
	Holler          *float64    `json:"holler"`
	Johnston        *float64    `json:"johnston"`
	ColemanPrevent  *float64    `json:"coleman_prevent"`
	ColemanInitiate *float64    `json:"coleman_initiate"`
	Dummy           *bool       `json:"dummy"`
	Veto            bool        `json:"veto"`
	Exact           *ExactPower `json:"exact,omitempty"`
	// PenroseSE and ShapleyShubikSE are the standard errors of Monte Carlo
	// estimates.
	PenroseSE       *float64 `json:"penrose_se,omitempty"`
	ShapleyShubikSE *float64 `json:"shapley_shubik_se,omitempty"`
}

// ExactPower holds a player's indices as exact fractions ("421/2145").
type ExactPower struct {
	Banzhaf         string `json:"banzhaf,omitempty"`
	Penrose         string `json:"penrose,omitempty"`
	ShapleyShubik   string `json:"shapley_shubik,omitempty"`
	DeeganPackel    string `json:"deegan_packel,omitempty"`
	Holler          string `json:"holler,omitempty"`
	Johnston        string `json:"johnston,omitempty"`
	ColemanPrevent  string `json:"coleman_prevent,omitempty"`
	ColemanInitiate string `json:"coleman_initiate,omitempty"`
}

// MonteCarloBound describes a Monte Carlo estimate: with probability at
// least Confidence, every player's Penrose and Shapley-Shubik estimates are
// within Bound of the exact values (Hoeffding).
type MonteCarloBound struct {
	Samples    int     `json:"samples"`
	Seed       uint64  `json:"seed"`
	Confidence float64 `json:"confidence"`
	Bound      float64 `json:"bound"`
}

// NewPowerReport describes the result r of analysing g, whose players are
// named names; weights[i], if weights is not nil, lists player i's weights
// as shown to people (one per weight column).
func NewPowerReport(g Game, names []string, weights [][]float64, r *Result) PowerReport {
	rep := PowerReport{
		Game:       DescribeGame(g),
		Method:     string(r.Method),
		Coalitions: new(big.Int).Lsh(big.NewInt(1), uint(r.N)).String(),
		Winning:    reportInt(r.Winning), MinimalWinning: reportInt(r.MinimalWinning),
	}
	colemanDone := r.Coleman.Prevent != nil
	if colemanDone {
		rep.Collectivity = reportFinite(r.Coleman.Collectivity)
	}
	if r.Exact != nil && r.Exact.Collectivity != nil && colemanDone {
		rep.CollectivityExact = r.Exact.Collectivity.RatString()
	}
	if mc := r.MonteCarlo; mc != nil {
		rep.MonteCarlo = &MonteCarloBound{Samples: mc.Samples, Seed: mc.Seed, Confidence: mc.Confidence, Bound: mc.Bound}
	}
	for i, name := range names {
		p := playerPower(r, i)
		p.Name = name
		if weights != nil {
			p.Weights = weights[i]
		}
		rep.Players = append(rep.Players, p)
	}
	return rep
}

// playerPower gathers player i's values from r.
func playerPower(r *Result, i int) PlayerPower {
	p := PlayerPower{
		Banzhaf: reportAt(r.Banzhaf, i), Penrose: reportAt(r.Penrose, i), ShapleyShubik: reportAt(r.ShapleyShubik, i),
		DeeganPackel: reportAt(r.DeeganPackel, i), Holler: reportAt(r.Holler, i), Johnston: reportAt(r.Johnston, i),
		ColemanPrevent: reportAt(r.Coleman.Prevent, i), ColemanInitiate: reportAt(r.Coleman.Initiate, i),
		Veto: slices.Contains(r.Vetoes, i),
	}
	if r.Swings != nil { // dummies are known exactly when swings are
		p.Swings = r.Swings[i].String()
		dummy := slices.Contains(r.Dummies, i)
		p.Dummy = &dummy
	}
	if ex := r.Exact; ex != nil {
		p.Exact = &ExactPower{
			Banzhaf: reportRat(ex.Banzhaf, i), Penrose: reportRat(ex.Penrose, i), ShapleyShubik: reportRat(ex.ShapleyShubik, i),
			DeeganPackel: reportRat(ex.DeeganPackel, i), Holler: reportRat(ex.Holler, i), Johnston: reportRat(ex.Johnston, i),
			ColemanPrevent: reportRat(ex.Prevent, i), ColemanInitiate: reportRat(ex.Initiate, i),
		}
	}
	if mc := r.MonteCarlo; mc != nil {
		p.PenroseSE, p.ShapleyShubikSE = reportAt(mc.PenroseSE, i), reportAt(mc.ShapleyShubikSE, i)
	}
	return p
}

// reportFinite returns a pointer to v, or nil (JSON null) for NaN and infinities,
// which encoding/json refuses to write.
func reportFinite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// reportAt returns xs[i] as a JSON value: null when the index was not computed.
func reportAt(xs []float64, i int) *float64 {
	if i >= len(xs) {
		return nil
	}
	return reportFinite(xs[i])
}

func reportRat(xs []*big.Rat, i int) string {
	if i >= len(xs) || xs[i] == nil {
		return ""
	}
	return xs[i].RatString()
}

func reportInt(x *big.Int) string {
	if x == nil {
		return ""
	}
	return x.String()
}

// DescribeGame writes a game for people: "[q; w1,...,wn]" for a weighted
// game, the layers joined by "and" for a multiple-weight one, with its
// blocking-minority clause.
func DescribeGame(g Game) string {
	switch g := g.(type) {
	case *Weighted:
		return g.String()
	case *MultiWeighted:
		var parts []string
		for _, l := range g.Layers() {
			w, _ := NewWeighted(l.Quota, l.Weights) // valid: taken from a valid game
			parts = append(parts, w.String())
		}
		s := strings.Join(parts, " and ")
		if k := g.MinBlockers(); k > 0 {
			s += fmt.Sprintf(", or fewer than %d players against", k)
		}
		return s
	case *MinimalWinning:
		return fmt.Sprintf("minimal winning coalitions %v", g.Coalitions())
	}
	return fmt.Sprintf("%T with %d players", g, g.N())
}

// PactPower analyses the voting power of the members of the pact st under
// the rule its agreement applies to matter, as PactElectorate and
// FromRule turn it into a game. Errors are *entente.Error values
// (EINVALID for an unknown matter, ECONFLICT when the pact's state gives no
// game: no member can vote, or the members hold no weight), except that
// ErrTooLarge is returned wrapped as it is, so that a caller can retry
// with other options.
func PactPower(st *entente.PactState, matter entente.Matter, actors func(entente.ActorID) *entente.Actor, opts Options) (PowerReport, error) {
	if !slices.Contains(entente.Matters, matter) {
		return PowerReport{}, entente.FieldErrorf(entente.EINVALID, "matter", "expected one of %v, got %q", entente.Matters, matter)
	}
	e, err := PactElectorate(st, matter, actors)
	if err != nil { // the matter is known: the rule's weight source is not
		return PowerReport{}, entente.FieldErrorf(entente.ECONFLICT, "rule", "%s: %v", matter, err)
	}
	g, ids, err := FromRule(e.Rule, e.Members, e.Weights)
	if err != nil {
		field := "rule"
		if errors.Is(err, ErrEmptyGame) {
			field, err = "members", errors.New("no member of the pact can vote now")
		}
		return PowerReport{}, entente.FieldErrorf(entente.ECONFLICT, field, "%s: %v", matter, err)
	}
	res, err := Analyze(g, opts)
	if err != nil {
		return PowerReport{}, fmt.Errorf("%s: %w", matter, err)
	}
	names := make([]string, len(ids))
	var weights [][]float64
	for i, id := range ids {
		names[i] = string(id)
		if e.Weights != nil {
			weights = append(weights, []float64{e.Weights[id]})
		}
	}
	rep := NewPowerReport(g, names, weights, res)
	rep.Pact, rep.Matter, rep.Rule, rep.Assumptions = st.Pact.ID, matter, &e.Rule, PactAssumptions
	return rep, nil
}

// Column is one index column of a power table: its name as a list of
// indices names it ("banzhaf", "ss", ...), its header, the index computed
// for it and how to read its value from a player's report.
type Column struct {
	Name, Header string
	Index        Index
	Value        func(p PlayerPower) *float64
	Exact        func(e *ExactPower) string
}

// Columns are the index columns of a power table, in their order.
var Columns = []Column{
	{"banzhaf", "BANZHAF", BanzhafIndex,
		func(p PlayerPower) *float64 { return p.Banzhaf }, func(e *ExactPower) string { return e.Banzhaf }},
	{"penrose", "PENROSE", BanzhafIndex, // Penrose comes with Banzhaf
		func(p PlayerPower) *float64 { return p.Penrose }, func(e *ExactPower) string { return e.Penrose }},
	{"ss", "SHAPLEY-SHUBIK", ShapleyShubikIndex,
		func(p PlayerPower) *float64 { return p.ShapleyShubik }, func(e *ExactPower) string { return e.ShapleyShubik }},
	{"dp", "DEEGAN-PACKEL", DeeganPackelIndex,
		func(p PlayerPower) *float64 { return p.DeeganPackel }, func(e *ExactPower) string { return e.DeeganPackel }},
	{"holler", "HOLLER", HollerIndex,
		func(p PlayerPower) *float64 { return p.Holler }, func(e *ExactPower) string { return e.Holler }},
	{"johnston", "JOHNSTON", JohnstonIndex,
		func(p PlayerPower) *float64 { return p.Johnston }, func(e *ExactPower) string { return e.Johnston }},
	{"coleman", "COLEMAN-PREVENT", ColemanIndices,
		func(p PlayerPower) *float64 { return p.ColemanPrevent }, func(e *ExactPower) string { return e.ColemanPrevent }},
	{"coleman", "COLEMAN-INITIATE", ColemanIndices,
		func(p PlayerPower) *float64 { return p.ColemanInitiate }, func(e *ExactPower) string { return e.ColemanInitiate }},
}

// columnAliases are the longer names ParseColumns also accepts.
var columnAliases = map[string]string{"shapley-shubik": "ss", "deegan-packel": "dp"}

// ParseColumns reads a comma-separated list of index names (all when
// empty; with monteCarlo, all that Monte Carlo estimates) into the table's
// columns, in its order, and the indices to compute.
func ParseColumns(s string, monteCarlo bool) ([]Column, Index, error) {
	want := map[string]bool{}
	if strings.TrimSpace(s) == "" {
		for _, c := range Columns {
			want[c.Name] = !monteCarlo || c.Index&(DeeganPackelIndex|HollerIndex|JohnstonIndex) == 0
		}
	}
	known := func(name string) bool {
		return slices.ContainsFunc(Columns, func(c Column) bool { return c.Name == name })
	}
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if alias, ok := columnAliases[name]; ok {
			name = alias
		}
		switch {
		case name == "" && strings.TrimSpace(s) == "":
		case !known(name):
			return nil, 0, fmt.Errorf("unknown index %q (expected banzhaf, penrose, ss, dp, holler, johnston or coleman)", name)
		case monteCarlo && (name == "dp" || name == "holler" || name == "johnston"):
			return nil, 0, fmt.Errorf("%s is not estimated by Monte Carlo; only banzhaf, penrose, ss and coleman are", name)
		default:
			want[name] = true
		}
	}
	var cols []Column
	var idx Index
	for _, c := range Columns {
		if want[c.Name] {
			cols = append(cols, c)
			idx |= c.Index
		}
	}
	return cols, idx, nil
}

// Cell formats player p's value in column c: the fraction when exact and
// known, else six decimals (all the digits when full); "-" when it was not
// computed.
func (c Column) Cell(p PlayerPower, exact, full bool) string {
	if exact && p.Exact != nil {
		if s := c.Exact(p.Exact); s != "" {
			return s
		}
	}
	v := c.Value(p)
	switch {
	case v == nil:
		return "-"
	case full:
		return strconv.FormatFloat(*v, 'g', -1, 64)
	}
	return strconv.FormatFloat(*v, 'f', 6, 64)
}

// Table lays out the report as a header and one row per player: the name,
// the cells of weights (one row per player, under weightHeaders, if not
// nil), the columns, and whether the player is a dummy and holds a veto.
func (r PowerReport) Table(weightHeaders []string, weights [][]string, cols []Column, exact, full bool) ([]string, [][]string) {
	header := append([]string{"MEMBER"}, weightHeaders...)
	for _, c := range cols {
		header = append(header, c.Header)
	}
	header = append(header, "DUMMY", "VETO")
	yesNo := func(b *bool) string {
		switch {
		case b == nil:
			return "-"
		case *b:
			return "yes"
		}
		return "no"
	}
	var rows [][]string
	for i, p := range r.Players {
		row := []string{p.Name}
		if weights != nil {
			row = append(row, weights[i]...)
		}
		for _, c := range cols {
			row = append(row, c.Cell(p, exact, full))
		}
		rows = append(rows, append(row, yesNo(p.Dummy), yesNo(&p.Veto)))
	}
	return header, rows
}

// Notes says in words what the table does not: the game, its coalitions,
// the collectivity's power to act, a Monte Carlo estimate's bound and the
// assumptions, one line each.
func (r PowerReport) Notes(exact bool) []string {
	lines := []string{fmt.Sprintf("game: %s (%d players, %s)", r.Game, len(r.Players), r.Method)}
	var parts []string
	if r.Winning != "" {
		parts = append(parts, fmt.Sprintf("winning coalitions: %s of %s", r.Winning, r.Coalitions))
	}
	if r.MinimalWinning != "" {
		parts = append(parts, "minimal winning: "+r.MinimalWinning)
	}
	if r.Collectivity != nil {
		c := strconv.FormatFloat(*r.Collectivity, 'f', 6, 64)
		if exact && r.CollectivityExact != "" {
			c = r.CollectivityExact
		}
		parts = append(parts, "collectivity to act: "+c)
	}
	if parts != nil {
		lines = append(lines, strings.Join(parts, "; "))
	}
	if mc := r.MonteCarlo; mc != nil {
		lines = append(lines, fmt.Sprintf("monte carlo: %d samples, seed %d: with %s confidence every Penrose and Shapley-Shubik estimate is within %.4f of its exact value (Hoeffding); Banzhaf and Coleman follow from the Penrose estimates",
			mc.Samples, mc.Seed, strconv.FormatFloat(100*mc.Confidence, 'f', -1, 64)+"%", mc.Bound))
	}
	if r.Assumptions != "" {
		lines = append(lines, "assumes: "+r.Assumptions)
	}
	return lines
}

// DescribeRule says in a few words what a decision rule asks.
func DescribeRule(r entente.DecisionRule) string {
	pct := func(x float64) string { return strconv.FormatFloat(100*x, 'f', -1, 64) + "%" }
	switch r.Kind {
	case entente.QualifiedMajority:
		return fmt.Sprintf("qualified majority of %s of the members", pct(r.Threshold))
	case entente.Weighted:
		return fmt.Sprintf("weighted rule, %s of the weight (weights: %s)", pct(r.Threshold), r.WeightBy)
	case entente.DoubleMajority:
		s := fmt.Sprintf("double majority, %s of the members and %s of the weight (weights: %s)", pct(r.Threshold), pct(r.SecondThreshold), r.WeightBy)
		if r.MinBlockers > 0 {
			s += fmt.Sprintf(", blocking minority of at least %d", r.MinBlockers)
		}
		return s
	}
	return strings.ReplaceAll(string(r.Kind), "_", " ")
}
