package ledger_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// members holds the fixture's delegates by actor.
type members map[entente.ActorID]*entente.Delegate

// nonces makes unique request nonces for a test.
var nonceCounter struct {
	sync.Mutex
	n int
}

func testNonce() string {
	nonceCounter.Lock()
	defer nonceCounter.Unlock()
	nonceCounter.n++
	return fmt.Sprintf("test-nonce-%08d", nonceCounter.n)
}

// delegates registers keyed actors, each through an invitation the
// operator issues and its delegate redeems with its own key.
func (f *fixture) delegates(ids ...entente.ActorID) members {
	f.tb.Helper()
	rng := rand.NewChaCha8([32]byte{byte(len(ids)), 42})
	out := members{}
	for _, id := range ids {
		d, err := entente.NewDelegate(id, "delegate of "+string(id), rng)
		if err != nil {
			f.tb.Fatal(err)
		}
		token := "token-" + testNonce()
		if _, err := f.svc.Invite(f.ctx, id, token, f.clock.Now().Add(entente.Day), false); err != nil {
			f.tb.Fatalf("Invite %s: %v", id, err)
		}
		a := entente.Actor{ID: id, Name: "Actor " + string(id), Kind: entente.Firm, Capabilities: map[string]float64{"economic": 10}}
		f.mustSubmit(d, entente.RegistryLog, entente.RegisterActor{Actor: a, Key: d.PublicKey(), Delegate: d.Name, Token: token})
		out[id] = d
	}
	return out
}

// signed makes d's signed request for cmd on log, co-signed by cosigners.
func (f *fixture) signed(d *entente.Delegate, log string, cmd any, cosigners ...*entente.Delegate) *entente.Signed {
	f.tb.Helper()
	sig, err := d.Sign(log, cmd, testNonce(), f.clock.Now().Add(entente.Day))
	if err != nil {
		f.tb.Fatal(err)
	}
	for _, c := range cosigners {
		sig.Cosign(c.Key)
	}
	return sig
}

func (f *fixture) mustSubmit(d *entente.Delegate, log string, cmd any, cosigners ...*entente.Delegate) *ledger.Outcome {
	f.tb.Helper()
	out, err := f.svc.Submit(f.ctx, f.signed(d, log, cmd, cosigners...))
	if err != nil {
		f.tb.Fatalf("%s %T on %s: %v", d.Actor, cmd, log, err)
	}
	return out
}

const signedPact entente.PactID = "signed"

// buildSignedPact plays a small coalition in which every action is a
// delegate's signed request: a founding co-signed by both founders, an
// open join, pledges, a settled vote, a contribution after a deadline, a
// dispute with a mediator appointed by both parties and the appointee,
// escalated on its deadline by time alone and closed by the mediator.
func (f *fixture) buildSignedPact() members {
	f.tb.Helper()
	m := f.delegates("a", "b", "c", "m")
	p := entente.Pact{ID: signedPact, Name: "Signed Coalition", Kind: entente.Coalition,
		Agreement: entente.Agreement{
			Rules:    map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}},
			Join:     entente.JoinOpen,
			Disputes: entente.DisputeLadder{Negotiation: entente.Days(7), Mediation: entente.Days(30)},
		}}
	f.mustSubmit(m["a"], string(signedPact), entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}, m["b"])
	f.clock.Advance(time.Hour)
	log := string(signedPact)
	f.mustSubmit(m["c"], log, entente.RequestJoin{})
	f.mustSubmit(m["a"], log, entente.Pledge{Resource: "eur_k", Amount: 2000, Due: f.clock.Now().Add(3 * entente.Day)})
	f.mustSubmit(m["b"], log, entente.Propose{Matter: entente.General, Title: "Hire an auditor"})
	f.mustSubmit(m["a"], log, entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	f.mustSubmit(m["b"], log, entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	f.clock.Advance(4 * entente.Day) // the pledge falls overdue first
	f.mustSubmit(m["a"], log, entente.Contribute{Commitment: "c1", Amount: 2000})
	f.mustSubmit(m["c"], log, entente.RaiseDispute{Against: []entente.ActorID{"a"}, Subject: "Who pays the auditor"})
	f.mustSubmit(m["c"], log, entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "m"}, m["a"], m["m"])
	f.clock.Advance(8 * entente.Day)
	if f.tick() == 0 { // negotiation ran out: mediation
		f.tb.Fatal("Tick after the negotiation deadline recorded nothing")
	}
	f.mustSubmit(m["m"], log, entente.ResolveDispute{Dispute: "d1", Outcome: "Shared equally, as mediated"})
	return m
}

func TestSignedPactVerifiesAndReopensToTheSameState(t *testing.T) {
	f := newFixture(t)
	f.buildSignedPact()
	reports := verify(t, f)
	for _, r := range reports {
		if !r.OK() || r.Attested {
			t.Errorf("log %s: %+v, want sound and member-signed", r.Log, r)
		}
	}
	if r := reports[len(reports)-1]; r.Log != string(signedPact) || r.Signed != 10 {
		t.Errorf("report %+v, want 10 signed requests in %s", r, signedPact)
	}
	before, _ := f.svc.Pact(signedPact)
	f.reopen()
	after, err := f.svc.Pact(signedPact)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("reopened state differs:\n%s", diff)
	}
	if d := after.Dispute("d1"); d.Stage != entente.Closed || d.Mediator != "m" {
		t.Errorf("dispute %+v, want closed by its mediator m", d)
	}
}

func TestSubmitRefusesWhatTheSignaturesDoNotAllow(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	outsider, err := entente.NewDelegate("a", "thief", rand.NewChaCha8([32]byte{99}))
	if err != nil {
		t.Fatal(err)
	}
	log := string(signedPact)
	pledge := entente.Pledge{Resource: "eur_k", Amount: 5, Due: f.clock.Now().Add(10 * entente.Day)}
	replayed := f.signed(m["b"], log, pledge)
	if _, err := f.svc.Submit(f.ctx, replayed); err != nil {
		t.Fatal(err)
	}
	other := entente.Pact{ID: "other", Name: "Other", Kind: entente.Coalition}
	tampered := f.signed(m["a"], log, pledge)
	tampered.Request = strings.Replace(tampered.Request, `"amount":5`, `"amount":500`, 1)
	expired, _ := m["a"].Sign(log, pledge, testNonce(), f.clock.Now().Add(-time.Second))
	farOff, _ := m["a"].Sign(log, pledge, testNonce(), f.clock.Now().Add(30*entente.Day))
	badUTF8 := f.signed(m["a"], log, pledge)
	badUTF8.Request = strings.Replace(badUTF8.Request, `"eur_k"`, "\"eur\xff\"", 1)
	badUTF8.Signatures = []entente.Signature{entente.Sign(m["a"].Key, []byte(badUTF8.Request))}
	dupKey := f.signed(m["a"], log, pledge)
	dupKey.Request = strings.Replace(dupKey.Request, `"actor":"a"`, `"actor":"a","actor":"b"`, 1)
	dupKey.Signatures = []entente.Signature{entente.Sign(m["a"].Key, []byte(dupKey.Request))}
	for _, tc := range []struct {
		name        string
		sig         *entente.Signed
		code, field string
	}{
		{"signed by a key that is not a's", f.signed(outsider, log, pledge), entente.EFORBIDDEN, "signatures"},
		{"a's request signed by b", func() *entente.Signed {
			s := f.signed(m["a"], log, pledge)
			s.Signatures = []entente.Signature{entente.Sign(m["b"].Key, []byte(s.Request))}
			return s
		}(), entente.EFORBIDDEN, "signatures"},
		{"request bytes changed after signing", tampered, entente.EFORBIDDEN, "signatures"},
		{"replayed", replayed, entente.ECONFLICT, "request.nonce"},
		{"expired", expired, entente.ECONFLICT, "request.expires"},
		{"expiry too far ahead", farOff, entente.EINVALID, "request.expires"},
		{"not UTF-8", badUTF8, entente.EINVALID, "request"},
		{"duplicate key", dupKey, entente.EINVALID, "request"},
		{"founding names b without b's signature", f.signed(m["a"], "other", entente.FoundPact{Pact: other, Founders: []entente.ActorID{"a", "b"}}), entente.EFORBIDDEN, "signatures"},
		{"settlement signed by one party", f.signed(m["c"], log, entente.ResolveDispute{Dispute: "d1", Outcome: "mine"}), entente.EFORBIDDEN, "signatures"},
		{"keyed actor registered again", f.signed(outsider, entente.RegistryLog, entente.RegisterActor{
			Actor: entente.Actor{ID: "a", Name: "Taken", Kind: entente.Firm}, Key: outsider.PublicKey(), Delegate: "thief", Token: "token-x"}), entente.ECONFLICT, "actor.id"},
		{"keyed actor's record changed by another", f.signed(m["b"], entente.RegistryLog, entente.UpdateActor{
			Actor: entente.Actor{ID: "a", Name: "Dictator", Kind: entente.Firm, Capabilities: map[string]float64{"economic": 1e15}}}), entente.EINVALID, "actor.id"},
		{"unsigned registry request", &entente.Signed{Request: f.signed(m["a"], log, pledge).Request}, entente.EFORBIDDEN, "signatures"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.lengths()
			_, err := f.svc.Submit(f.ctx, tc.sig)
			if entente.ErrorCode(err) != tc.code || entente.ErrorField(err) != tc.field {
				t.Errorf("Submit: %v (code %s, field %s), want code %s on field %s", err, entente.ErrorCode(err), entente.ErrorField(err), tc.code, tc.field)
			}
			if after := f.lengths(); !cmp.Equal(before, after) {
				t.Errorf("a refused request changed the logs: %v -> %v", before, after)
			}
		})
	}
	t.Run("unsigned action in a signed pact", func(t *testing.T) {
		_, _, err := f.svc.Do(f.ctx, signedPact, "a", pledge)
		if entente.ErrorCode(err) != entente.EFORBIDDEN {
			t.Errorf("Do: %v, want forbidden", err)
		}
	})
	t.Run("operator record of a keyed actor", func(t *testing.T) {
		_, err := f.svc.RegisterActor(f.ctx, entente.Actor{ID: "b", Name: "B", Kind: entente.Firm, Capabilities: map[string]float64{"economic": 1e15}})
		if entente.ErrorCode(err) != entente.EFORBIDDEN {
			t.Errorf("RegisterActor over keyed b: %v, want forbidden", err)
		}
	})
	t.Run("operator founding with a keyed founder", func(t *testing.T) {
		_, _, err := f.svc.Do(f.ctx, "forced", "x", entente.FoundPact{Pact: entente.Pact{ID: "forced", Name: "Forced", Kind: entente.Coalition}, Founders: []entente.ActorID{"a"}})
		if entente.ErrorCode(err) != entente.EFORBIDDEN {
			t.Errorf("Do found naming keyed a: %v, want forbidden", err)
		}
	})
	mustVerifyClean(t, f)
}

// lengths returns every log's length.
func (f *fixture) lengths() map[string]int64 {
	f.tb.Helper()
	logs, err := f.store.Logs(f.ctx)
	if err != nil {
		f.tb.Fatal(err)
	}
	out := map[string]int64{}
	for _, l := range logs {
		out[l], _ = f.store.Len(f.ctx, l)
	}
	return out
}

func TestInvitationsAreOneTimeAndKeysRotate(t *testing.T) {
	f := newFixture(t)
	m := f.delegates("a")
	rng := rand.NewChaCha8([32]byte{7})
	second, _ := entente.NewDelegate("a", "second", rng)
	// A new key needs an existing key's signature and its own.
	if _, err := f.svc.Submit(f.ctx, f.signed(m["a"], entente.RegistryLog, entente.EnrolKey{Key: second.PublicKey(), Delegate: "second"})); entente.ErrorCode(err) != entente.EFORBIDDEN {
		t.Errorf("enrol without the new key's signature: %v, want forbidden", err)
	}
	f.mustSubmit(m["a"], entente.RegistryLog, entente.EnrolKey{Key: second.PublicKey(), Delegate: "second"}, second)
	f.mustSubmit(second, entente.RegistryLog, entente.RevokeKey{Key: m["a"].PublicKey(), Reason: "laptop lost"})
	if _, err := f.svc.Submit(f.ctx, f.signed(second, entente.RegistryLog, entente.RevokeKey{Key: second.PublicKey()})); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("revoking the last key: %v, want conflict", err)
	}
	// The revoked key no longer acts for a.
	upd := entente.UpdateActor{Actor: entente.Actor{ID: "a", Name: "A renamed", Kind: entente.Firm}}
	if _, err := f.svc.Submit(f.ctx, f.signed(m["a"], entente.RegistryLog, upd)); entente.ErrorCode(err) != entente.EFORBIDDEN {
		t.Errorf("update signed by a revoked key: %v, want forbidden", err)
	}
	f.mustSubmit(second, entente.RegistryLog, upd)
	// An invitation is used once.
	token := "token-once-" + testNonce()
	if _, err := f.svc.Invite(f.ctx, "", token, f.clock.Now().Add(entente.Day), false); err != nil {
		t.Fatal(err)
	}
	x, _ := entente.NewDelegate("x", "x", rng)
	y, _ := entente.NewDelegate("y", "y", rng)
	reg := func(d *entente.Delegate) error {
		a := entente.Actor{ID: d.Actor, Name: string(d.Actor), Kind: entente.NGO}
		_, err := f.svc.Submit(f.ctx, f.signed(d, entente.RegistryLog, entente.RegisterActor{Actor: a, Key: d.PublicKey(), Delegate: d.Name, Token: token}))
		return err
	}
	if err := reg(x); err != nil {
		t.Fatalf("redeeming the invitation: %v", err)
	}
	if err := reg(y); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("redeeming it again: %v, want conflict", err)
	}
	mustVerifyClean(t, f)
}

// TestSignedMembersAreNeverStarved runs many keyed members writing to one
// pact at once: a signed request stays valid while others write, so every
// one is accepted.
func TestSignedMembersAreNeverStarved(t *testing.T) {
	f := newFixture(t)
	ids := make([]entente.ActorID, 32)
	for i := range ids {
		ids[i] = entente.ActorID(fmt.Sprintf("m%02d", i))
	}
	m := f.delegates(ids...)
	p := entente.Pact{ID: "busy", Name: "Busy", Kind: entente.Coalition, Agreement: entente.Agreement{Join: entente.JoinOpen}}
	f.mustSubmit(m[ids[0]], "busy", entente.FoundPact{Pact: p, Founders: ids[:1]})
	for _, id := range ids[1:] {
		f.mustSubmit(m[id], "busy", entente.RequestJoin{})
	}
	const each = 8
	sigs := make([][]*entente.Signed, len(ids))
	for i, id := range ids {
		for range each {
			sigs[i] = append(sigs[i], f.signed(m[id], "busy", entente.Contribute{Resource: "hours", Amount: 1}))
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ids)*each)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range sigs[i] {
				if _, err := f.svc.Submit(f.ctx, s); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a validly signed request was refused: %v", err)
	}
	st, _ := f.svc.Pact("busy")
	if got := st.Contributions.Len(); got != len(ids)*each {
		t.Errorf("%d contributions recorded, want %d", got, len(ids)*each)
	}
	mustVerifyClean(t, f)
}

// forge rewrites one event of log in the store as the operator could, with
// full control of the database and the server's key: the entry's bytes
// in the canonical encoding, its leaf hash, and every tree head re-signed
// over the new log.
func (f *fixture) forge(log string, index int64, edit func(*entente.Event)) {
	f.tb.Helper()
	data := f.entries(log)[index].Data
	ev, err := entente.DecodeEvent(data)
	if err != nil {
		f.tb.Fatal(err)
	}
	edit(&ev)
	forged, err := entente.EncodeEvent(ev)
	if err != nil {
		f.tb.Fatal(err)
	}
	editEntry(f.tb, f.path, log, index, true, func([]byte) []byte { return forged })
	f.resign(log)
}

// resign replaces every head of log with one head over the stored log,
// signed with the server's key.
func (f *fixture) resign(log string) {
	f.tb.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		f.tb.Fatal(err)
	}
	defer db.Close()
	leaves := leafHashes(f.entries(log))
	h := f.signer.Sign(tlog.TreeHead{Log: log, Size: uint64(len(leaves)), Root: tlog.Root(leaves), Time: f.clock.Now().UTC()})
	if _, err := db.Exec(`UPDATE entries SET root = NULL, time = NULL, signature = NULL WHERE log = ?`, log); err != nil {
		f.tb.Fatal(err)
	}
	if len(leaves) == 0 {
		return
	}
	if _, err := db.Exec(`UPDATE entries SET root = ?, time = ?, signature = ? WHERE log = ? AND idx = ?`,
		h.Root[:], h.Time.Format(time.RFC3339Nano), h.Signature, log, int64(h.Size)-1); err != nil {
		f.tb.Fatal(err)
	}
}

// TestForgeryWithTheServerKeyIsCaught is the forgery suite: whoever holds
// the database and the server's key rewrites a member's action; Verify
// names the entry and the service refuses to open the store.
func TestForgeryWithTheServerKeyIsCaught(t *testing.T) {
	log := string(signedPact)
	find := func(f *fixture, parts ...string) int64 { return findEntry(t, f.entries(log), parts...) }
	for _, tc := range []struct {
		name  string
		log   string
		forge func(f *fixture, m members) int64 // forges and returns the entry to be named
		want  string
	}{
		{"vote flipped", log, func(f *fixture, m members) int64 {
			i := find(f, `"vote_cast"`, `"member":"a"`)
			f.forge(log, i, func(e *entente.Event) {
				d := e.Data.(entente.VoteCast)
				d.Choice = entente.No
				e.Data = d
			})
			return i
		}, "differs from what a's signed request yields"},
		{"proposal re-attributed", log, func(f *fixture, m members) int64 {
			i := find(f, `"proposal_opened"`)
			f.forge(log, i, func(e *entente.Event) {
				d := e.Data.(entente.ProposalOpened)
				d.Proposal.By = "a"
				e.Data, e.By = d, "a"
			})
			return i
		}, "differs"},
		{"contribution changed from 2000 to 200", log, func(f *fixture, m members) int64 {
			i := find(f, `"contribution_made"`)
			f.forge(log, i, func(e *entente.Event) {
				d := e.Data.(entente.ContributionMade)
				d.Contribution.Amount = 200
				e.Data = d
			})
			return i
		}, "differs"},
		{"signature stripped", log, func(f *fixture, m members) int64 {
			i := find(f, `"commitment_made"`)
			f.forge(log, i, func(e *entente.Event) { e.Signed = nil })
			return i
		}, "carries no signed request"},
		{"signature copied from another request", log, func(f *fixture, m members) int64 {
			src, _ := entente.DecodeEvent(f.entries(log)[find(f, `"commitment_made"`)].Data)
			i := find(f, `"contribution_made"`)
			f.forge(log, i, func(e *entente.Event) { e.Signed = src.Signed })
			return i
		}, "nonce"},
		{"one-sided closure of a dispute", log, func(f *fixture, m members) int64 {
			i := find(f, `"dispute_resolved"`)
			own := f.signed(m["c"], log, entente.ResolveDispute{Dispute: "d1", Outcome: "I win"})
			own.Registry = 12 // as the server stamps it
			f.forge(log, i, func(e *entente.Event) {
				e.By, e.Signed = "c", own
				e.Data = entente.DisputeResolved{Dispute: "d1", Outcome: "I win"}
			})
			return i
		}, "does not run"},
		{"deadline invented", log, func(f *fixture, m members) int64 {
			i := find(f, `"dispute_escalated"`)
			f.forge(log, i, func(e *entente.Event) {
				d := e.Data.(entente.DisputeEscalated)
				d.Stage = entente.Arbitration
				e.Data = d
			})
			return i
		}, "is not what time brought about"},
		{"key swapped in the registry", entente.RegistryLog, func(f *fixture, m members) int64 {
			entries := f.entries(entente.RegistryLog)
			i := findEntry(t, entries, `"key_enrolled"`, `"actor":"b"`)
			thief, _ := entente.NewDelegate("b", "thief", rand.NewChaCha8([32]byte{66}))
			f.forge(entente.RegistryLog, i, func(e *entente.Event) {
				d := e.Data.(entente.KeyEnrolled)
				d.Key = thief.PublicKey()
				e.Data = d
			})
			return i
		}, "differs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			m := f.buildSignedPact()
			index := tc.forge(f, m)
			var got *ledger.LogReport
			for _, r := range verify(t, f) {
				if r.Log == tc.log {
					got = &r
				}
			}
			if got == nil || got.OK() || got.Index != index || !strings.Contains(got.Problem, tc.want) {
				t.Errorf("Verify: %+v, want log %s entry %d: ...%s...", got, tc.log, index, tc.want)
			}
			_, err := ledger.Open(f.ctx, f.store, f.signer, f.clock.Now)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("log %s entry %d", tc.log, index)) {
				t.Errorf("Open over the forged store: %v, want a refusal naming log %s entry %d", err, tc.log, index)
			}
		})
	}
}

func TestClassifiedRequestsReplay(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	log := string(signedPact)
	classed := func(d *entente.Delegate, cmd any, c entente.Classification) *entente.Signed {
		req, err := entente.NewRequest(log, d.Actor, cmd, testNonce(), f.clock.Now().Add(entente.Day))
		if err != nil {
			t.Fatal(err)
		}
		req.Class = c
		sig, err := entente.NewSigned(req, d.Key)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	out, err := f.svc.Submit(f.ctx, classed(m["b"], entente.RaiseDispute{Against: []entente.ActorID{"c"}, Subject: "private matter"}, entente.ClassParties))
	if err != nil {
		t.Fatal(err)
	}
	if out.Events[0].Class != entente.ClassParties {
		t.Errorf("event class %q, want parties", out.Events[0].Class)
	}
	if _, err := f.svc.Submit(f.ctx, classed(m["b"], entente.Contribute{Resource: "eur", Amount: 1}, entente.ClassParties)); entente.ErrorField(err) != "request.class" {
		t.Errorf("parties on a contribution: %v, want a refusal naming request.class", err)
	}
	if _, err := f.svc.Submit(f.ctx, classed(m["b"], entente.Contribute{Resource: "eur", Amount: 1}, "role:auditor")); err != nil {
		t.Errorf("an auditor-only contribution: %v", err)
	}
	mustVerifyClean(t, f)
	// The classification is part of what the members signed: changing it
	// in the store is a forgery.
	i := findEntry(t, f.entries(log), `"class":"parties"`)
	f.forge(log, i, func(e *entente.Event) { e.Class = entente.ClassPublic })
	for _, r := range verify(t, f) {
		if r.Log == log && (r.OK() || r.Index != i) {
			t.Errorf("a declassified entry: %+v, want entry %d named", r, i)
		}
	}
}

func TestMembersWitnessHeads(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	log := string(signedPact)
	leaves := leafHashes(f.entries(log))
	good := entente.WitnessHead{Log: log, Size: uint64(len(leaves)), Root: tlog.Root(leaves).String()}
	f.mustSubmit(m["c"], entente.RegistryLog, good)
	bad := good
	bad.Root = tlog.Root(leaves[:3]).String()
	if _, err := f.svc.Submit(f.ctx, f.signed(m["c"], entente.RegistryLog, bad)); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("witness of a root the log does not have: %v, want a conflict", err)
	}
	tooBig := good
	tooBig.Size++
	if _, err := f.svc.Submit(f.ctx, f.signed(m["c"], entente.RegistryLog, tooBig)); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Errorf("witness of a size the log has not reached: %v, want not found", err)
	}
	ws := f.svc.Witnesses(log)
	if len(ws) != 1 || ws[0].Actor != "c" || ws[0].Size != good.Size || ws[0].Root != good.Root {
		t.Errorf("witnesses %+v", ws)
	}
	mustVerifyClean(t, f)
	f.reopen()
	if got := f.svc.Witnesses(log); len(got) != 1 {
		t.Errorf("witnesses after reopening: %+v", got)
	}
}

// TestNoOneIsAdmittedWithoutItsSignature: a member may propose to admit
// an actor that did not ask only with that actor's co-signature.
func TestNoOneIsAdmittedWithoutItsSignature(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	x := f.delegates("x")["x"]
	admit := entente.Propose{Matter: entente.Admission, Title: "Admit x", Subject: "x"}
	if _, err := f.svc.Submit(f.ctx, f.signed(m["a"], string(signedPact), admit)); entente.ErrorCode(err) != entente.EFORBIDDEN {
		t.Errorf("admission proposed without x's consent: %v, want forbidden", err)
	}
	f.mustSubmit(m["a"], string(signedPact), admit, x)
	mustVerifyClean(t, f)
}

// TestAClockSteppingBackNeverRefusesTheClient: the server's clock steps
// back an hour; requests are stamped at the last event's time instead of
// being refused, and the log still verifies.
func TestAClockSteppingBackNeverRefusesTheClient(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	st, _ := f.svc.Pact(signedPact)
	last := st.Updated
	f.clock.Set(last.Add(-time.Hour))
	out := f.mustSubmit(m["a"], string(signedPact), entente.Contribute{Resource: "eur", Amount: 1})
	if !out.Events[0].At.Equal(last) {
		t.Errorf("stamped at %s, want the last event's time %s", out.Events[0].At, last)
	}
	f.mustSubmit(m["b"], entente.RegistryLog, entente.UpdateActor{Actor: entente.Actor{ID: "b", Name: "B", Kind: entente.Firm}})
	mustVerifyClean(t, f)
}

// TestReadTokensAreNotRequests: a read token proves a reader and records
// nothing: submitted as a request it is refused; expired or too long it
// proves no one.
func TestReadTokensAreNotRequests(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	before := f.lengths()
	tok := f.signed(m["a"], entente.RegistryLog, entente.ReadAs{})
	if _, err := f.svc.Submit(f.ctx, tok); entente.ErrorField(err) != "request.command" {
		t.Errorf("a read token submitted: %v, want a refusal naming request.command", err)
	}
	if after := f.lengths(); !cmp.Equal(before, after) {
		t.Errorf("a refused read token changed the logs")
	}
	short, _ := m["a"].Sign(entente.RegistryLog, entente.ReadAs{}, testNonce(), f.clock.Now().Add(5*time.Minute))
	if who, err := f.svc.Reader(short); err != nil || who != "a" {
		t.Errorf("Reader of a's token: %q, %v", who, err)
	}
	long, _ := m["a"].Sign(entente.RegistryLog, entente.ReadAs{}, testNonce(), f.clock.Now().Add(time.Hour))
	if _, err := f.svc.Reader(long); entente.ErrorCode(err) != entente.EFORBIDDEN {
		t.Errorf("a token good for an hour: %v, want forbidden", err)
	}
	pledge := f.signed(m["a"], string(signedPact), entente.Pledge{Resource: "x", Amount: 1, Due: f.clock.Now().Add(entente.Day)})
	if _, err := f.svc.Reader(pledge); entente.ErrorCode(err) != entente.EFORBIDDEN {
		t.Errorf("a pledge used as a read token: %v, want forbidden", err)
	}
}
