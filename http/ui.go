package http

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/tlog"
)

// The web UI: server-rendered pages (html/template) with htmx for the
// few interactions, all embedded in the binary. htmx 2.0.4 is vendored in
// ui/static under its Zero-Clause BSD licence.
//
//go:embed ui/templates/*.html
var templateFS embed.FS

//go:embed ui/static
var staticFS embed.FS

var uiFuncs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.Format("2006-01-02")
	},
	"pct":         func(v float64) string { return strconv.FormatFloat(100*v, 'f', 0, 64) + "%" },
	"num":         func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
	"num2":        func(v float64) string { return orDash(v, 2) },
	"pledgeChart": pledgeChart,
	"num3":        func(v float64) string { return orDash(v, 3) },
	"score":       func(v float64) string { return orDash(v, 0) },
	"ids": func(ids []entente.ActorID) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = string(id)
		}
		return strings.Join(s, ", ")
	},
	// canVote reports whether id may still vote on p at now (canVoteAt).
	"canVote":   canVoteAt,
	"disputeOf": disputeOf,
	// threadOf is the discussion of a proposal, with the comment form for
	// a signed-in member.
	"threadOf": func(d *pactPageData, p entente.Proposal) threadView {
		v := threadView{Pact: d.State.Pact.ID, On: "proposal", ID: p.ID, Comments: p.Comments, Class: p.Class}
		if d.Act != nil {
			v.Session = d.Session
		}
		return v
	},
	"ruleWords":    ruleWords,
	"outcomeWords": outcomeWords,
	"votes": func(v map[entente.ActorID]entente.Choice) string {
		var parts []string
		for _, id := range sortedKeys(v) {
			parts = append(parts, fmt.Sprintf("%s %s", id, v[id]))
		}
		return strings.Join(parts, ", ")
	},
}

func orDash(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

func sortedKeys[V any](m map[entente.ActorID]V) []entente.ActorID {
	out := make([]entente.ActorID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// pages parses each page with the layout.
func pages() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range []string{"index", "pact", "signin", "found", "draft", "error", "amend"} {
		out[name] = template.Must(template.New(name).Funcs(uiFuncs).Funcs(pageFuncs).ParseFS(templateFS, "ui/templates/layout.html", "ui/templates/parts.html", "ui/templates/"+name+".html"))
	}
	return out
}

var uiPages = pages()

// uiRoutes registers the web pages beside the API.
func (s *Server) uiRoutes() {
	static, _ := fs.Sub(staticFS, "ui/static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.FS(static))))
	s.mux.HandleFunc("GET /{$}", s.indexPage)
	s.mux.HandleFunc("GET /pacts/{pact}", s.pactPage)
	s.pageRoutes()
}

// render executes a page into a buffer and sends it in one write: a
// template that fails half-way answers a 500 page instead of a truncated
// one, and a large page costs one system call instead of one per few
// kilobytes.
func (s *Server) render(w http.ResponseWriter, r *http.Request, page, block string, data any) {
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer renderBuffers.Put(buf)
	if err := uiPages[page].ExecuteTemplate(buf, block, data); err != nil {
		s.logger.Error("render", "page", page, "err", err)
		if page != "error" {
			s.errorPage(w, r, entente.Errorf(entente.EINTERNAL, "the page could not be drawn"))
		} else {
			http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
		}
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// renderBuffers are the buffers pages are drawn into.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pactRow is a pact in the index.
type pactRow struct {
	ID                           entente.PactID
	Name, Kind, Structure        string
	Members                      int
	Events                       int64
	Score, ScoreClass, Dissolved string
}

func (s *Server) indexPage(w http.ResponseWriter, r *http.Request) {
	var rows []pactRow
	who, err := s.reader(r)
	if err != nil {
		who = "" // an unreadable token shows only public pacts
	}
	// Each pact as the reader may see it: a pact with entries classified
	// beyond the reader is shown (and counted in the inbox) from the
	// entries the reader may read.
	var pacts []*entente.PactState
	// The index says which pacts the reader may read; only their states
	// are fetched, for the health, structure and inbox the rows show.
	for _, e := range readableBy(s.svc.Index(), who) {
		st, err := s.svc.Pact(e.ID)
		if err != nil {
			continue // withdrawn since the index was read
		}
		v, err := s.viewFor(r.Context(), st, who)
		if err != nil {
			s.logger.Error("index", "pact", st.Pact.ID, "err", err)
			continue
		}
		st = v.st
		pacts = append(pacts, st)
		row := pactRow{ID: st.Pact.ID, Name: st.Pact.Name, Kind: string(st.Pact.Kind), Members: len(st.InPact()), Events: st.Len}
		if st.Dissolved != nil {
			row.Dissolved = st.Dissolved.Reason
		} else if a, ok := s.assessPage(v); ok && !math.IsNaN(a.Health.Score) {
			row.Score, row.ScoreClass = orDash(a.Health.Score, 0), scoreClass(a.Health.Score)
		}
		if structure, err := s.structure(v); err == nil {
			row.Structure = structure.Symmetry + ", " + structure.Hierarchy
		}
		rows = append(rows, row)
	}
	sess := s.currentSession(r)
	data := map[string]any{"Title": "Pacts", "Pacts": rows, "Actors": len(s.svc.Actors()), "KeyID": s.svc.Verifier().KeyID(),
		"Session": sess}
	if sess != nil {
		data["Inbox"] = inbox(pacts, sess.Actor, s.svc.Now())
		data["Drafts"] = s.draftsWaitingFor(r.Context(), sess.Actor)
	}
	s.render(w, r, "index", "layout", data)
}

func scoreClass(v float64) string {
	switch {
	case v >= 75:
		return "ok"
	case v >= 50:
		return "warning"
	}
	return "critical"
}

// memberRow is a member on the pact page.
type memberRow struct {
	ID             entente.ActorID
	Name           string
	Status         entente.MemberStatus
	Joined, Left   time.Time
	Reason, Burden string
	Reputation     float64
}

// pactPageData is what the pact page shows.
type pactPageData struct {
	Title     string
	State     *entente.PactState
	Structure entente.Structure
	Health    health.Report
	Head      tlog.TreeHead
	Members   []memberRow
	Voters    []entente.ActorID
	Error     string
	// Session is the delegate signed in, or nil; ServerTime is the
	// server's clock (RFC 3339), from which the page's script sets its
	// requests' expiry, whatever the browser's clock says.
	Session    *sessionView
	ServerTime string
	// Act is what the signed-in member may do here, or nil when no one is
	// signed in or the signed-in actor is not bound by the pact.
	Act *actView
	// Timeline is the latest entries of the log in words, latest first.
	Timeline []timelineRow
	// TrustChart is trust between the members as inline SVG, or empty.
	TrustChart template.HTML
	// Now is the server's clock; Join the join form for a signed-in
	// outsider; Disputes the disputes with what the signed-in delegate
	// may do about each; JoinWords how an outsider joins.
	Now       time.Time
	Join      *joinView
	Disputes  []disputeView
	JoinWords string
	// Lifetime is how long a request gathering co-signatures stays good
	// (milliseconds, for the page's script).
	Lifetime string
	// Clauses are the agreement's clauses in words, and RulesInWords the
	// rule for each matter.
	Clauses      []clause
	RulesInWords []clause
	// Bargains are the pact's bargainings as the reader may see them.
	Bargains []bargainView
	// OpenProposals and OpenCommitments are the open items the page lists
	// first, SettledProposals the latest settled ones, Fulfilled the link
	// to the fulfilled commitments and TimelineMore to the earlier entries
	// (see pagelists.go).
	OpenProposals, SettledProposals proposalList
	OpenCommitments                 commitmentList
	Fulfilled, TimelineMore         moreLink
	// Webhooks is the signed-in member's webhooks on the pact, or nil.
	Webhooks *webhookView
	// Hidden counts the entries the reader may not read, which the page
	// leaves out (with what builds on them); 0 when it shows the whole
	// pact.
	Hidden int
}

// actView feeds the pact page's forms: each names what the signed-in
// member may act on (its open commitments, its live disputes, the other
// members) so the forms offer only what the server would accept.
type actView struct {
	Pact        entente.PactID
	Actor       entente.ActorID
	Key         string
	Member      *entente.Membership
	Matters     []matterOption
	Resources   []string
	Commitments []*entente.Commitment
	Others      []memberRow
	Disputes    []*entente.Dispute
	Notice      string
}

// matterOption is a matter a proposal may be about, with its rule in words.
type matterOption struct {
	Value entente.Matter
	Label string
}

// formMatters are the matters the page's proposal form offers: those that
// need at most a subject (an amendment needs the agreement editor, a role
// the role's name: the CLI does both).
var formMatters = []entente.Matter{entente.General, entente.Budget, entente.Admission, entente.Expulsion, entente.Suspension, entente.Dissolution}

// actFor returns what the session's actor may do in st, or nil.
func actFor(st *entente.PactState, sess *sessionView, rows []memberRow) *actView {
	if sess == nil || st.Dissolved != nil {
		return nil
	}
	m := st.Members.Get(sess.Actor)
	if m == nil || !m.InPact() {
		return nil
	}
	agr := &st.Pact.Agreement
	v := &actView{Pact: st.Pact.ID, Actor: sess.Actor, Key: sess.Key, Member: m}
	for _, mt := range formMatters {
		v.Matters = append(v.Matters, matterOption{Value: mt, Label: fmt.Sprintf("%s (%s)", mt, ruleWords(agr.RuleFor(st.Pact.Kind, mt)))})
	}
	seen := map[string]bool{}
	for _, c := range agr.Contributions {
		if !seen[c.Resource] {
			seen[c.Resource] = true
			v.Resources = append(v.Resources, c.Resource)
		}
	}
	for _, c := range st.Commitments.All() {
		if c.Member == sess.Actor && c.Delivered < c.Amount {
			v.Commitments = append(v.Commitments, c)
		}
	}
	for _, r := range rows {
		if r.ID != sess.Actor && st.Members.Get(r.ID).InPact() {
			v.Others = append(v.Others, r)
		}
	}
	for _, d := range st.Disputes.All() {
		if d.Stage == entente.Negotiation || d.Stage == entente.Mediation {
			for _, p := range d.Parties {
				if p == sess.Actor {
					v.Disputes = append(v.Disputes, d)
					break
				}
			}
		}
	}
	if n := agr.Exit.Notice; n == 0 {
		v.Notice = "at once: the agreement sets no notice period"
	} else {
		v.Notice = "when the agreement's notice period of " + n.String() + " runs out"
	}
	return v
}

// ruleWords says what a decision rule asks for, in a few plain words.
func ruleWords(r entente.DecisionRule) string {
	share := func(v float64) string { return strconv.FormatFloat(100*v, 'f', -1, 64) + "%" }
	var s string
	switch r.Kind {
	case entente.Unanimity:
		s = "unanimity: every member must agree, any one can veto"
	case entente.Consensus:
		s = "consensus: adopted unless a member objects in " + r.WindowOrDefault().String()
	case entente.SimpleMajority:
		s = "simple majority: more yes than no among votes cast"
	case entente.AbsoluteMajority:
		s = "absolute majority: yes from more than half of all members"
	case entente.QualifiedMajority:
		s = "qualified majority: yes from " + share(r.Threshold) + " of members"
	case entente.Weighted:
		s = "weighted: yes voters holding " + share(r.Threshold) + " of the voting power"
	case entente.DoubleMajority:
		s = "double majority: " + share(r.Threshold) + " of members holding " + share(r.SecondThreshold) + " of the voting power"
	default:
		s = string(r.Kind)
	}
	if r.Quorum > 0 && r.Kind != entente.Consensus && r.Kind != entente.Unanimity {
		s += ", with " + share(r.Quorum) + " of members taking part"
	}
	return s
}

// outcomeWords says a decided proposal's outcome as a sentence.
func outcomeWords(d *entente.Decision) string {
	if d == nil {
		return ""
	}
	switch d.Outcome {
	case entente.Adopted:
		return "Adopted"
	case entente.Rejected:
		return "Rejected"
	}
	return string(d.Outcome)
}

func (s *Server) pactData(r *http.Request) (*pactPageData, error) {
	id := entente.PactID(r.PathValue("pact"))
	v, err := s.pageView(r, id)
	if err != nil {
		return nil, err
	}
	st := v.st
	structure, err := s.structure(v)
	if err != nil {
		return nil, err
	}
	head, err := s.svc.Head(r.Context(), string(id))
	if err != nil {
		return nil, err
	}
	a, _ := s.assessPage(v) // a pact too large to assess shows no health
	tl, err := s.timelineChunk(r, string(id), int64(head.Size), pageChunk)
	if err != nil {
		return nil, err
	}
	d := &pactPageData{Hidden: v.hidden, Timeline: tl.Rows, TimelineMore: tl.More, TrustChart: trustChart(a.Trust, st.InPact()), Title: st.Pact.Name, State: st, Structure: structure, Health: a.Health, Head: head, Voters: st.Voters(),
		Session: s.currentSession(r), ServerTime: s.svc.Now().UTC().Format(time.RFC3339Nano)}
	// Reputation is shown as a 0-1 score: EigenTrust's shares (which sum
	// to 1, so each of 30 equal members would read 0.033) over the largest.
	topReputation := 0.0
	if a.Trust != nil {
		for _, v := range a.Trust.Reputation {
			topReputation = math.Max(topReputation, v)
		}
	}
	for mid, m := range st.Members.All() { // in the order of their IDs
		row := memberRow{ID: mid, Name: string(mid), Status: m.Status, Joined: m.Joined, Left: m.Left, Reason: m.Reason, Reputation: math.NaN()}
		if actor, err := s.svc.Actor(mid); err == nil {
			row.Name = actor.Name
		}
		if a.Trust != nil {
			if v, ok := a.Trust.Reputation[mid]; ok && topReputation > 0 {
				row.Reputation = v / topReputation
			}
		}
		if a.Burden != nil {
			if b := a.Burden.Member(mid); b != nil && !math.IsNaN(b.ComparedShare) {
				row.Burden = fmt.Sprintf("%.0f%% of contributions, %.0f%% of capability", 100*b.ComparedShare, 100*b.CapabilityShare)
				if b.FreeRider {
					row.Burden += " · free rider"
				}
			}
		}
		d.Members = append(d.Members, row)
	}
	d.Act = actFor(st, d.Session, d.Members)
	d.Now, d.Join, d.JoinWords, d.Lifetime = s.svc.Now(), joinFor(st, d.Session), joinWords(st), draftLifetime
	d.Disputes = disputeViews(st, d.Session, s.svc.Actors())
	pageLists(d)
	d.Webhooks = s.webhookViewFor(st, d.Session)
	if d.Bargains, err = s.bargainViews(r, st, d.Session); err != nil {
		return nil, err
	}
	d.Clauses = clauses(st.Pact)
	for _, m := range entente.Matters {
		d.RulesInWords = append(d.RulesInWords, clause{string(m), ruleWords(st.Pact.Agreement.RuleFor(st.Pact.Kind, m))})
	}
	return d, nil
}

func (s *Server) pactPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.pactData(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, "pact", "layout", d)
}

// signinPage shows who is signed in and how to sign in or set up this
// browser.
func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	origin := s.auth.origin
	if origin == "" {
		origin = "http://" + r.Host
	}
	s.render(w, r, "signin", "layout", map[string]any{"Title": "Sign in", "Session": s.currentSession(r), "Origin": origin,
		"ServerTime": s.svc.Now().UTC().Format(time.RFC3339Nano)})
}
