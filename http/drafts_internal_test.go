package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/entente/entente"
)

// TestInboxViewsNoFoundingPreview: the index page's list of drafts to
// co-sign holds only those waiting for the signed-in actor, without the
// founding's preview it does not show. Each preview computes the voting
// power of every rule among the founders: one actor's sixteen founding
// drafts naming fifteen founders made every signed-in index page take
// 2.5 s of CPU (1.5 ms without them), whoever was signed in.
func TestInboxViewsNoFoundingPreview(t *testing.T) {
	s, ds, now := seededServer(t)
	first, second, third := ds[0], ds[1], ds[2]
	found := entente.FoundPact{Pact: entente.Pact{ID: "new-pact", Name: "New", Kind: entente.Alliance, Duration: entente.Duration{Kind: entente.Permanent}},
		Founders: []entente.ActorID{first.Actor, second.Actor}}
	sig, err := first.Sign("new-pact", found, "inbox-preview-nonce-1", now.Add(entente.Day))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(sig)
	req := httptest.NewRequest("POST", "/drafts", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /drafts: %d %s", rec.Code, rec.Body)
	}
	inbox := s.draftsWaitingFor(t.Context(), second.Actor)
	if len(inbox) != 1 || inbox[0].Found != nil || inbox[0].What == "" {
		t.Errorf("%s's inbox: %d drafts, the first with a preview: %v; want one, described, without a preview", second.Actor, len(inbox), len(inbox) > 0 && inbox[0].Found != nil)
	}
	for _, other := range []*entente.Delegate{first, third} {
		if got := s.draftsWaitingFor(t.Context(), other.Actor); len(got) != 0 {
			t.Errorf("%s's inbox lists %d drafts not waiting for it", other.Actor, len(got))
		}
	}
}
