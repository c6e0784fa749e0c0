package http

import (
	"sync"
	"time"

	"github.com/entente/entente/health"
)

// The pages show each pact's health, which costs a pact of 10,000 events
// about 10 ms to assess: a third of its page. An assessment changes only
// with the pact's log, the actors' registry and, slowly, with the clock (its 30-day window
// slides), so the pages keep the last one per pact while the log has not
// grown and the clock is in the same minute. The JSON API assesses afresh.

// assessCacheSize bounds the pacts whose assessment is kept.
const assessCacheSize = 256

// assessKey says when a kept assessment still holds.
type assessKey struct {
	len, registry int64 // the pact's log and the registry (actors' capabilities)
	minute        int64
}

// assessCache keeps the pages' latest assessment of each pact.
type assessCache struct {
	mu sync.Mutex
	m  map[viewKey]assessEntry // a partial view's under its reader, the whole state's under ""
}

type assessEntry struct {
	key assessKey
	a   health.Assessment
	ok  bool
}

// assessPage is assessState over health.DefaultPeriod for the pages,
// answered from the cache while the pact's log and the minute are the
// same (and the registry, which holds the actors' capabilities). A cached assessment is shared: its readers must not change it.
// A reader's partial view is assessed, and kept, apart from the whole
// state: its figures must not rest on entries the reader may not read.
func (s *Server) assessPage(v readerView) (health.Assessment, bool) {
	st := v.st
	key := assessKey{len: st.Len, registry: s.svc.RegistryLen(), minute: s.svc.Now().Truncate(time.Minute).Unix()}
	id := viewKey{pact: st.Pact.ID}
	if v.partial {
		id.reader = v.reader
	}
	c := &s.assessed
	c.mu.Lock()
	if e, hit := c.m[id]; hit && e.key == key {
		c.mu.Unlock()
		return e.a, e.ok
	}
	c.mu.Unlock()
	a, ok := s.assessState(st, health.DefaultPeriod)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= assessCacheSize {
		c.m = map[viewKey]assessEntry{} // start over: simpler than LRU, and rare
	}
	c.m[id] = assessEntry{key: key, a: a, ok: ok}
	return a, ok
}
