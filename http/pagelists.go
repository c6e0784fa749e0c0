package http

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/entente/entente"
)

// A pact's page lists what is open first and a few settled items, and
// leaves the rest of a long history a link away: a pact of 10,000 events
// has a thousand proposals and thousands of pledges, and listing them all
// made its page five times slower than its JSON. Each "more" link is a
// page of its own without JavaScript; with htmx it loads the next chunk in
// place.

// Page sizes: how many open items and settled proposals the pact page
// lists, and how many items each "more" chunk adds.
const (
	pageOpenItems    = 20
	pageSettledItems = 5
	pageChunk        = 50
)

// proposalList is one group of a pact's proposals as a page shows it: the
// items, and the link to the rest of the group.
type proposalList struct {
	Group string // "open" or "settled"
	Items []*entente.Proposal
	More  moreLink
}

// commitmentList is one group of a pact's commitments as a page shows it.
type commitmentList struct {
	Group string // "open" or "fulfilled"
	Items []*entente.Commitment
	More  moreLink
}

// moreLink leads to the rest of a list: Count items after those shown, at
// URL; zero Count means the list is whole.
type moreLink struct {
	URL   string
	Count int
	Of    string // what they are, in words: "settled proposals"
}

// proposalOpen reports whether p is still open at now: undecided, or
// decided with its window open for recording votes.
func proposalOpen(p *entente.Proposal, now time.Time) bool {
	return p.Decision == nil || now.Before(p.Closes)
}

// proposalGroup returns the proposals of st in group at now, in the order
// a reader wants them: open ones soonest closing first, settled ones
// latest first.
func proposalGroup(st *entente.PactState, group string, now time.Time) []*entente.Proposal {
	var out []*entente.Proposal
	for _, p := range st.Proposals.All() {
		if proposalOpen(p, now) == (group == "open") {
			out = append(out, p)
		}
	}
	if group == "open" {
		slices.SortStableFunc(out, func(a, b *entente.Proposal) int { return a.Closes.Compare(b.Closes) })
	} else {
		slices.Reverse(out)
	}
	return out
}

// commitmentGroup returns the commitments of st in group: open ones
// (short of their amount) soonest due first, so overdue ones lead;
// fulfilled ones latest fulfilled first.
func commitmentGroup(st *entente.PactState, group string) []*entente.Commitment {
	var out []*entente.Commitment
	for _, c := range st.Commitments.All() {
		if (c.Status() == entente.Fulfilled) == (group == "fulfilled") {
			out = append(out, c)
		}
	}
	if group == "open" {
		slices.SortStableFunc(out, func(a, b *entente.Commitment) int { return a.Due.Compare(b.Due) })
	} else {
		slices.SortStableFunc(out, func(a, b *entente.Commitment) int { return b.FulfilledAt.Compare(a.FulfilledAt) })
	}
	return out
}

// window returns items[from:from+n] and the link to what follows.
func window[T any](items []T, from, n int, base, group, of string) ([]T, moreLink) {
	from = min(max(from, 0), len(items))
	end := min(from+n, len(items))
	more := moreLink{Count: len(items) - end, Of: of}
	if more.Count > 0 {
		more.URL = base + "?" + url.Values{"group": {group}, "from": {strconv.Itoa(end)}}.Encode()
	}
	return items[from:end], more
}

// pageLists fills d's proposal and commitment lists for a pact's page.
func pageLists(d *pactPageData) {
	st, id := d.State, string(d.State.Pact.ID)
	d.OpenProposals = proposalListOf(st, "open", 0, pageOpenItems, d.Now)
	d.SettledProposals = proposalListOf(st, "settled", 0, pageSettledItems, d.Now)
	d.OpenCommitments = commitmentListOf(st, "open", 0, pageOpenItems)
	fulfilled := commitmentGroup(st, "fulfilled")
	d.Fulfilled = moreLink{Count: len(fulfilled), Of: "fulfilled commitments"}
	if len(fulfilled) > 0 {
		d.Fulfilled.URL = "/pacts/" + url.PathEscape(id) + "/commitments?group=fulfilled"
	}
}

func proposalListOf(st *entente.PactState, group string, from, n int, now time.Time) proposalList {
	l := proposalList{Group: group}
	of := "open proposals"
	if group == "settled" {
		of = "settled proposals"
	}
	l.Items, l.More = window(proposalGroup(st, group, now), from, n, "/pacts/"+url.PathEscape(string(st.Pact.ID))+"/proposals", group, of)
	return l
}

func commitmentListOf(st *entente.PactState, group string, from, n int) commitmentList {
	l := commitmentList{Group: group}
	of := "open commitments"
	if group == "fulfilled" {
		of = "fulfilled commitments"
	}
	l.Items, l.More = window(commitmentGroup(st, group), from, n, "/pacts/"+url.PathEscape(string(st.Pact.ID))+"/commitments", group, of)
	return l
}

// proposalArgs is what the proposal template gets.
type proposalArgs struct {
	Page *pactPageData
	P    *entente.Proposal
}

// proposalChunkArgs is what the proposal-chunk template gets.
type proposalChunkArgs struct {
	Page *pactPageData
	List proposalList
}

func init() {
	uiPages["list"] = template.Must(template.New("list").Funcs(uiFuncs).Funcs(pageFuncs).ParseFS(templateFS, "ui/templates/layout.html", "ui/templates/parts.html", "ui/templates/pact.html", "ui/templates/list.html"))
}

// listPageData is what a page of one of a pact's lists shows.
type listPageData struct {
	*pactPageData
	Heading     string
	Proposals   *proposalList
	Commitments *commitmentList
	Timeline    *timelineChunk
	// HXTable says the chunk goes into a table already (htmx asked for
	// it), so it is rows alone.
	HXTable bool
}

// Page is the pact page's data the list shares.
func (l *listPageData) Page() *pactPageData { return l.pactPageData }

// timelineChunk is a run of a pact's timeline, latest first, with the
// link to the entries before it.
type timelineChunk struct {
	Pact entente.PactID
	Rows []timelineRow
	More moreLink
}

// listRoutes registers the pages of a pact's lists: its proposals, its
// commitments and its timeline, a chunk at a time.
func (s *Server) listRoutes() {
	for _, kind := range []string{"proposals", "commitments", "timeline"} {
		s.mux.HandleFunc("GET /pacts/{pact}/"+kind, func(w http.ResponseWriter, r *http.Request) { s.listPage(w, r, kind) })
	}
}

// listPage answers a chunk of a pact's proposals, commitments or
// timeline: the rows alone to htmx (which puts them in place of the
// "more" link), a page of its own to a browser without script.
func (s *Server) listPage(w http.ResponseWriter, r *http.Request, kind string) {
	id := entente.PactID(r.PathValue("pact"))
	v, err := s.pageView(r, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	st := v.st
	q := r.URL.Query()
	from := 0
	if v := q.Get("from"); v != "" {
		if from, err = strconv.Atoi(v); err != nil || from < 0 {
			s.errorPage(w, r, entente.FieldErrorf(entente.EINVALID, "from", "expected a count of items, got %q", v))
			return
		}
	}
	d := &pactPageData{Title: st.Pact.Name, State: st, Session: s.currentSession(r), Now: s.svc.Now(),
		ServerTime: s.svc.Now().UTC().Format(time.RFC3339Nano), Lifetime: draftLifetime}
	d.Act = actFor(st, d.Session, nil)
	l := &listPageData{pactPageData: d}
	switch kind {
	case "proposals":
		group := q.Get("group")
		if group != "open" && group != "settled" {
			s.errorPage(w, r, entente.FieldErrorf(entente.EINVALID, "group", "expected open or settled, got %q", group))
			return
		}
		pl := proposalListOf(st, group, from, pageChunk, d.Now)
		l.Proposals, l.Heading = &pl, "Proposals ("+group+")"
	case "commitments":
		group := q.Get("group")
		if group != "open" && group != "fulfilled" {
			s.errorPage(w, r, entente.FieldErrorf(entente.EINVALID, "group", "expected open or fulfilled, got %q", group))
			return
		}
		cl := commitmentListOf(st, group, from, pageChunk)
		l.Commitments, l.Heading = &cl, "Commitments ("+group+")"
	default:
		head, err := s.svc.Head(r.Context(), string(id))
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		before := int64(head.Size)
		if v := q.Get("before"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				s.errorPage(w, r, entente.FieldErrorf(entente.EINVALID, "before", "expected an entry index, got %q", v))
				return
			}
			before = min(n, before)
		}
		c, err := s.timelineChunk(r, string(id), before, pageChunk)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		l.Timeline, l.Heading = c, "Timeline"
	}
	l.Title = st.Pact.Name + ": " + l.Heading
	if r.Header.Get("HX-Request") == "true" {
		l.HXTable = true
		s.render(w, r, "list", "chunk", l)
		return
	}
	s.render(w, r, "list", "layout", l)
}

// timelineChunk returns up to n entries of log before index before,
// latest first, with the link to those before them.
func (s *Server) timelineChunk(r *http.Request, log string, before int64, n int) (*timelineChunk, error) {
	rows, err := s.timeline(r, log, before, n)
	if err != nil {
		return nil, err
	}
	c := &timelineChunk{Pact: entente.PactID(log), Rows: rows}
	if first := before - int64(len(rows)); first > 0 {
		c.More = moreLink{Count: int(first), Of: "earlier entries",
			URL: "/pacts/" + url.PathEscape(log) + "/timeline?before=" + strconv.FormatInt(first, 10)}
	}
	return c, nil
}
