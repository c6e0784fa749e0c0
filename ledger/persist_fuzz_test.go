package ledger

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// FuzzDecodeSnapshot feeds decodeSnapshot arbitrary stored bytes, of
// every version and format (a snapshot row is untrusted: whoever writes
// the database can forge one): it never panics, and whatever it accepts is
// a snapshot of the log named, whose state, leaves and compact range (if
// any) agree on the log's length, and which encodes back to bytes that
// decode to the same snapshot.
func FuzzDecodeSnapshot(f *testing.F) {
	st, _, err := entente.Execute(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "co", Name: "Co", Kind: entente.Coalition},
		Founders: []entente.ActorID{"a"}}, entente.Env{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Actors: func(id entente.ActorID) *entente.Actor {
			return &entente.Actor{ID: id, Name: string(id), Kind: entente.NGO}
		}})
	if err != nil {
		f.Fatal(err)
	}
	leaves := make([]tlog.Hash, st.Len)
	good, err := encodeSnapshot(leaves, tlog.RangeOf(leaves), st, []string{"n2", "n1"}, false, 3)
	if err != nil {
		f.Fatal(err)
	}
	fs := fullState()
	fs.Pact.ID = "co"
	full, err := encodeSnapshot(make([]tlog.Hash, fs.Len), tlog.RangeOf(make([]tlog.Hash, fs.Len)), fs, []string{"n"}, true, 9)
	if err != nil {
		f.Fatal(err)
	}
	js, err := marshalSnapshot(&diskSnapshot{State: st, Nonces: []string{"n1"}})
	if err != nil {
		f.Fatal(err)
	}
	v1 := append(binary.BigEndian.AppendUint64([]byte(snapshotMagic), uint64(st.Len)), make([]byte, int(st.Len)*tlog.HashSize)...)
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(full)
	f.Add(append(v1, js...))
	f.Add([]byte(snapshotMagic))
	f.Add([]byte(snapshotMagic2 + "b"))
	f.Add(append([]byte(snapshotMagic2+"b"), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
	f.Add(append([]byte(snapshotMagic), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
	f.Add([]byte(`{"state":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeSnapshot("co", data)
		if err != nil {
			return
		}
		if d.State == nil || d.State.Pact.ID != "co" || d.State.Len != int64(len(d.Leaves)) {
			t.Fatalf("accepted a snapshot of %v with %d leaves", d.State, len(d.Leaves))
		}
		if d.Range != nil && (d.Range.Size != uint64(len(d.Leaves)) || d.Range.Check() != nil) {
			t.Fatalf("accepted a compact range of %d leaves with %d hashes over %d leaves", d.Range.Size, len(d.Range.Hashes), len(d.Leaves))
		}
		again, err := encodeSnapshot(d.Leaves, tlog.RangeOf(d.Leaves), d.State, append([]string(nil), d.Nonces...), d.Attested, d.Registry)
		if err != nil {
			return // a state JSON accepts but cannot encode (a NaN): never written by the server
		}
		e, err := decodeSnapshot("co", again)
		if err != nil {
			t.Fatalf("re-encoded snapshot does not decode: %v", err)
		}
		a, _ := json.Marshal(d.State)
		b, _ := json.Marshal(e.State)
		if !bytes.Equal(a, b) || len(e.Leaves) != len(d.Leaves) || e.Registry != d.Registry || e.Attested != d.Attested {
			t.Fatalf("snapshot does not survive re-encoding")
		}
	})
}
