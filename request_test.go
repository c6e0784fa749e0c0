package entente_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// delegate makes a delegate with a key from a fixed seed.
func delegate(tb testing.TB, actor entente.ActorID, seed byte) *entente.Delegate {
	tb.Helper()
	d, err := entente.NewDelegate(actor, "delegate of "+string(actor), rand.NewChaCha8([32]byte{seed}))
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestParseRequestIsStrict(t *testing.T) {
	good := `{"v":1,"log":"co","actor":"a","command":"vote","args":{"proposal":"p1","choice":"yes"},"nonce":"0123456789abcdef","expires":"2026-01-06T00:00:00Z"}`
	if _, err := entente.ParseRequest([]byte(good)); err != nil {
		t.Fatalf("ParseRequest(good): %v", err)
	}
	for _, empty := range []string{"", " \n\t"} {
		_, err := entente.ParseRequest([]byte(empty))
		if entente.ErrorField(err) != "request" || !strings.Contains(err.Error(), "got nothing") {
			t.Errorf("ParseRequest(%q): %v, want the request named as missing", empty, err)
		}
	}
	for _, tc := range []struct {
		name, old, new, field string
	}{
		{"not UTF-8", `"a"`, "\"a\xff\"", "request"},
		{"duplicate key", `"actor":"a"`, `"actor":"a","actor":"b"`, "request"},
		{"upper-case key", `"actor":"a"`, `"Actor":"a"`, "request"},
		{"unknown field", `"v":1`, `"v":1,"admin":true`, "request"},
		{"trailing data", `"expires":"2026-01-06T00:00:00Z"}`, `"expires":"2026-01-06T00:00:00Z"} {}`, "request"},
		{"version 2", `"v":1`, `"v":2`, "request.v"},
		{"bad log", `"log":"co"`, `"log":"../etc"`, "request.log"},
		{"bad actor", `"actor":"a"`, `"actor":"A B"`, "request.actor"},
		{"short nonce", `"0123456789abcdef"`, `"0123"`, "request.nonce"},
		{"no expiry", `,"expires":"2026-01-06T00:00:00Z"`, ``, "request.expires"},
		{"args not an object", `"args":{"proposal":"p1","choice":"yes"}`, `"args":[1]`, "request.args"},
		{"unknown command", `"command":"vote"`, `"command":"seize"`, "request.command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(good, tc.old, tc.new, 1)
			if in == good {
				t.Fatalf("%q not in the request", tc.old)
			}
			_, err := entente.ParseRequest([]byte(in))
			if err == nil || entente.ErrorField(err) != tc.field {
				t.Errorf("ParseRequest: %v, want an error on field %q", err, tc.field)
			}
		})
	}
}

func TestDecodeCommandRequiresFieldsAndRefusesExtras(t *testing.T) {
	for _, tc := range []struct {
		name, command, args, field string
	}{
		{"missing amount is not 0", "pledge", `{"resource":"eur","due":"2026-02-01T00:00:00Z"}`, "amount"},
		{"missing target is not 0", "objective", `{"metric":"m"}`, "target"},
		{"missing choice", "vote", `{"proposal":"p1"}`, "choice"},
		{"missing founders", "found", `{"pact":{"id":"x","name":"X","kind":"coalition"}}`, "founders"},
		{"extra field", "vote", `{"proposal":"p1","choice":"yes","weight":9}`, "weight"},
		{"wrong type", "pledge", `{"resource":"eur","amount":"9","due":"2026-02-01T00:00:00Z"}`, "amount"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := entente.DecodeCommand(tc.command, []byte(tc.args))
			if err == nil || entente.ErrorField(err) != tc.field {
				t.Errorf("DecodeCommand(%s, %s): %v, want an error on field %q", tc.command, tc.args, err, tc.field)
			}
		})
	}
	if c, err := entente.DecodeCommand("contribute", []byte(`{"commitment":"c1","amount":5}`)); err != nil || c.(entente.Contribute).Amount != 5 {
		t.Errorf("contribute with optional fields left out: %v, %v", c, err)
	}
}

func TestSignedRequestsNeedExactlyTheirSigners(t *testing.T) {
	reg := entente.NewRegistry()
	now := t0
	ds := map[entente.ActorID]*entente.Delegate{}
	for i, id := range []entente.ActorID{"a", "b", "c"} {
		d := delegate(t, id, byte(i+1))
		ds[id] = d
		token := "token-" + string(id)
		ev, err := reg.Invite("", entente.Invitation{Actor: id, TokenHash: entente.TokenHash(token), Expires: now.Add(entente.Day)}, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Apply(ev); err != nil {
			t.Fatal(err)
		}
		sig, _ := d.Sign(entente.RegistryLog, entente.RegisterActor{Actor: entente.Actor{ID: id, Name: string(id), Kind: entente.Firm}, Key: d.PublicKey(), Delegate: d.Name, Token: token}, "nonce-register-"+string(id)+"-0000", now.Add(entente.Day))
		_, evs, err := entente.RunSignedRegistry(reg, sig, now)
		if err != nil {
			t.Fatalf("registering %s: %v", id, err)
		}
		for _, e := range evs {
			if err := reg.Apply(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	pact := entente.Pact{ID: "co", Name: "Co", Kind: entente.Coalition}
	found := entente.FoundPact{Pact: pact, Founders: []entente.ActorID{"a", "b"}}
	sign := func(by entente.ActorID, cmd any, co ...entente.ActorID) *entente.Signed {
		sig, err := ds[by].Sign("co", cmd, "nonce-"+string(by)+"-0123456789", now.Add(entente.Day))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range co {
			sig.Cosign(ds[id].Key)
		}
		return sig
	}
	for _, tc := range []struct {
		name string
		sig  *entente.Signed
		ok   bool
	}{
		{"founder alone", sign("a", found), false},
		{"both founders", sign("a", found, "b"), true},
		{"an extra signer", sign("a", found, "b", "c"), false},
	} {
		_, st, events, err := entente.RunSigned(reg, reg.Len, nil, tc.sig, now)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v, want ok=%v", tc.name, err, tc.ok)
			continue
		}
		if tc.ok && (len(st.InPact()) != 2 || events[0].Signed == nil || events[0].Signed.Registry != reg.Len) {
			t.Errorf("%s: members %v, first event signed %+v", tc.name, st.InPact(), events[0].Signed)
		}
	}
	// A request is refused once expired, and when it expires too far ahead.
	late := sign("a", found, "b")
	if _, _, _, err := entente.RunSigned(reg, reg.Len, nil, late, now.Add(2*entente.Day)); entente.ErrorField(err) != "request.expires" {
		t.Errorf("expired request: %v", err)
	}
	far, _ := ds["a"].Sign("co", found, "nonce-far-0123456789", now.Add(30*entente.Day))
	far.Cosign(ds["b"].Key)
	if _, _, _, err := entente.RunSigned(reg, reg.Len, nil, far, now); entente.ErrorField(err) != "request.expires" {
		t.Errorf("request expiring in 30 days: %v", err)
	}
}

func TestDelegateKeyFileRoundTrip(t *testing.T) {
	d := delegate(t, "helios", 7)
	b := entente.MarshalDelegate(d)
	got, err := entente.ParseDelegate(b)
	if err != nil || got.Actor != d.Actor || got.PublicKey() != d.PublicKey() || got.Name != d.Name {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if bytes.Contains([]byte(d.String()), b[len(b)-20:]) {
		t.Errorf("String reveals the key file")
	}
	for _, bad := range []string{"", "entente-delegate-ed25519-v1 helios", "entente-delegate-ed25519-v1 Helios AAAA", "other-v1 helios " + strings.Repeat("A", 44)} {
		if _, err := entente.ParseDelegate([]byte(bad)); err == nil {
			t.Errorf("ParseDelegate(%q) succeeded", bad)
		}
	}
}

// TestApplicantGivingNoticeDoesNotCrashTheFold is the crafted log of the
// architecture issue: a proposed member (an applicant) gives notice and
// leaves. The fold used to index its tenures at -1; it must refuse the
// log instead.
func TestApplicantGivingNoticeDoesNotCrashTheFold(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Alliance, entente.Agreement{}, "a", "b")
	w.must("c", entente.RequestJoin{})
	log := append([]entente.Event(nil), w.log...)
	n := int64(len(log))
	log = append(log,
		entente.Event{Seq: n, At: w.now, By: "c", Data: entente.NoticeGiven{Member: "c", Effects: w.now}},
		entente.Event{Seq: n + 1, At: w.now, Data: entente.MemberLeft{Member: "c", Reason: "notice ran out"}})
	if _, err := entente.Fold(log); err == nil || !strings.Contains(err.Error(), "cannot give notice") {
		t.Errorf("Fold of an applicant's notice: %v, want a refusal", err)
	}
}

// FuzzFold decodes fuzzed log lines and folds them: every inconsistent log
// must be an error, never a panic.
func FuzzFold(f *testing.F) {
	w := newWorld(f, "a", "b", "c")
	found(w, entente.Alliance, entente.Agreement{Exit: entente.ExitClause{Notice: entente.Days(3)}}, "a", "b")
	w.must("c", entente.RequestJoin{})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("a", entente.Pledge{Resource: "eur", Amount: 5, Due: t0.Add(entente.Day)})
	w.must("a", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "s"})
	w.must("b", entente.GiveNotice{})
	w.advance(5 * entente.Day)
	var lines [][]byte
	for _, e := range w.log {
		b, _ := entente.EncodeEvent(e)
		lines = append(lines, b)
	}
	f.Add(bytes.Join(lines, []byte("\n")))
	f.Add(bytes.Join(lines[:3], []byte("\n")))
	f.Fuzz(func(t *testing.T, in []byte) {
		var events []entente.Event
		for i, line := range bytes.Split(in, []byte("\n")) {
			e, err := entente.DecodeEvent(line)
			if err != nil {
				return
			}
			e.Seq = int64(i)
			events = append(events, e)
		}
		st, err := entente.Fold(events)
		// The fold must agree with the reference fold (ref_test.go):
		// the same error, or the same state, indexed as a fresh index.
		ref, refErr := entente.RefFold(events)
		if fmt.Sprint(err) != fmt.Sprint(refErr) {
			t.Fatalf("fold: %v, but the reference fold: %v", err, refErr)
		}
		if err != nil {
			return
		}
		if got, want := mustJSON(st), mustJSON(ref); got != want {
			t.Fatalf("the fold differs from the reference fold:\n%s\n%s", got, want)
		}
		if err := entente.CheckDueIndex(st); err != nil {
			t.Fatal(err)
		}
		// A log that folds must survive encoding and fold the same again.
		var again []entente.Event
		for _, e := range events {
			b, err := entente.EncodeEvent(e)
			if err != nil {
				t.Fatalf("a folded event does not encode: %v", err)
			}
			d, err := entente.DecodeEvent(b)
			if err != nil {
				t.Fatalf("a folded event does not decode again: %v", err)
			}
			again = append(again, d)
		}
		if st2, err := entente.Fold(again); err != nil || st2.Len != st.Len {
			t.Fatalf("re-encoded log folds to %v, %v", st2, err)
		}
	})
}

// FuzzParseRequest checks that whatever ParseRequest accepts decodes its
// command or names the field, and signs and verifies.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"v":1,"log":"co","actor":"a","command":"vote","args":{"proposal":"p1","choice":"yes"},"nonce":"0123456789abcdef","expires":"2026-01-06T00:00:00Z"}`))
	f.Add([]byte(`{"v":1,"log":"_registry","actor":"a","command":"register","args":{},"nonce":"0123456789abcdef","expires":"2026-01-06T00:00:00Z"}`))
	d := delegate(f, "a", 1)
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := entente.ParseRequest(b)
		if err != nil {
			if entente.ErrorField(err) == "" {
				t.Fatalf("error names no field: %v", err)
			}
			return
		}
		if _, err := entente.DecodeCommand(r.Command, r.Args); err != nil && entente.ErrorField(err) == "" {
			t.Fatalf("command error names no field: %v", err)
		}
		sig := entente.Sign(d.Key, b)
		s := entente.Signed{Request: string(b), Signatures: []entente.Signature{sig}}
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back entente.Signed
		if err := entente.StrictJSON(enc, &back); err != nil {
			t.Fatalf("a signed request does not survive its JSON: %v", err)
		}
		if _, err := back.Parse(); err != nil {
			t.Fatalf("the signature does not verify after a JSON round trip: %v", err)
		}
	})
}
