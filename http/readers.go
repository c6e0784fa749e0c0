package http

import (
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/entente/entente"
)

// authScheme starts an Authorization header that carries a read token:
// "Entente " and the base64url of a signed request for command "read".
const authScheme = "Entente "

// reader returns who reads r: the actor a read token in the Authorization
// header proves, else the delegate signed in with a passkey, else "" (an
// anonymous reader). A token that does not check out is an error, not an
// anonymous read, so a client learns its token is bad.
func (s *Server) reader(r *http.Request) (entente.ActorID, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		if !strings.HasPrefix(h, authScheme) {
			return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "expected %q and a read token", strings.TrimSpace(authScheme))
		}
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(h, authScheme))
		if err != nil {
			return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "expected the base64url of a signed read request")
		}
		var sig entente.Signed
		if err := entente.StrictJSON(raw, &sig); err != nil {
			return "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "expected a signed read request: %v", err)
		}
		return s.svc.Reader(&sig)
	}
	if s.auth != nil {
		if sess := s.currentSession(r); sess != nil {
			return sess.Actor, nil
		}
	}
	return "", nil
}

// readablePact returns the pact in the request's path if its reader may
// read it; a members-only pact is refused to others.
func (s *Server) readablePact(r *http.Request, id entente.PactID) (*entente.PactState, error) {
	if err := s.svc.Refresh(r.Context(), string(id)); err != nil {
		return nil, err
	}
	st, err := s.svc.Pact(id)
	if err != nil {
		return nil, err
	}
	who, err := s.reader(r)
	if err != nil {
		return nil, err
	}
	if !st.CanReadPact(who) {
		return nil, entente.FieldErrorf(entente.EFORBIDDEN, "pact", "pact %s is members-only: read it as a member, observer or auditor (Authorization: Entente TOKEN, from 'entente read-token')", id)
	}
	if !st.CanReadAll(who) {
		return nil, entente.FieldErrorf(entente.EFORBIDDEN, "pact", "pact %s holds entries classified beyond what %q may read; read its log's entries, which are redacted where you are not entitled", id, who)
	}
	return st, nil
}

// readablePacts returns the pacts the request's reader may read.
func (s *Server) readablePacts(r *http.Request) ([]*entente.PactState, error) {
	who, err := s.reader(r)
	if err != nil {
		return nil, err
	}
	var out []*entente.PactState
	for _, st := range s.svc.Pacts() {
		if st.CanReadPact(who) {
			out = append(out, st)
		}
	}
	return out, nil
}

// entryReader returns which entries of log the request's reader may read:
// every entry of the registry, and a pact's entries as CanRead says.
func (s *Server) entryReader(r *http.Request, log string) (func(entente.Event) bool, error) {
	if log == entente.RegistryLog {
		return func(entente.Event) bool { return true }, nil
	}
	who, err := s.reader(r)
	if err != nil {
		return nil, err
	}
	if err := s.svc.Refresh(r.Context(), log); err != nil {
		return nil, err
	}
	st, err := s.svc.Pact(entente.PactID(log))
	if err != nil {
		return nil, err
	}
	return func(e entente.Event) bool { return st.CanRead(who, e) }, nil
}
