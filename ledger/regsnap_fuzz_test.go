package ledger

import (
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// FuzzDecodeRegistrySnapshot feeds the registry snapshot's decoder
// arbitrary stored bytes (a snapshot row is untrusted): it never panics,
// and whatever it accepts has a registry as long as its leaves, makes a
// registry or is refused by RegistryImage.Registry with an error, and
// encodes back to bytes that decode to the same registry and nonces.
func FuzzDecodeRegistrySnapshot(f *testing.F) {
	reg := entente.NewRegistry()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range []entente.ActorID{"a", "b", "a"} {
		ev, err := reg.Record(entente.Actor{ID: id, Name: "Actor " + string(id), Kind: entente.NGO, Codes: map[string]string{"cow": "2"}}, at)
		if err != nil {
			f.Fatal(err)
		}
		if err := reg.Apply(ev); err != nil {
			f.Fatal(err)
		}
	}
	leaves := make([]tlog.Hash, reg.Len)
	good, err := encodeRegistrySnapshot(leaves, tlog.RangeOf(leaves), reg.Image(), []string{"n2", "n1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte(snapshotMagic3 + "r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := parseSnapshot(data)
		if err != nil {
			return
		}
		d, err := registryBody(fr)
		if err != nil {
			return
		}
		if d.Registry.Len != int64(len(fr.leaves)) {
			t.Fatalf("accepted a registry of %d entries over %d leaves", d.Registry.Len, len(fr.leaves))
		}
		if _, err := d.Registry.Registry(); err != nil && err.Error() == "" {
			t.Fatal("refused without a message")
		}
		again, err := encodeRegistrySnapshot(fr.leaves, *fr.rng, d.Registry, d.Nonces)
		if err != nil {
			t.Fatalf("accepted snapshot does not encode again: %v", err)
		}
		fr2, err := parseSnapshot(again)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := registryBody(fr2)
		if err != nil {
			t.Fatalf("re-encoded snapshot does not decode: %v", err)
		}
		if !sameJSON(d, d2) {
			t.Fatalf("re-encoded snapshot decodes otherwise:\n%+v\n%+v", d, d2)
		}
	})
}
