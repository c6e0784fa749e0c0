package tlog_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente/tlog"
)

// testHead returns an unsigned head with every field set.
func testHead(tb testing.TB) tlog.TreeHead {
	tb.Helper()
	return tlog.TreeHead{
		Log:  "pact/42",
		Size: 7,
		Root: tlog.Root(testLeaves(tb, 7)),
		Time: time.Date(2025, 3, 4, 5, 6, 7, 890, time.UTC),
	}
}

func TestSignedMessageFormat(t *testing.T) {
	h := testHead(t)
	h.Time = h.Time.In(time.FixedZone("UTC+2", 2*60*60)) // Signed in UTC whatever the zone.
	want := "entente tree head v1\npact/42\n7\n" + h.Root.String() + "\n2025-03-04T05:06:07.00000089Z\n"
	if got := string(h.SignedMessage()); got != want {
		t.Errorf("SignedMessage() = %q, want %q", got, want)
	}
}

func TestSignVerify(t *testing.T) {
	s := testSigner(t, 1)
	unsigned := testHead(t)
	h := s.Sign(unsigned)
	if unsigned.Signature != nil {
		t.Error("Sign modified its argument")
	}
	if err := s.Public().Verify(h); err != nil {
		t.Fatalf("Verify(signed head): %v", err)
	}
	local := h
	local.Time = h.Time.Local() // Same instant, other location.
	if err := s.Public().Verify(local); err != nil {
		t.Errorf("Verify(head with time in another location): %v", err)
	}
}

func TestVerifyRejectsTampering(t *testing.T) {
	s := testSigner(t, 1)
	signed := s.Sign(testHead(t))
	for _, tc := range []struct {
		name   string
		tamper func(*tlog.TreeHead)
	}{
		{"size", func(h *tlog.TreeHead) { h.Size++ }},
		{"root", func(h *tlog.TreeHead) { h.Root = flip(h.Root, 0) }},
		{"log", func(h *tlog.TreeHead) { h.Log = "pact/43" }},
		{"log newline", func(h *tlog.TreeHead) { h.Log += "\n" }},
		{"time", func(h *tlog.TreeHead) { h.Time = h.Time.Add(time.Nanosecond) }},
		{"signature bit", func(h *tlog.TreeHead) { h.Signature[5] ^= 0x10 }},
		{"signature truncated", func(h *tlog.TreeHead) { h.Signature = h.Signature[:63] }},
		{"signature missing", func(h *tlog.TreeHead) { h.Signature = nil }},
		{"other key", func(h *tlog.TreeHead) { *h = testSigner(t, 2).Sign(*h) }},
	} {
		h := signed
		h.Signature = append([]byte(nil), signed.Signature...)
		tc.tamper(&h)
		if err := s.Public().Verify(h); !errors.Is(err, tlog.ErrSignature) {
			t.Errorf("%s: Verify = %v, want ErrSignature", tc.name, err)
		}
	}
}

func TestZeroVerifierRejects(t *testing.T) {
	h := testSigner(t, 1).Sign(testHead(t))
	if err := (tlog.Verifier{}).Verify(h); err == nil {
		t.Error("zero Verifier accepted a head")
	}
}

func TestTreeHeadJSON(t *testing.T) {
	s := testSigner(t, 1)
	h := s.Sign(testHead(t))
	data, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"log":"pact/42"`, `"size":7`, `"root":"` + h.Root.String() + `"`, `"time":"2025-03-04T05:06:07.00000089Z"`, `"signature":"`} {
		if !strings.Contains(string(data), field) {
			t.Errorf("JSON %s lacks %s", data, field)
		}
	}
	var back tlog.TreeHead
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(h, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if err := s.Public().Verify(back); err != nil {
		t.Errorf("Verify after JSON round trip: %v", err)
	}
}
