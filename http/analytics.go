package http

import (
	"math"
	"net/http"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
)

// MaxAssessedMembers bounds the pacts whose trust, burden and health one
// request computes: trust is a pairwise computation over a pact's whole
// record (a 1,130-member coalition took 26 s and 166 MB), so a larger
// pact is refused with a clear message rather than holding a server.
const MaxAssessedMembers = 300

// assess measures the pact in the path at the service's time.
func (s *Server) assess(w http.ResponseWriter, r *http.Request) (health.Assessment, bool) {
	id := entente.PactID(r.PathValue("pact"))
	st, err := s.readablePact(r, id)
	if err != nil {
		s.writeError(w, r, err)
		return health.Assessment{}, false
	}
	if n := st.Members.Len(); n > MaxAssessedMembers {
		s.writeError(w, r, entente.FieldErrorf(entente.ETOOLARGE, "pact", "trust, burden and health are computed over the API for pacts of at most %d members; %s has had %d (run 'entente health %s' on the store instead)", MaxAssessedMembers, id, n, id))
		return health.Assessment{}, false
	}
	period := health.DefaultPeriod
	if p := r.URL.Query().Get("period"); p != "" {
		v, err := entente.ParsePeriod(p)
		if err != nil || v == 0 {
			s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "period", "expected a period such as 30d, got %q", p))
			return health.Assessment{}, false
		}
		period = v.Duration()
	}
	return s.assessState(st, period)
}

// assessState measures a pact's state at the service's time.
func (s *Server) assessState(st *entente.PactState, period time.Duration) (health.Assessment, bool) {
	actors := s.svc.Lookup
	if st.Members.Len() > MaxAssessedMembers {
		return health.Assessment{Health: health.Report{Score: math.NaN()}}, false
	}
	return health.AssessPact(st, actors, s.svc.Now(), period), true
}

func (s *Server) pactHealth(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.assess(w, r); ok {
		writeJSON(w, http.StatusOK, a.Health)
	}
}

func (s *Server) pactTrust(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.assess(w, r); ok {
		writeJSON(w, http.StatusOK, a.Trust)
	}
}

func (s *Server) pactBurden(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.assess(w, r); ok {
		writeJSON(w, http.StatusOK, a.Burden)
	}
}
