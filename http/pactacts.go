package http

import (
	"strconv"
	"time"

	"github.com/entente/entente"
)

// threadView is a proposal's or a dispute's discussion as the pact page
// shows it, with the comment form when the signed-in delegate may write.
type threadView struct {
	Pact     entente.PactID
	On, ID   string // "proposal" or "dispute", and its ID
	Comments []entente.Comment
	// Session is set when the signed-in delegate may comment here.
	Session *sessionView
	// Class is the classification a comment here must carry: that of
	// the proposal or dispute it discusses.
	Class entente.Classification
}

// disputeView is a dispute on the pact page with what the signed-in
// delegate may do about it.
type disputeView struct {
	*entente.Dispute
	Thread threadView
	// ResolveAlone: the delegate's actor is the neutral at the dispute's
	// stage and may close it alone. Party: it is a party, who may ask to
	// appoint a neutral or propose a settlement (both signed by every party).
	ResolveAlone, Party bool
	// Candidates are the actors who may be appointed its neutral.
	Candidates []entente.ActorID
}

// joinView is the join form for a signed-in actor not in the pact.
type joinView struct {
	Pact  entente.PactID
	Actor entente.ActorID
	Key   string
	Words string
}

// draftLifetime is how long a request gathering co-signatures stays good,
// in milliseconds for the page's script: a day short of the longest the
// server accepts, so that it is not refused for lying too far ahead.
var draftLifetime = strconv.FormatInt(int64((entente.MaxRequestLifetime-entente.Day)/time.Millisecond), 10)

// joinWords says how an outsider joins the pact.
func joinWords(st *entente.PactState) string {
	agr := &st.Pact.Agreement
	if agr.JoinRuleFor(st.Pact.Kind) == entente.JoinOpen {
		return "This pact is open: an actor that asks to join is admitted at once."
	}
	return "An actor that asks to join becomes an applicant, and an admission vote opens, decided by " +
		ruleWords(agr.RuleFor(st.Pact.Kind, entente.Admission)) + "."
}

// disputeViews returns the pact's disputes with what sess may do about
// each.
func disputeViews(st *entente.PactState, sess *sessionView, actors []*entente.Actor) []disputeView {
	var out []disputeView
	for _, d := range st.Disputes.All() {
		v := disputeView{Dispute: d, Thread: threadView{Pact: st.Pact.ID, On: "dispute", ID: d.ID, Comments: d.Comments, Class: d.Class}}
		if sess != nil && st.Dissolved == nil {
			party := d.HasParty(sess.Actor)
			if party || d.Mediator == sess.Actor || d.Arbiter == sess.Actor {
				v.Thread.Session = sess
			}
			if d.Stage != entente.Closed {
				v.Party = party
				v.ResolveAlone = d.Neutral() != "" && d.Neutral() == sess.Actor
			}
		}
		if v.Party {
			for _, a := range actors {
				if !d.HasParty(a.ID) {
					v.Candidates = append(v.Candidates, a.ID)
				}
			}
		}
		out = append(out, v)
	}
	return out
}

// joinFor returns the join form for sess in st, or nil when it is bound
// by the pact, applying already, or the pact has ended.
func joinFor(st *entente.PactState, sess *sessionView) *joinView {
	if sess == nil || st.Dissolved != nil {
		return nil
	}
	if m := st.Members.Get(sess.Actor); m != nil && (m.InPact() || m.Status == entente.Applicant) {
		return nil
	}
	return &joinView{Pact: st.Pact.ID, Actor: sess.Actor, Key: sess.Key, Words: joinWords(st)}
}

// canVoteAt reports whether id may still vote on p at now: in its
// electorate, not voted yet, and either undecided or decided with its
// window still open (a vote recorded after the outcome is settled puts
// dissent on the record; the decision stands).
func canVoteAt(p entente.Proposal, id entente.ActorID, now time.Time) bool {
	if p.Votes.Has(id) {
		return false
	}
	if p.Decision != nil && !now.Before(p.Closes) {
		return false
	}
	return containsActor(p.Electorate, id)
}

// disputeArgs is what the dispute template gets: the dispute and the page's
// pact, session and draft lifetime.
type disputeArgs struct {
	D        disputeView
	Pact     entente.PactID
	Session  *sessionView
	Lifetime string
}

func disputeOf(d *pactPageData, v disputeView) disputeArgs {
	return disputeArgs{D: v, Pact: d.State.Pact.ID, Session: d.Session, Lifetime: d.Lifetime}
}
