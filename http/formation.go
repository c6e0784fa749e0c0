package http

import (
	"net/http"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/coalition"
	"github.com/entente/entente/partner"
)

// pactPartners ranks registered actors outside a pact as partners for it:
// GET /api/pacts/{pact}/partners?objective=economic=500,technology=80[&weights=...][&limit=10].
func (s *Server) pactPartners(w http.ResponseWriter, r *http.Request) {
	st, err := s.readablePact(r, entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	req := partner.Request{Objective: q.Get("objective"), Weights: q.Get("weights")}
	if v := q.Get("limit"); v != "" {
		if req.Limit, err = strconv.Atoi(v); err != nil {
			s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "limit", "expected a number that is not negative, got %q", v))
			return
		}
	}
	objective, opts, err := req.Parse()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, partner.Suggest(st, s.svc.Actors(), objective, opts))
}

// pactSplit splits a pact's benefit among its members:
// GET /api/pacts/{pact}/split[?benefit=B][&returns=ρ][&synergy=γ].
func (s *Server) pactSplit(w http.ResponseWriter, r *http.Request) {
	st, err := s.readablePact(r, entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	opts := coalition.SplitOptions{Returns: 1}
	for _, p := range []struct {
		name string
		dst  *float64
	}{{"benefit", &opts.Benefit}, {"returns", &opts.Returns}, {"synergy", &opts.Synergy}} {
		if v := r.URL.Query().Get(p.name); v != "" {
			if *p.dst, err = strconv.ParseFloat(v, 64); err != nil {
				s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, p.name, "expected a number, got %q", v))
				return
			}
		}
	}
	if err := opts.Validate(); err != nil {
		s.writeError(w, r, err)
		return
	}
	sp, err := coalition.PactSplit(st, opts)
	if err != nil {
		s.writeError(w, r, entente.Errorf(entente.EINVALID, "%v", err))
		return
	}
	writeJSON(w, http.StatusOK, sp)
}
