package http

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// Drafts are requests that need more than one signature (founding a pact,
// appointing a dispute's neutral, a settlement signed by every party,
// admitting an actor that did not ask), held by the server while the
// signers each add theirs from their own sessions. A draft is the
// request's exact bytes and the signatures gathered so far: the server
// never signs and never changes the bytes; it only refuses signatures
// that do not verify or come from a key that is not asked to sign, and
// submits the request, as POST /api/requests would, once every signer
// has signed. A draft lives until its request expires (at most
// entente.MaxRequestLifetime), kept in Config.Drafts: in the database the
// server's logs are in (so a restart loses none and every server on the
// database sees them all), or in this server's memory when the store
// keeps no drafts.
type drafts struct {
	store logstore.DraftStore
}

// maxDrafts bounds the drafts held at once; each is at most
// entente.MaxRequestBytes. Only a live delegate key of a signer the
// request needs can start one. When all are held, a starter holding
// fewer than another takes one of that other's places (putDraft).
const maxDrafts = 128

// maxDraftsPerActor bounds the drafts one actor may start, so that one
// delegate cannot take them all.
const maxDraftsPerActor = 16

// draft is a request gathering its signatures.
type draft struct {
	ID      string
	Signed  entente.Signed
	Request entente.Request
	Command any
}

// draftStatus is the answer to a draft's creation or signature: who has
// signed, who must still sign, and, once submitted, what it recorded.
type draftStatus struct {
	ID     string            `json:"id"`
	URL    string            `json:"url"`
	Need   []entente.ActorID `json:"need"`
	Signed []entente.ActorID `json:"signed"`
	// Result is set once every signer signed and the request was
	// recorded.
	Result *commandResult `json:"result,omitempty"`
}

func draftID(request string) string {
	h := sha256.Sum256([]byte(request))
	return hex.EncodeToString(h[:12])
}

// draftRoutes registers the drafts' pages and JSON answers beside the web
// pages (they are part of the web app, like sign-in, not of the API a
// client needs: a client co-signs a file and posts it to /api/requests).
func (s *Server) draftRoutes() {
	store := s.cfg.Drafts
	if store == nil {
		store = logstore.NewMemory()
	}
	s.drafts = &drafts{store: store}
	s.mux.HandleFunc("POST /drafts", s.postDraft)
	s.mux.HandleFunc("GET /drafts/{id}", s.draftPage)
	s.mux.HandleFunc("GET /drafts/{id}/request", s.draftRequest)
	s.mux.HandleFunc("POST /drafts/{id}/signatures", s.signDraft)
}

// need returns who must sign req's command, against the pact as it now
// stands (nil for a founding).
func (s *Server) need(req entente.Request, cmd entente.Command) ([]entente.ActorID, error) {
	if req.Log == entente.RegistryLog {
		return nil, entente.FieldErrorf(entente.EINVALID, "request.log", "drafts are for a pact's commands, not the registry's")
	}
	st, err := s.svc.Pact(entente.PactID(req.Log))
	if _, founding := cmd.(entente.FoundPact); founding {
		if err == nil {
			return nil, entente.FieldErrorf(entente.ECONFLICT, "request.log", "pact %s already exists", req.Log)
		}
		st = nil
	} else if err != nil {
		return nil, err
	}
	return entente.RequiredSigners(st, req.Actor, cmd), nil
}

// signerOf returns the actor whose live delegate key key is, if that actor
// is one of need.
func (s *Server) signerOf(key string, need []entente.ActorID) (entente.ActorID, error) {
	k := s.svc.Registry().Keys[key]
	if k == nil || !k.ValidAt(s.svc.Registry().Len) {
		return "", entente.FieldErrorf(entente.EFORBIDDEN, "signatures", "key %s is not a live delegate key", entente.KeyID(key))
	}
	if !slices.Contains(need, k.Actor) {
		return "", entente.FieldErrorf(entente.EFORBIDDEN, "signatures", "key %s acts for %s, who is not asked to sign this request (%s are)", entente.KeyID(key), k.Actor, entente.JoinActors(need))
	}
	return k.Actor, nil
}

// signedActors returns the actors among need whose keys signed d.
func (s *Server) signedActors(sig *entente.Signed, need []entente.ActorID) []entente.ActorID {
	var out []entente.ActorID
	for _, g := range sig.Signatures {
		if id, err := s.signerOf(g.Key, need); err == nil && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// postDraft starts a draft from a signed request, or adds the signatures
// of a copy of one already held (the same request bytes): the way a
// delegate on the command line adds its signature ('entente sign' on the
// file from /drafts/{id}/request, posted here). Every signature must
// verify and come from a live key of an actor the command needs.
func (s *Server) postDraft(w http.ResponseWriter, r *http.Request) {
	if err := requireJSON(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	var sig entente.Signed
	if err := decode(w, r, &sig); err != nil {
		s.writeError(w, r, err)
		return
	}
	req, err := sig.Parse()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !s.svc.Now().Before(req.Expires) {
		s.writeError(w, r, entente.FieldErrorf(entente.ECONFLICT, "request.expires", "the request expired at %s", req.Expires.UTC().Format(time.RFC3339)))
		return
	}
	if req.Expires.Sub(s.svc.Now()) > entente.MaxRequestLifetime {
		s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "request.expires", "expected an expiry at most %s ahead", entente.MaxRequestLifetime))
		return
	}
	v, err := entente.DecodeCommand(req.Command, req.Args)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cmd, ok := v.(entente.Command)
	if !ok {
		s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "request.command", "drafts are for a pact's commands, not %s", req.Command))
		return
	}
	if err := s.mayStartDraft(r.Context(), &sig, req); err != nil {
		s.writeError(w, r, err)
		return
	}
	need, err := s.need(req, cmd)
	if err != nil {
		s.answerRecorded(w, r, &draft{ID: draftID(sig.Request), Signed: sig, Request: req, Command: cmd}, err)
		return
	}
	// The draft counts against its starter's limit: the request's actor
	// when it signs, else the first signer. Not the request's actor
	// alone, which any co-signer could name in the requests it starts,
	// using up that actor's drafts.
	var starter entente.ActorID
	for _, g := range sig.Signatures {
		id, err := s.signerOf(g.Key, need)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if starter == "" || id == req.Actor {
			starter = id
		}
	}
	id := draftID(sig.Request)
	ctx, now := r.Context(), s.svc.Now()
	// A copy of a request already submitted (through another server at
	// the same moment, or before) is answered as submitted, not made a
	// draft again that could never be.
	if res, ok := s.recorded(ctx, &draft{ID: id, Signed: sig, Request: req, Command: cmd}); ok {
		s.answerSubmitted(w, r, id, &sig, need, res)
		return
	}
	if err := s.drafts.store.PruneDrafts(ctx, now); err != nil {
		s.writeError(w, r, err)
		return
	}
	// The store counts the drafts held against the limits in the
	// transaction that adds this one, so servers sharing it cannot
	// together exceed them.
	stored, err := s.putDraft(r, logstore.Draft{ID: id, Actor: string(starter), Expires: req.Expires, Request: sig.Request, Signatures: toStored(sig.Signatures)}, now)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := fromStored(stored)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// A server that submits a draft appends its request before it
	// removes the draft, so a draft made again here after another server
	// removed it finds the request in the log now: it is removed, and
	// answered as submitted.
	if res, ok := s.recorded(ctx, d); ok {
		s.answerSubmitted(w, r, id, &sig, need, res)
		return
	}
	s.answerDraft(w, r, d, need, http.StatusCreated)
}

// putDraft stores d within the limits. When all maxDrafts places are
// held, d takes the place of the draft that expires first of the starter
// holding the most, if that starter holds at least two more than d's: the
// places are shared out evenly among the starters that want them (each
// gets at least maxDrafts over their number), where the first eight
// starters to take their 16 held every place for as long as their
// requests lived (a week), and no one else could start a draft. A
// starter never loses a place to one holding as many as it, or one
// fewer (the places would only change hands). Finding the place reads
// every draft held (up to maxDrafts requests of entente.MaxRequestBytes),
// so it spends a token of the client's expensive reads (Config.ReadRate),
// and without one the draft is refused as the limits say.
func (s *Server) putDraft(r *http.Request, d logstore.Draft, now time.Time) (logstore.Draft, error) {
	ctx := r.Context()
	lim := logstore.DraftLimits{Now: now, Total: maxDrafts, PerActor: maxDraftsPerActor}
	stored, err := s.drafts.store.PutDraft(ctx, d, lim)
	if entente.ErrorCode(err) != entente.ETOOMANY {
		return stored, err
	}
	if s.cfg.ReadRate > 0 {
		if _, wait := s.takeRead(r); wait > 0 {
			return stored, err
		}
	}
	victim, lerr := s.displaceable(ctx, d.Actor, now)
	if lerr != nil || victim == "" {
		return stored, err
	}
	if err := s.drafts.store.DeleteDraft(ctx, victim); err != nil {
		return logstore.Draft{}, err
	}
	// Another request may take the place first (on this server or
	// another on the store): this one is then refused as before.
	return s.drafts.store.PutDraft(ctx, d, lim)
}

// displaceable returns the draft a new draft of actor may take the place
// of (putDraft), or "" for none: every place is held, and the starter
// holding the most (the first by name among equals) holds at least two
// more than actor.
func (s *Server) displaceable(ctx context.Context, actor string, now time.Time) (string, error) {
	live, err := s.drafts.store.Drafts(ctx, now)
	if err != nil || len(live) < maxDrafts {
		return "", err
	}
	held := map[string]int{}
	for _, d := range live {
		held[d.Actor]++
	}
	top := ""
	for a, n := range held {
		if top == "" || n > held[top] || n == held[top] && a < top {
			top = a
		}
	}
	if held[top] < held[actor]+2 {
		return "", nil
	}
	for _, d := range live { // by Expires: the first of top's expires first
		if d.Actor == top {
			return d.ID, nil
		}
	}
	return "", nil
}

// mayStartDraft refuses a draft on a members-only pact that no signer of
// the post may read, unless the draft is held already (an invited
// outsider adds its signature to it, as 'entente sign' leaves the file).
// Otherwise an outsider could start drafts on the pact's disputes and
// proposals and learn from the answer who must sign them (the parties of
// a dispute, say), and fill the members' inboxes.
func (s *Server) mayStartDraft(ctx context.Context, sig *entente.Signed, req entente.Request) error {
	st, err := s.svc.Pact(entente.PactID(req.Log))
	if err != nil || st.Pact.Visibility != entente.MembersOnly {
		return nil // a founding, an unknown pact (need says so) or a public one
	}
	reg := s.svc.Registry()
	for _, g := range sig.Signatures {
		if k := reg.Keys[g.Key]; k != nil && k.ValidAt(reg.Len) && st.CanReadPact(k.Actor) {
			return nil
		}
	}
	if x, ok, err := s.drafts.store.Draft(ctx, draftID(sig.Request)); err != nil || (ok && x.Live(s.svc.Now())) {
		return err
	}
	return entente.FieldErrorf(entente.EFORBIDDEN, "pact", "pact %s is members-only: a draft on it is started by one who may read it", req.Log)
}

func toStored(sigs []entente.Signature) []logstore.DraftSignature {
	out := make([]logstore.DraftSignature, len(sigs))
	for i, g := range sigs {
		out[i] = logstore.DraftSignature{Key: g.Key, Sig: g.Sig}
	}
	return out
}

// fromStored makes a stored draft one the pages and handlers use, parsing
// its request again.
func fromStored(x logstore.Draft) (*draft, error) {
	d := &draft{ID: x.ID, Signed: entente.Signed{Request: x.Request}}
	for _, g := range x.Signatures {
		d.Signed.Signatures = append(d.Signed.Signatures, entente.Signature{Key: g.Key, Sig: g.Sig})
	}
	req, err := d.Signed.Parse()
	if err != nil {
		return nil, entente.Errorf(entente.EINTERNAL, "stored draft %s does not parse: %v", x.ID, err)
	}
	v, err := entente.DecodeCommand(req.Command, req.Args)
	if err != nil {
		return nil, entente.Errorf(entente.EINTERNAL, "stored draft %s does not decode: %v", x.ID, err)
	}
	if _, ok := v.(entente.Command); !ok {
		return nil, entente.Errorf(entente.EINTERNAL, "stored draft %s holds %s, not a pact's command", x.ID, req.Command)
	}
	d.Request, d.Command = req, v
	return d, nil
}

// draft returns the live draft id, or a not-found error.
func (s *Server) draft(ctx context.Context, id string) (*draft, error) {
	x, ok, err := s.drafts.store.Draft(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok || !x.Live(s.svc.Now()) {
		return nil, entente.FieldErrorf(entente.ENOTFOUND, "draft", "no draft %q: it was submitted, or it expired", id)
	}
	return fromStored(x)
}

// signatureBody is one delegate's signature over a draft's request.
type signatureBody struct {
	Key string `json:"key"`
	Sig []byte `json:"sig"`
}

// signDraft adds one signature to a draft; the draft is submitted when
// every signer has signed.
func (s *Server) signDraft(w http.ResponseWriter, r *http.Request) {
	if err := requireJSON(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	var body signatureBody
	if err := decode(w, r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.draft(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	g := entente.Signature(body)
	if err := g.Verify([]byte(d.Signed.Request)); err != nil {
		s.writeError(w, r, err)
		return
	}
	need, err := s.need(d.Request, d.Command.(entente.Command))
	if err != nil {
		s.answerRecorded(w, r, d, err)
		return
	}
	if _, err := s.signerOf(g.Key, need); err != nil {
		s.writeError(w, r, err)
		return
	}
	// One atomic insert: a signature added at once through another
	// server on the same store is kept too.
	stored, err := s.drafts.store.AddDraftSignature(r.Context(), d.ID, logstore.DraftSignature{Key: g.Key, Sig: g.Sig})
	if entente.ErrorCode(err) == entente.ENOTFOUND {
		// Submitted (through another server, since this one read it) or
		// expired.
		s.answerRecorded(w, r, d, entente.FieldErrorf(entente.ENOTFOUND, "draft", "no draft %q: it was submitted, or it expired", d.ID))
		return
	}
	if err == nil {
		d, err = fromStored(stored)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.answerDraft(w, r, d, need, http.StatusOK)
}

// answerDraft submits d if every signer has signed, and answers its
// status.
func (s *Server) answerDraft(w http.ResponseWriter, r *http.Request, d *draft, need []entente.ActorID, status int) {
	sig := d.Signed
	out := draftStatus{ID: d.ID, URL: "/drafts/" + d.ID, Need: need, Signed: s.signedActors(&sig, need)}
	if len(out.Signed) == len(need) {
		res, err := s.svc.Submit(r.Context(), &sig)
		if err != nil {
			s.metrics.submits.WithLabelValues(entente.ErrorCode(err)).Inc()
			s.answerRecorded(w, r, d, err)
			return
		}
		s.metrics.submits.WithLabelValues("accepted").Inc()
		if err := s.drafts.store.DeleteDraft(r.Context(), d.ID); err != nil {
			s.logger.Warn("draft submitted but not removed", "draft", d.ID, "err", err)
		}
		out.Result = &commandResult{Log: res.Log, Events: res.Events, Pact: s.answerState(r, res.State)}
		status = http.StatusCreated
	}
	writeJSON(w, status, out)
}

// answerRecorded answers a draft whose request failed with err: when its
// log already holds the request, it was submitted (by another server on
// the store that got the last signature at the same moment: the ledger's
// nonce check let one of the two through, and refused the other with
// err), and the answer is what the submission recorded, as the server
// that submitted it answered; otherwise err.
func (s *Server) answerRecorded(w http.ResponseWriter, r *http.Request, d *draft, err error) {
	res, ok := s.recorded(r.Context(), d)
	if !ok {
		s.writeError(w, r, err)
		return
	}
	cmd := d.Command.(entente.Command)
	need := entente.RequiredSigners(nil, d.Request.Actor, cmd)
	if _, founding := cmd.(entente.FoundPact); !founding && res.Pact != nil {
		need = entente.RequiredSigners(res.Pact, d.Request.Actor, cmd)
	}
	sig := d.Signed
	s.answerSubmitted(w, r, d.ID, &sig, need, res)
}

// answerSubmitted answers draft id as submitted with res, and removes it.
func (s *Server) answerSubmitted(w http.ResponseWriter, r *http.Request, id string, sig *entente.Signed, need []entente.ActorID, res *commandResult) {
	if err := s.drafts.store.DeleteDraft(r.Context(), id); err != nil {
		s.logger.Warn("draft submitted but not removed", "draft", id, "err", err)
	}
	signed := sig
	if len(res.Events) > 0 && res.Events[0].Signed != nil {
		signed = res.Events[0].Signed // every signature the submission carried
	}
	answer := *res
	answer.Pact = s.answerState(r, res.Pact)
	writeJSON(w, http.StatusCreated, draftStatus{ID: id, URL: "/drafts/" + id, Need: need, Signed: s.signedActors(signed, need), Result: &answer})
}

// recorded returns what d's request recorded if its log holds it: the
// entry that keeps the request and the entries its command appended
// with it (unsigned, at the same time), and the pact as it now stands.
// Only entries recent enough to hold the request are read: it was signed
// at most entente.MaxRequestLifetime before it expires.
func (s *Server) recorded(ctx context.Context, d *draft) (*commandResult, bool) {
	log := d.Request.Log
	if err := s.svc.Refresh(ctx, log); err != nil || !s.svc.Recorded(log, d.Request.Nonce) {
		return nil, false
	}
	n, err := s.svc.Len(log)
	if err != nil {
		return nil, false
	}
	oldest := d.Request.Expires.Add(-entente.MaxRequestLifetime)
	const chunk = 256
	for to := n; to > 0; to = max(0, to-chunk) {
		entries, err := s.svc.Entries(ctx, log, max(0, to-chunk), to)
		if err != nil {
			return nil, false
		}
		for i := len(entries) - 1; i >= 0; i-- {
			ev, err := entente.DecodeEvent(entries[i].Data)
			if err != nil {
				return nil, false
			}
			if ev.Signed != nil && ev.Signed.Request == d.Signed.Request {
				return s.recordedFrom(ctx, log, entries[i].Index, n, ev)
			}
			if ev.At.Before(oldest) {
				return nil, false
			}
		}
	}
	return nil, false
}

// recordedFrom gathers the events a command appended from entry at on,
// first its signed one.
func (s *Server) recordedFrom(ctx context.Context, log string, at, n int64, first entente.Event) (*commandResult, bool) {
	res := &commandResult{Log: log, Events: []entente.Event{first}}
	more, err := s.svc.Entries(ctx, log, at+1, min(n, at+64))
	if err != nil {
		return nil, false
	}
	for _, e := range more {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil || ev.Signed != nil || !ev.At.Equal(first.At) {
			break
		}
		res.Events = append(res.Events, ev)
	}
	if st, err := s.svc.Pact(entente.PactID(log)); err == nil {
		res.Pact = st
	}
	return res, true
}

// waitingFor lists the drafts that wait for actor's signature.
func (s *Server) draftsWaitingFor(ctx context.Context, actor entente.ActorID) []draftView {
	if s.drafts == nil {
		return nil
	}
	stored, err := s.drafts.store.Drafts(ctx, s.svc.Now())
	if err != nil {
		s.logger.Warn("reading drafts", "err", err)
		return nil
	}
	var held []*draft
	for _, x := range stored {
		if d, err := fromStored(x); err == nil {
			held = append(held, d)
		}
	}
	var out []draftView
	for _, d := range held {
		// Only the drafts waiting for actor are viewed, and without the
		// founding's preview the inbox does not show: each preview
		// computes the voting power of every rule, and sixteen founding
		// drafts of one actor, naming fifteen founders, made every
		// signed-in index page take 2.5 s of CPU.
		need, err := s.need(d.Request, d.Command.(entente.Command))
		if err != nil || !slices.Contains(need, actor) || slices.Contains(s.signedActors(&d.Signed, need), actor) {
			continue
		}
		out = append(out, s.viewDraftWith(d, false))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Expires.Before(out[j].Expires) })
	return out
}

// draftView is a draft as its page shows it.
type draftView struct {
	ID, Log, What string
	Actor         entente.ActorID
	Command       string
	Expires       time.Time
	Need, Signed  []entente.ActorID
	Waiting       []entente.ActorID
	Request       string
	// Found is the pact a founding draft would create, shown clause by
	// clause.
	Found *foundPreview
	Error string
}

func (s *Server) viewDraft(d *draft) draftView { return s.viewDraftWith(d, true) }

// viewDraftWith is d's view, with a founding's preview when preview is
// set.
func (s *Server) viewDraftWith(d *draft, preview bool) draftView {
	v := draftView{ID: d.ID, Log: d.Request.Log, Actor: d.Request.Actor, Command: d.Request.Command, Expires: d.Request.Expires, Request: d.Signed.Request}
	cmd := d.Command.(entente.Command)
	need, err := s.need(d.Request, cmd)
	if err != nil {
		v.Error = entente.ErrorMessage(err)
	}
	v.Need = slices.Clone(need)
	sort.Slice(v.Need, func(i, j int) bool { return v.Need[i] < v.Need[j] })
	v.Signed = s.signedActors(&d.Signed, need)
	for _, id := range v.Need {
		if !slices.Contains(v.Signed, id) {
			v.Waiting = append(v.Waiting, id)
		}
	}
	v.What = s.describe(d.Request, cmd)
	if f, ok := cmd.(entente.FoundPact); ok && preview {
		v.Found = s.previewPact(f.Pact, f.Founders)
	}
	return v
}

// describe says what a draft's command would do, in words.
func (s *Server) describe(req entente.Request, cmd entente.Command) string {
	switch c := cmd.(type) {
	case entente.FoundPact:
		return string(req.Actor) + " proposes to found the " + string(c.Pact.Kind) + " “" + c.Pact.Name + "” (" + string(c.Pact.ID) + ") with " + entente.JoinActors(c.Founders) + ": each founder becomes a member only by signing."
	case entente.AppointNeutral:
		return string(req.Actor) + " asks to appoint " + string(c.Actor) + " as " + string(c.Role) + " of dispute " + c.Dispute + " in " + req.Log + ": every party and the appointee sign."
	case entente.ResolveDispute:
		return string(req.Actor) + " proposes to settle dispute " + c.Dispute + " in " + req.Log + " with the outcome “" + c.Outcome + "”: every party signs."
	case entente.Propose:
		return string(req.Actor) + " proposes in " + req.Log + " " + string(c.Matter) + " of " + string(c.Subject) + ": “" + c.Title + "”."
	}
	b, _ := json.Marshal(cmd)
	return string(req.Actor) + " asks for " + req.Command + " " + string(b) + " in " + req.Log + "."
}

// canSeeDraft reports whether the request's reader may see d: only the
// actors asked to sign it.
func (s *Server) canSeeDraft(r *http.Request, d *draft) (entente.ActorID, error) {
	who, err := s.reader(r)
	if err != nil {
		return "", err
	}
	need, _ := s.need(d.Request, d.Command.(entente.Command))
	if who == "" || !slices.Contains(need, who) {
		return who, entente.FieldErrorf(entente.EFORBIDDEN, "draft", "this draft is shown only to those asked to sign it (%s): sign in as one of them", entente.JoinActors(need))
	}
	return who, nil
}

// draftRequest answers the draft's signed request as JSON, for 'entente
// sign' on the command line.
func (s *Server) draftRequest(w http.ResponseWriter, r *http.Request) {
	d, err := s.draft(r.Context(), r.PathValue("id"))
	if err == nil {
		_, err = s.canSeeDraft(r, d)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d.Signed)
}

// draftPageData is what a draft's page shows.
type draftPageData struct {
	Title      string
	Session    *sessionView
	ServerTime string
	Draft      draftView
	// CanSign is set when the signed-in delegate's actor must still sign.
	CanSign bool
	Origin  string
}

func (s *Server) draftPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.draft(r.Context(), r.PathValue("id"))
	var who entente.ActorID
	if err == nil {
		who, err = s.canSeeDraft(r, d)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := s.viewDraft(d)
	sess := s.currentSession(r)
	data := draftPageData{Title: "Draft to sign", Session: sess, ServerTime: s.svc.Now().UTC().Format(time.RFC3339Nano), Draft: v,
		CanSign: sess != nil && sess.Actor == who && slices.Contains(v.Waiting, who), Origin: "http://" + r.Host}
	s.render(w, r, "draft", "layout", data)
}
