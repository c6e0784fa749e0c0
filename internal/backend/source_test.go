package backend

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	enthttp "github.com/entente/entente/http"
)

// TestSourcesAgree: the demo store read directly (StoreSource) and through
// a server over it (ServerSource) gives the same pacts, sizes, heads, key
// and public entries, and both refuse an unknown log as not found.
func TestSourcesAgree(t *testing.T) {
	ctx := context.Background()
	l, err := OpenLedger(ctx, demoStore(t), false, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	srv := httptest.NewServer(enthttp.NewServer(l.Service, nil))
	defer srv.Close()
	sources := []Source{StoreSource{l}, ServerSource{&client.Client{Base: srv.URL}}}

	var pacts [2][]byte
	for i, s := range sources {
		got, err := s.Pacts(ctx)
		if err != nil || len(got) == 0 {
			t.Fatalf("%T: %d pacts, %v", s, len(got), err)
		}
		pacts[i] = mustJSON(t, got)
	}
	if string(pacts[0]) != string(pacts[1]) {
		t.Errorf("pacts from the store:\n%s\nfrom the server:\n%s", pacts[0], pacts[1])
	}
	log := string(l.Pacts()[0].Pact.ID)
	var sizes [2]int64
	for i, s := range sources {
		if sizes[i], err = s.Size(ctx, log); err != nil {
			t.Fatalf("%T: size of %s: %v", s, log, err)
		}
		if _, err := s.Size(ctx, "no-such-log"); entente.ErrorCode(err) != entente.ENOTFOUND {
			t.Errorf("%T: size of an unknown log: %v, want %s", s, err, entente.ENOTFOUND)
		}
	}
	if sizes[0] != sizes[1] || sizes[0] == 0 {
		t.Fatalf("size of %s: %d from the store, %d from the server", log, sizes[0], sizes[1])
	}
	var heads, keys, entries [2][]byte
	for i, s := range sources {
		h, err := s.Head(ctx, log)
		if err != nil {
			t.Fatal(err)
		}
		k, err := s.Key(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.Entries(ctx, log, 1, sizes[i])
		if err != nil || int64(len(e)) != sizes[i]-1 || e[0].Index != 1 {
			t.Fatalf("%T: entries [1, %d): %d, %v", s, sizes[i], len(e), err)
		}
		heads[i], keys[i], entries[i] = mustJSON(t, h), []byte(k.KeyID()), mustJSON(t, e)
	}
	for what, pair := range map[string][2][]byte{"head": heads, "key": keys, "entries": entries} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s from the store:\n%s\nfrom the server:\n%s", what, pair[0], pair[1])
		}
	}
	st, _, err := sources[1].Pact(ctx, entente.PactID(log))
	if err != nil || st.Pact.ID != entente.PactID(log) {
		t.Errorf("pact %s from the server: %v", log, err)
	}
}

// mustJSON is v as JSON.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
