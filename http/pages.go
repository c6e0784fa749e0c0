package http

import (
	"html/template"
	"net/http"

	"github.com/entente/entente"
)

// errorPageData is what an error page shows: the status, what went wrong
// and where to go from here.
type errorPageData struct {
	Title   string
	Session *sessionView
	Status  int
	Message string
}

// errorPage answers a page request that failed with a page of its own
// (404, 403, 500 ...) that says what went wrong, in the layout.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	status := ErrorStatus(err)
	title := http.StatusText(status)
	if entente.ErrorCode(err) == entente.EINTERNAL {
		s.logger.Error("page", "path", r.URL.Path, "err", err)
	}
	w.WriteHeader(status)
	s.render(w, r, "error", "layout", errorPageData{Title: title, Session: s.currentSession(r), Status: status, Message: entente.ErrorMessage(err)})
}

// pageRoutes registers the pages added beside the index and a pact's page:
// founding from a template, and drafts gathering co-signatures.
func (s *Server) pageRoutes() {
	s.mux.HandleFunc("GET /found", s.foundPage)
	s.mux.HandleFunc("GET /pacts/{pact}/amend", s.amendPage)
	s.draftRoutes()
	s.listRoutes()
	s.worldRoutes()
	s.webhookPageRoutes()
	s.reserved = &reservationCache{logs: map[string]*reservationsRead{}, draws: map[string]drawn{}}
}

// formField is one text field of a form, with its error.
type formField struct{ Name, Label, Value, Err string }

// pageFuncs are the template functions of the found and draft pages.
var pageFuncs = template.FuncMap{
	"fieldOf": func(name, label, value string, errs map[string]string) formField {
		return formField{Name: name, Label: label, Value: value, Err: errs[name]}
	},
	"add":   func(a, b int) int { return a + b },
	"errOf": func(msg, name string) map[string]string { return map[string]string{name: msg} },
	// proposalOf is what the proposal template gets: the page and one of
	// its proposals.
	"proposalOf": func(d *pactPageData, p *entente.Proposal) proposalArgs { return proposalArgs{Page: d, P: p} },
	// proposalsOf is what the proposal-chunk template gets: the page and a
	// group of its proposals; timelineOf the page's timeline rows.
	"proposalsOf": func(d *pactPageData, l proposalList) proposalChunkArgs { return proposalChunkArgs{Page: d, List: l} },
	"timelineOf": func(d *pactPageData) *timelineChunk {
		return &timelineChunk{Pact: d.State.Pact.ID, Rows: d.Timeline, More: d.TimelineMore}
	},
	"pctp": func(v *float64) string {
		if v == nil {
			return "–"
		}
		return orDash(100**v, 1) + "%"
	},
}
