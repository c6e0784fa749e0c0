package http

import (
	"errors"
	"net/http"

	"github.com/entente/entente"
	"github.com/entente/entente/power"
)

// powerDoc documents GET /api/pacts/{pact}/power in the route table.
var powerDoc = doc{
	"Voting power of each member under the pact's rule for a matter (?matter=general|budget|..., default general): Banzhaf, Penrose, Shapley-Shubik, Deegan-Packel, Holler, Johnston, Coleman, dummies and vetoes",
	nil, []string{"matter"}, PowerReport{}}

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

// The report of GET /api/pacts/{pact}/power is package power's: these
// names keep the API's Go names and its OpenAPI schema names.
type (
	PowerReport     = power.PowerReport
	PlayerPower     = power.PlayerPower
	ExactPower      = power.ExactPower
	MonteCarloBound = power.MonteCarloBound
)

// NewPowerReport is power.NewPowerReport.
func NewPowerReport(g power.Game, names []string, weights [][]float64, r *power.Result) PowerReport {
	return power.NewPowerReport(g, names, weights, r)
}

// PactPower is power.PactPower.
func PactPower(st *entente.PactState, matter entente.Matter, actors func(entente.ActorID) *entente.Actor, opts power.Options) (PowerReport, error) {
	return power.PactPower(st, matter, actors, opts)
}

// pactPower answers GET /api/pacts/{pact}/power?matter=M: exact indices
// (with fractions) when the game is within the request's limits, otherwise
// a seeded Monte Carlo estimate of Banzhaf, Penrose, Shapley-Shubik and
// Coleman with its error bound.
func (s *Server) pactPower(w http.ResponseWriter, r *http.Request) {
	st, err := s.readablePact(r, entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	matter := entente.Matter(r.URL.Query().Get("matter"))
	if matter == "" {
		matter = entente.General
	}
	actors := s.svc.Lookup
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
