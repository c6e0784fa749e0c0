package ledger

import (
	"bytes"
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// fuzzSeedExport writes a small signed store and returns its export and
// the server's key.
func fuzzSeedExport(tb testing.TB) ([]byte, tlog.Verifier) {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "f.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	now := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	svc, err := Open(context.Background(), db, signer, func() time.Time { return now })
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	ds := map[entente.ActorID]*entente.Delegate{}
	for i, id := range []entente.ActorID{"a", "b"} {
		d, _ := entente.NewDelegate(id, string(id), rand.NewChaCha8([32]byte{byte(i + 1)}))
		ds[id] = d
		token := "tok-" + string(id)
		if _, err := svc.Invite(ctx, id, token, now.Add(entente.Day), false); err != nil {
			tb.Fatal(err)
		}
		sig, _ := d.Sign(entente.RegistryLog, entente.RegisterActor{Actor: entente.Actor{ID: id, Name: string(id), Kind: entente.NGO}, Key: d.PublicKey(), Delegate: d.Name, Token: token}, "fuzz-nonce-reg-"+string(id), now.Add(entente.Day))
		if _, err := svc.Submit(ctx, sig); err != nil {
			tb.Fatal(err)
		}
	}
	sig, _ := ds["a"].Sign("co", entente.FoundPact{Pact: entente.Pact{ID: "co", Name: "Co", Kind: entente.Coalition}, Founders: []entente.ActorID{"a", "b"}}, "fuzz-nonce-found-0", now.Add(entente.Day))
	sig.Cosign(ds["b"].Key)
	if _, err := svc.Submit(ctx, sig); err != nil {
		tb.Fatal(err)
	}
	sig, _ = ds["b"].Sign("co", entente.Propose{Matter: entente.General, Title: "Q"}, "fuzz-nonce-propose-0", now.Add(entente.Day))
	if _, err := svc.Submit(ctx, sig); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Export(ctx, db, signer, now, &buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), signer.Public()
}

// FuzzImportCheck feeds fuzzed exports to the parser and the verifier an
// import runs before it writes: anything may be refused, nothing may
// panic, and whatever passes must replay again from its own bytes.
func FuzzImportCheck(f *testing.F) {
	dump, v := fuzzSeedExport(f)
	f.Add(dump)
	f.Add(dump[:len(dump)/2])
	f.Fuzz(func(t *testing.T, in []byte) {
		x, err := readExport(bytes.NewReader(in))
		if err != nil {
			return
		}
		if _, err := x.check(v); err != nil {
			return
		}
		reg := entente.NewRegistry()
		for _, name := range x.order {
			data := make([][]byte, len(x.logs[name]))
			for i, e := range x.logs[name] {
				data[i] = e.data
			}
			var r LogReport
			next, err := replayLog(name, data, reg, &r, nil, nil)
			if err != nil {
				t.Fatalf("log %s passed the check but does not replay: %v", name, err)
			}
			if next != nil {
				reg = next
			}
		}
	})
}
