package http

import (
	"net/http"
	"sort"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// submit takes a delegate's signed request (entente.Signed: the request's
// exact bytes and the signatures over them) for any log. It is the one way
// to change anything over the API: there is no unsigned write.
func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	var sig entente.Signed
	if err := decode(w, r, &sig); err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := s.svc.Submit(r.Context(), &sig)
	if err != nil {
		s.metrics.submits.WithLabelValues(entente.ErrorCode(err)).Inc()
		s.writeError(w, r, err)
		return
	}
	s.metrics.submits.WithLabelValues("accepted").Inc()
	s.notifyHooks()
	writeJSON(w, http.StatusCreated, commandResult{Log: out.Log, Events: out.Events, Pact: out.State, Actor: out.Actor})
}

func sortIDs(ids []entente.ActorID) { sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] }) }

func tlogMarshal(v tlog.Verifier) []byte { return tlog.MarshalVerifier(v) }
