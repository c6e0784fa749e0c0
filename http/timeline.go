package http

import (
	"net/http"
	"time"

	"github.com/entente/entente"
)

// timelineRow is one entry of a pact's log in words, for the timeline.
type timelineRow struct {
	Index    int64
	At       time.Time
	By       entente.ActorID
	Type     string
	Sentence string
	Redacted bool
}

// timeline returns the latest n entries of log before index size in
// words, as the request's reader may read them. The page lists the latest
// (see timelineChunk for the rest); the record check in the page still
// covers the whole log.
func (s *Server) timeline(r *http.Request, log string, size int64, n int) ([]timelineRow, error) {
	from := max(0, size-int64(n))
	entries, err := s.svc.Entries(r.Context(), log, from, size)
	if err != nil {
		return nil, err
	}
	canRead, err := s.entryReader(r, log)
	if err != nil {
		return nil, err
	}
	out := make([]timelineRow, 0, len(entries))
	for i := len(entries) - 1; i >= 0; i-- { // latest first
		ev, err := entente.DecodeEvent(entries[i].Data)
		if err != nil {
			return nil, entente.Errorf(entente.EINTERNAL, "entry %d does not decode: %v", entries[i].Index, err)
		}
		row := timelineRow{Index: entries[i].Index, At: ev.At, Type: ev.Data.EventType()}
		if canRead(ev) {
			row.By, row.Sentence = ev.By, ev.Sentence()
		} else {
			row.Redacted = true
		}
		out = append(out, row)
	}
	return out, nil
}
