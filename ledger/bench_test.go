package ledger

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// benchStore is a store of one pact whose log holds n entries, every one a
// member's signed request (four members contributing in turn), with the
// registry that enrols their keys. It is built once per size in memory
// (RunSigned, as the service would) and written with one append.
type benchStore struct {
	path   string
	signer tlog.Signer
	now    time.Time
}

var (
	benchStores   = map[int]*benchStore{}
	benchStoresMu sync.Mutex
)

func signedStore(b *testing.B, n int) *benchStore {
	b.Helper()
	benchStoresMu.Lock()
	defer benchStoresMu.Unlock()
	if s := benchStores[n]; s != nil {
		return s
	}
	dir, err := os.MkdirTemp("", "entente-bench")
	if err != nil {
		b.Fatal(err)
	}
	s := &benchStore{path: filepath.Join(dir, "bench.db"), now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s.signer, _ = tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	reg := entente.NewRegistry()
	var regEvents []entente.Event
	apply := func(evs ...entente.Event) {
		for _, e := range evs {
			if err := reg.Apply(e); err != nil {
				b.Fatal(err)
			}
			regEvents = append(regEvents, e)
		}
	}
	ids := []entente.ActorID{"a", "b", "c", "d"}
	ds := map[entente.ActorID]*entente.Delegate{}
	for i, id := range ids {
		d, _ := entente.NewDelegate(id, string(id), rand.NewChaCha8([32]byte{byte(i + 1)}))
		ds[id] = d
		inv, err := reg.Invite("", entente.Invitation{Actor: id, TokenHash: entente.TokenHash("t" + string(id)), Expires: s.now.Add(entente.Day)}, s.now)
		if err != nil {
			b.Fatal(err)
		}
		apply(inv)
		sig, _ := d.Sign(entente.RegistryLog, entente.RegisterActor{Actor: entente.Actor{ID: id, Name: string(id), Kind: entente.NGO}, Key: d.PublicKey(), Delegate: d.Name, Token: "t" + string(id)}, fmt.Sprintf("bench-reg-%08d", i), s.now.Add(entente.Day))
		_, evs, err := entente.RunSignedRegistry(reg, sig, s.now)
		if err != nil {
			b.Fatal(err)
		}
		apply(evs...)
	}
	var st *entente.PactState
	var events []entente.Event
	at := s.now
	run := func(by entente.ActorID, cmd entente.Command, co ...entente.ActorID) {
		sig, err := ds[by].Sign("bench", cmd, fmt.Sprintf("bench-nonce-%08d", len(events)), at.Add(entente.Day))
		if err != nil {
			b.Fatal(err)
		}
		for _, id := range co {
			sig.Cosign(ds[id].Key)
		}
		_, next, evs, err := entente.RunSigned(reg, reg.Len, st, sig, at)
		if err != nil {
			b.Fatal(err)
		}
		st, events = next, append(events, evs...)
		at = at.Add(time.Second)
	}
	run("a", entente.FoundPact{Pact: entente.Pact{ID: "bench", Name: "Bench", Kind: entente.Coalition}, Founders: ids}, ids[1:]...)
	for len(events) < n {
		run(ids[len(events)%len(ids)], entente.Contribute{Resource: "hours", Amount: 1})
	}
	db, err := sqlite.Open(s.path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	logs := []Recorded{{Name: entente.RegistryLog, Events: regEvents}, {Name: "bench", Events: events}}
	if _, err := WriteRecord(ctx, db, s.signer, at, logs); err != nil {
		b.Fatal(err)
	}
	s.now = at
	benchStores[n] = s
	return s
}

// BenchmarkOpen opens a store of 100,000 signed entries with the self-check
// (every head's signature, every leaf hash, every signed request re-run)
// and, as the baseline, trusting the store (a plain fold).
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		s := signedStore(b, n)
		for _, mode := range []struct {
			name string
			opts Options
		}{{"checked", Options{}}, {"trusted", Options{Trust: true}}} {
			b.Run(fmt.Sprintf("entries=%d/%s", n, mode.name), func(b *testing.B) {
				db, err := sqlite.Open(s.path)
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				for b.Loop() {
					if _, err := OpenWith(context.Background(), db, s.signer, func() time.Time { return s.now }, mode.opts); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
			})
		}
	}
}

// BenchmarkVerifySigned measures how many signed requests Verify re-runs
// per second, beside a plain fold of the same events.
func BenchmarkVerifySigned(b *testing.B) {
	s := signedStore(b, 10_000)
	db, err := sqlite.Open(s.path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			reports, err := Verify(ctx, db, s.signer.Public())
			if err != nil || !reports[len(reports)-1].OK() {
				b.Fatalf("%v %+v", err, reports)
			}
		}
		b.ReportMetric(10_000*float64(b.N)/b.Elapsed().Seconds(), "requests/s")
	})
	b.Run("fold", func(b *testing.B) {
		entries, _ := db.Entries(ctx, "bench", 0, -1)
		for b.Loop() {
			st := &entente.PactState{}
			for _, e := range entries {
				ev, err := entente.DecodeEvent(e.Data)
				if err != nil {
					b.Fatal(err)
				}
				if err := st.Apply(ev); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(10_000*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
