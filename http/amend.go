package http

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/entente/entente"
)

// change is one clause or rule an amendment changes, in words.
type change struct{ What, Was, Now string }

// amendPageData is what the amendment editor shows.
type amendPageData struct {
	Title, ServerTime string
	Session           *sessionView
	State             *entente.PactState
	Form              foundForm
	RuleKinds         []entente.RuleKind
	// Proposal is the proposal's title; AmendRule the rule that decides
	// amendments, in words.
	Proposal, AmendRule string
	Preview             *foundPreview
	Changes             []change
	// CanSign is set when the signed-in delegate's actor may propose.
	CanSign bool
}

// changes lists what differs between two charters' clauses and rules.
func changes(old, now entente.Pact) []change {
	var out []change
	was := map[string]string{}
	for _, c := range clauses(old) {
		was[c.Title] = c.Words
	}
	for _, c := range clauses(now) {
		if was[c.Title] != c.Words {
			out = append(out, change{c.Title, was[c.Title], c.Words})
		}
	}
	for _, m := range editorMatters {
		a, b := ruleWords(old.Agreement.RuleFor(old.Kind, m)), ruleWords(now.Agreement.RuleFor(now.Kind, m))
		if a != b {
			out = append(out, change{"Rule for " + string(m) + " decisions", a, b})
		}
	}
	return out
}

// amendPage is the agreement editor for a pact that exists: its clauses
// as they stand, edited, shown with what changes, each clause in plain
// words and each rule's voting power among the members who vote now.
// Signing opens a proposal of matter amendment, which the pact's rule for
// amendments decides. Editing and previewing work without JavaScript.
func (s *Server) amendPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.pageView(r, entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	st := v.st
	q := r.URL.Query()
	sess := s.currentSession(r)
	f := formOf("", st.Pact)
	d := amendPageData{Title: "Amend " + st.Pact.Name, ServerTime: s.svc.Now().UTC().Format(time.RFC3339Nano), Session: sess, State: st,
		RuleKinds: entente.RuleKinds, AmendRule: ruleWords(st.Pact.Agreement.RuleFor(st.Pact.Kind, entente.Amendment)), Proposal: q.Get("title")}
	if q.Get("edited") != "" {
		f.readQuery(q)
		f.Errors = map[string]string{}
		agr := f.agreement(cloneAgreement(st.Pact.Agreement))
		if d.Proposal == "" {
			f.bad("title", "expected a title for the proposal")
		} else if len(d.Proposal) > 300 {
			f.bad("title", "expected at most 300 bytes, got %d", len(d.Proposal))
		}
		if len(f.Errors) == 0 {
			if err := agr.Validate(); err != nil {
				f.noteError(err)
			}
		}
		if len(f.Errors) == 0 {
			next := st.Clone()
			next.Pact.Agreement = agr
			args, _ := json.Marshal(entente.Propose{Matter: entente.Amendment, Title: d.Proposal, Amendment: &agr})
			d.Preview = s.preview(next, nil, next.Pact, st.Voters(), string(args), "members")
			d.Changes = changes(st.Pact, next.Pact)
			if sess != nil && st.Dissolved == nil {
				m := st.Members.Get(sess.Actor)
				d.CanSign = m != nil && m.CanVote()
			}
		} else if r.Header.Get("HX-Request") == "" {
			w.WriteHeader(http.StatusBadRequest)
		}
	}
	d.Form = f
	s.render(w, r, "amend", "layout", d)
}

// cloneAgreement copies a's maps, so that editing the copy leaves a as it
// was.
func cloneAgreement(a entente.Agreement) entente.Agreement {
	c := a
	c.Rules = map[entente.Matter]entente.DecisionRule{}
	for k, v := range a.Rules {
		c.Rules[k] = v
	}
	return c
}
