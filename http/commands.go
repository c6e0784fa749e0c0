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
		s.writeError(w, r, s.hideFromOutsider(&sig, err))
		return
	}
	s.metrics.submits.WithLabelValues("accepted").Inc()
	s.notifyHooks()
	writeJSON(w, http.StatusCreated, commandResult{Log: out.Log, Events: out.Events, Pact: s.answerState(r, out.State), Actor: out.Actor})
}

// hideFromOutsider returns err, the refusal of a signed request, except
// when its signer may not read the request's members-only pact: then a
// refusal that would say whether a record exists (ENOTFOUND, "no proposal
// p9", against EFORBIDDEN for a proposal that does, since the domain
// finds a record before it asks who may act on it) is one refusal that
// names nothing in the pact, so that an outsider cannot list what the
// pact holds by the answers to its requests.
func (s *Server) hideFromOutsider(sig *entente.Signed, err error) error {
	if code := entente.ErrorCode(err); code != entente.ENOTFOUND && code != entente.EFORBIDDEN {
		return err
	}
	req, perr := entente.ParseRequest([]byte(sig.Request))
	if perr != nil || req.Log == entente.RegistryLog {
		return err
	}
	st, serr := s.svc.Pact(entente.PactID(req.Log))
	if serr != nil || st.CanReadPact(req.Actor) {
		return err
	}
	return entente.FieldErrorf(entente.EFORBIDDEN, "request", "refused: pact %s is members-only and %s may not read it, so the reason is not given", req.Log, req.Actor)
}

// answerState is the pact's state as a write's answer carries it: whole
// when the request's reader (its read token or session, not the request's
// signer: anyone may post a signed request) may read every entry, else
// left out, as GET /api/pacts/{pact} would refuse it. Without this an
// outsider's request to join a members-only pact was answered with the
// whole pact, classified entries and all.
func (s *Server) answerState(r *http.Request, st *entente.PactState) *entente.PactState {
	if st == nil {
		return nil
	}
	who, err := s.reader(r)
	if err != nil || !st.CanReadAll(who) {
		return nil
	}
	return st
}

func sortIDs(ids []entente.ActorID) { sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] }) }

func tlogMarshal(v tlog.Verifier) []byte { return tlog.MarshalVerifier(v) }
