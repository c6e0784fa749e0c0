package http

import (
	"net/http"
	"net/url"

	"github.com/entente/entente"
	"github.com/entente/entente/webhook"
)

// The pact page's webhooks: a signed-in member sees its webhooks on the
// pact with their delivery state, registers one with a plain form (no
// script needed: registering records nothing in the log, so nothing is
// signed), and removes one. The secret is shown once, on the page that
// answers the registration.

// webhookView is the pact page's webhook section for a signed-in member.
type webhookView struct {
	Pact entente.PactID
	Subs []webhook.Subscription
}

// webhookViewFor returns the section for sess in st, or nil when no member
// is signed in.
func (s *Server) webhookViewFor(st *entente.PactState, sess *sessionView) *webhookView {
	if sess == nil || s.hooks == nil {
		return nil
	}
	if m := st.Members.Get(sess.Actor); (m == nil || !m.InPact()) && len(st.Roles[sess.Actor]) == 0 {
		return nil
	}
	return &webhookView{Pact: st.Pact.ID, Subs: s.hooks.d.List(string(st.Pact.ID), sess.Actor)}
}

// webhookPageRoutes registers the forms of the pact page's webhooks.
func (s *Server) webhookPageRoutes() {
	s.mux.HandleFunc("POST /pacts/{pact}/webhooks", s.webhookFormPost)
	s.mux.HandleFunc("POST /pacts/{pact}/webhooks/{id}/remove", s.webhookFormRemove)
}

// webhookCreatedPage is the answer to a registration from the page.
type webhookCreatedPage struct {
	Title   string
	Session *sessionView
	Pact    entente.PactID
	Sub     webhook.Subscription
	Secret  string
}

func (s *Server) webhookFormPost(w http.ResponseWriter, r *http.Request) {
	id := entente.PactID(r.PathValue("pact"))
	if s.currentSession(r) == nil {
		s.errorPage(w, r, entente.FieldErrorf(entente.EFORBIDDEN, "session", "sign in as a member to register a webhook"))
		return
	}
	st, who, err := s.hookOwner(r, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, entente.FieldErrorf(entente.EINVALID, "url", "the form does not parse: %v", err))
		return
	}
	sub, secret, err := s.registerHook(r.Context(), string(id), who, r.PostForm.Get("url"), st.Len)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // the page shows the secret, once
	s.render(w, r, "webhook", "layout", webhookCreatedPage{Title: "Webhook registered", Session: s.currentSession(r), Pact: id, Sub: sub, Secret: secret})
}

func (s *Server) webhookFormRemove(w http.ResponseWriter, r *http.Request) {
	id := entente.PactID(r.PathValue("pact"))
	if s.currentSession(r) == nil {
		s.errorPage(w, r, entente.FieldErrorf(entente.EFORBIDDEN, "session", "sign in as a member to remove a webhook"))
		return
	}
	_, who, err := s.hookOwner(r, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if err := s.removeHook(r.Context(), r.PathValue("id"), who); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/pacts/"+url.PathEscape(string(id))+"#webhooks-h", http.StatusSeeOther)
}
