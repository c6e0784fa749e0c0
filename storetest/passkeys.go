package storetest

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
)

// PasskeyStore is the web server's store of passkeys (http.PasskeyStore),
// repeated here so that the contract does not import the HTTP adapter.
type PasskeyStore interface {
	PutPasskey(ctx context.Context, id []byte, actor string, record []byte) error
	Passkey(ctx context.Context, id []byte) ([]byte, error)
}

// PasskeyOpener opens the passkeys kept in dir, as [DraftOpener] opens
// drafts: opening the same dir again opens the same data, as a second
// server on the same store would; it registers the store's Close itself.
type PasskeyOpener = func(tb testing.TB, dir string) PasskeyStore

// RunPasskeys runs the contract of a passkey store against the stores
// open opens: a record is kept byte for byte under its credential ID
// (1 to 1023 bytes), replaced whole at each sign-in, there for every
// server on the store and after a restart, and a credential never stored
// reads as nil with no error.
func RunPasskeys(t *testing.T, open PasskeyOpener) {
	ctx := context.Background()
	get := func(tb testing.TB, s PasskeyStore, id []byte) []byte {
		tb.Helper()
		rec, err := s.Passkey(ctx, id)
		if err != nil {
			tb.Fatalf("Passkey(%x): %v", id, err)
		}
		return rec
	}
	put := func(tb testing.TB, s PasskeyStore, id []byte, actor string, rec []byte) {
		tb.Helper()
		if err := s.PutPasskey(ctx, id, actor, rec); err != nil {
			tb.Fatalf("PutPasskey(%x): %v", id, err)
		}
	}
	t.Run("PutGetReplace", func(t *testing.T) {
		s := open(t, t.TempDir())
		id := []byte("credential-1")
		put(t, s, id, "alice", []byte(`{"count":1}`))
		if got := get(t, s, id); string(got) != `{"count":1}` {
			t.Fatalf("got %q", got)
		}
		put(t, s, id, "alice", []byte(`{"count":2}`))
		if got := get(t, s, id); string(got) != `{"count":2}` {
			t.Fatalf("after a second sign-in got %q, want the record replaced", got)
		}
	})
	t.Run("MissingIsNil", func(t *testing.T) {
		s := open(t, t.TempDir())
		put(t, s, []byte("held"), "alice", []byte("x"))
		if got := get(t, s, []byte("never stored")); got != nil {
			t.Fatalf("a credential never stored reads %q, want nil", got)
		}
	})
	t.Run("BinaryRoundTrip", func(t *testing.T) {
		s := open(t, t.TempDir())
		id := []byte{0, 0xff, 'a', 0, 0x80}
		rec := []byte{0, 1, 2, 0xff, 0, '"', '\\'}
		put(t, s, id, "alice", rec)
		if got := get(t, s, id); !bytes.Equal(got, rec) {
			t.Fatalf("record %x read back as %x", rec, got)
		}
		if got := get(t, s, id[:4]); got != nil {
			t.Fatalf("a prefix of the ID reads %x, want nil", got)
		}
	})
	t.Run("IDBounds", func(t *testing.T) {
		s := open(t, t.TempDir())
		put(t, s, bytes.Repeat([]byte{7}, 1023), "alice", []byte("longest"))
		for _, id := range [][]byte{{}, bytes.Repeat([]byte{7}, 1024)} {
			if err := s.PutPasskey(ctx, id, "alice", []byte("x")); err == nil {
				t.Errorf("an ID of %d bytes was stored; want 1 to 1023", len(id))
			}
		}
	})
	t.Run("SharedAndKept", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir) // two servers on one store
		put(t, a, []byte("k"), "alice", []byte("from a"))
		if got := get(t, b, []byte("k")); string(got) != "from a" {
			t.Fatalf("the other server reads %q, want the record stored through the first", got)
		}
		// Sign-ins with one passkey through both servers at once: the
		// record is one of the records written, whole.
		var wg sync.WaitGroup
		for i := range 20 {
			s := a
			if i%2 == 1 {
				s = b
			}
			wg.Go(func() {
				if err := s.PutPasskey(ctx, []byte("k"), "alice", fmt.Appendf(nil, "sign-in %02d", i)); err != nil {
					t.Errorf("PutPasskey: %v", err)
				}
			})
		}
		wg.Wait()
		got := get(t, open(t, dir), []byte("k")) // and after a restart
		var n int
		if _, err := fmt.Sscanf(string(got), "sign-in %02d", &n); err != nil || n < 0 || n >= 20 || len(got) != len("sign-in 00") {
			t.Fatalf("after concurrent sign-ins the record is %q, want one of those written", got)
		}
	})
}
