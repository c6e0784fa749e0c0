package http

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/http"
	"slices"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/power"
)

// powerOperation documents GET /api/pacts/{pact}/power; it belongs in the
// operations table of openapi.go, beside the route in routes.go.
var powerOperation = operation{"GET", "/api/pacts/{pact}/power",
	"Voting power of each member under the pact's rule for a matter (?matter=general|budget|..., default general): Banzhaf, Penrose, Shapley-Shubik, Deegan-Packel, Holler, Johnston, Coleman, dummies and vetoes",
	nil, []string{"matter"}, PowerReport{}}

// powerAssumptions says how a pact's rule becomes a voting game; see
// power.FromRule.
const powerAssumptions = "every member who can vote now votes yes or no: abstention and absence are not modelled, " +
	"the quorum is met by full participation, weights are those a proposal opening now would get, " +
	"and consensus is read as unanimity (any member can block)"

// Limits of the exact computation for one request: a pact's rule is a
// weighted game that the dynamic programs solve in milliseconds unless its
// weights have many significant digits; beyond these bounds the answer is a
// Monte Carlo estimate rather than a request that runs for minutes.
const (
	powerMaxMemory = 256 << 20
	powerMaxWork   = 2_000_000_000
	powerMaxEnum   = 20
	powerSamples   = 200_000
	powerSeed      = 1
)

// PowerReport is the voting power of each player of a game: the answer of
// GET /api/pacts/{pact}/power and the JSON of 'entente power'. Indices that
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
func NewPowerReport(g power.Game, names []string, weights [][]float64, r *power.Result) PowerReport {
	rep := PowerReport{
		Game:       describeGame(g),
		Method:     string(r.Method),
		Coalitions: new(big.Int).Lsh(big.NewInt(1), uint(r.N)).String(),
		Winning:    intString(r.Winning), MinimalWinning: intString(r.MinimalWinning),
	}
	colemanDone := r.Coleman.Prevent != nil
	if colemanDone {
		rep.Collectivity = finite(r.Coleman.Collectivity)
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
func playerPower(r *power.Result, i int) PlayerPower {
	p := PlayerPower{
		Banzhaf: at(r.Banzhaf, i), Penrose: at(r.Penrose, i), ShapleyShubik: at(r.ShapleyShubik, i),
		DeeganPackel: at(r.DeeganPackel, i), Holler: at(r.Holler, i), Johnston: at(r.Johnston, i),
		ColemanPrevent: at(r.Coleman.Prevent, i), ColemanInitiate: at(r.Coleman.Initiate, i),
		Veto: slices.Contains(r.Vetoes, i),
	}
	if r.Swings != nil { // dummies are known exactly when swings are
		p.Swings = r.Swings[i].String()
		dummy := slices.Contains(r.Dummies, i)
		p.Dummy = &dummy
	}
	if ex := r.Exact; ex != nil {
		p.Exact = &ExactPower{
			Banzhaf: ratAt(ex.Banzhaf, i), Penrose: ratAt(ex.Penrose, i), ShapleyShubik: ratAt(ex.ShapleyShubik, i),
			DeeganPackel: ratAt(ex.DeeganPackel, i), Holler: ratAt(ex.Holler, i), Johnston: ratAt(ex.Johnston, i),
			ColemanPrevent: ratAt(ex.Prevent, i), ColemanInitiate: ratAt(ex.Initiate, i),
		}
	}
	if mc := r.MonteCarlo; mc != nil {
		p.PenroseSE, p.ShapleyShubikSE = at(mc.PenroseSE, i), at(mc.ShapleyShubikSE, i)
	}
	return p
}

// finite returns a pointer to v, or nil (JSON null) for NaN and infinities,
// which encoding/json refuses to write.
func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// at returns xs[i] as a JSON value: null when the index was not computed.
func at(xs []float64, i int) *float64 {
	if i >= len(xs) {
		return nil
	}
	return finite(xs[i])
}

func ratAt(xs []*big.Rat, i int) string {
	if i >= len(xs) || xs[i] == nil {
		return ""
	}
	return xs[i].RatString()
}

func intString(x *big.Int) string {
	if x == nil {
		return ""
	}
	return x.String()
}

// describeGame writes a game for people: "[q; w1,...,wn]" for a weighted
// game, the layers joined by "and" for a multiple-weight one, with its
// blocking-minority clause.
func describeGame(g power.Game) string {
	switch g := g.(type) {
	case *power.Weighted:
		return g.String()
	case *power.MultiWeighted:
		var parts []string
		for _, l := range g.Layers() {
			w, _ := power.NewWeighted(l.Quota, l.Weights) // valid: taken from a valid game
			parts = append(parts, w.String())
		}
		s := strings.Join(parts, " and ")
		if k := g.MinBlockers(); k > 0 {
			s += fmt.Sprintf(", or fewer than %d players against", k)
		}
		return s
	case *power.MinimalWinning:
		return fmt.Sprintf("minimal winning coalitions %v", g.Coalitions())
	}
	return fmt.Sprintf("%T with %d players", g, g.N())
}

// PactPower analyses the voting power of the members of the pact st under
// the rule its agreement applies to matter, as power.PactElectorate and
// power.FromRule turn it into a game. Errors are *entente.Error values
// (EINVALID for an unknown matter, ECONFLICT when the pact's state gives no
// game: no member can vote, or the members hold no weight), except that
// power.ErrTooLarge is returned wrapped as it is, so that a caller can retry
// with other options.
func PactPower(st *entente.PactState, matter entente.Matter, actors func(entente.ActorID) *entente.Actor, opts power.Options) (PowerReport, error) {
	if !slices.Contains(entente.Matters, matter) {
		return PowerReport{}, entente.FieldErrorf(entente.EINVALID, "matter", "expected one of %v, got %q", entente.Matters, matter)
	}
	e, err := power.PactElectorate(st, matter, actors)
	if err != nil { // the matter is known: the rule's weight source is not
		return PowerReport{}, entente.FieldErrorf(entente.ECONFLICT, "rule", "%s: %v", matter, err)
	}
	g, ids, err := power.FromRule(e.Rule, e.Members, e.Weights)
	if err != nil {
		field := "rule"
		if errors.Is(err, power.ErrEmptyGame) {
			field, err = "members", errors.New("no member of the pact can vote now")
		}
		return PowerReport{}, entente.FieldErrorf(entente.ECONFLICT, field, "%s: %v", matter, err)
	}
	res, err := power.Analyze(g, opts)
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
	rep.Pact, rep.Matter, rep.Rule, rep.Assumptions = st.Pact.ID, matter, &e.Rule, powerAssumptions
	return rep, nil
}

// pactPower answers GET /api/pacts/{pact}/power?matter=M: exact indices
// (with fractions) when the game is within the request's limits, otherwise
// a seeded Monte Carlo estimate of Banzhaf, Penrose, Shapley-Shubik and
// Coleman with its error bound.
func (s *Server) pactPower(w http.ResponseWriter, r *http.Request) {
	st, err := s.svc.Pact(entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	matter := entente.Matter(r.URL.Query().Get("matter"))
	if matter == "" {
		matter = entente.General
	}
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := s.svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	exact := power.Options{Exact: true, MaxMemory: powerMaxMemory, MaxWork: powerMaxWork, MaxEnumPlayers: powerMaxEnum}
	rep, err := PactPower(st, matter, actors, exact)
	if errors.Is(err, power.ErrTooLarge) {
		rep, err = PactPower(st, matter, actors, power.Options{MonteCarlo: &power.MCOptions{Samples: powerSamples, Seed: powerSeed}})
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}
