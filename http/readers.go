package http

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"

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

// readablePacts returns the index entries of the pacts the request's
// reader may read: a listing reads no pact's state.
func (s *Server) readablePacts(r *http.Request) ([]*entente.PactEntry, error) {
	who, err := s.reader(r)
	if err != nil {
		return nil, err
	}
	return readableBy(s.svc.Index(), who), nil
}

// readableBy returns the entries of index that who may read.
func readableBy(index []*entente.PactEntry, who entente.ActorID) []*entente.PactEntry {
	out := make([]*entente.PactEntry, 0, len(index))
	for _, e := range index {
		if e.CanReadPact(who) {
			out = append(out, e)
		}
	}
	return out
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

// readerView is a pact as one reader may see it on the pages: the whole
// state when the reader may read every entry, otherwise the state folded
// from the entries the reader may read (entente.FoldReadable), with the
// number of entries left out.
type readerView struct {
	st *entente.PactState
	// Hidden counts the entries the view leaves out: classified beyond
	// the reader, or building on such an entry.
	hidden int
	// partial is set when the view is not the whole state; reader then
	// names whose it is.
	partial bool
	reader  entente.ActorID
}

// pageView returns the pact in the request's path as its reader may see
// it: a members-only pact is refused to outsiders as readablePact does,
// but a classified entry beyond a member's roles leaves that entry out of
// the member's page instead of refusing the page.
func (s *Server) pageView(r *http.Request, id entente.PactID) (readerView, error) {
	if err := s.svc.Refresh(r.Context(), string(id)); err != nil {
		return readerView{}, err
	}
	st, err := s.svc.Pact(id)
	if err != nil {
		return readerView{}, err
	}
	who, err := s.reader(r)
	if err != nil {
		return readerView{}, err
	}
	if !st.CanReadPact(who) {
		return readerView{}, entente.FieldErrorf(entente.EFORBIDDEN, "pact", "pact %s is members-only: read it as a member, observer or auditor (sign in, or Authorization: Entente TOKEN, from 'entente read-token')", id)
	}
	return s.viewFor(r.Context(), st, who)
}

// viewFor returns st as who may see it (see readerView), from the cache
// while the pact's log has not grown, extended by the new entries when it
// has and the reader's rights are the same, folded afresh otherwise.
func (s *Server) viewFor(ctx context.Context, st *entente.PactState, who entente.ActorID) (readerView, error) {
	if st.CanReadAll(who) {
		return readerView{st: st, reader: who}, nil
	}
	key := viewKey{st.Pact.ID, who}
	rights := st.ReadingRights(who)
	c := &s.views
	c.mu.Lock()
	kept, ok := c.m[key]
	c.mu.Unlock()
	if ok && (kept.rights != rights || kept.v.st.Len > st.Len) {
		ok = false
	}
	if ok && kept.v.st.Len == st.Len {
		return kept.v, nil
	}
	var base *entente.PactState
	from, hidden := int64(0), 0
	if ok {
		base, from, hidden = kept.v.st, kept.v.st.Len, kept.v.hidden
	}
	entries, err := s.svc.Entries(ctx, string(st.Pact.ID), from, st.Len)
	if err != nil {
		return readerView{}, err
	}
	events := make([]entente.Event, len(entries))
	for i, e := range entries {
		if events[i], err = entente.DecodeEvent(e.Data); err != nil {
			return readerView{}, entente.Errorf(entente.EINTERNAL, "entry %d does not decode: %v", e.Index, err)
		}
	}
	vst, more, err := entente.ExtendReadable(base, events, func(e entente.Event) bool { return st.CanRead(who, e) })
	if err != nil {
		return readerView{}, err
	}
	v := readerView{st: vst, hidden: hidden + more, partial: true, reader: who}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= viewCacheSize {
		c.m = map[viewKey]keptView{} // start over: simpler than LRU, and rare
	}
	c.m[key] = keptView{v: v, rights: rights}
	return v, nil
}

// viewCacheSize bounds the partial views kept.
const viewCacheSize = 256

// viewKey names a reader's view of a pact.
type viewKey struct {
	pact   entente.PactID
	reader entente.ActorID
}

// viewCache keeps the latest partial view of each pact for each reader
// who may not read all of it: folding a pact's readable entries reads its
// whole log, so a kept view is extended by the entries that follow it.
type viewCache struct {
	mu sync.Mutex
	m  map[viewKey]keptView
}

// keptView is a kept partial view, with the reader's reading rights it
// was folded under (entente.PactState.ReadingRights): when they change,
// entries it skipped may have become readable, and it is folded afresh.
type keptView struct {
	v      readerView
	rights string
}

// structure is the view's structure: the service's for the whole state,
// derived from the view itself otherwise (a classified amendment may have
// changed the agreement the structure reads).
func (s *Server) structure(v readerView) (entente.Structure, error) {
	if !v.partial {
		return s.svc.Structure(v.st.Pact.ID)
	}
	return entente.DeriveStructure(v.st, s.svc.Lookup), nil
}
