package entente

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// imageRegistry folds a registry that uses every part of an image: an
// actor with two versions, a registrar invitation redeemed, one pending,
// a key revoked and a witness.
func imageRegistry(t *testing.T) *Registry {
	t.Helper()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	key := func(seed byte) string {
		d, err := NewDelegate("x", "d", bytes.NewReader(bytes.Repeat([]byte{seed}, 64)))
		if err != nil {
			t.Fatal(err)
		}
		return d.PublicKey()
	}
	r := NewRegistry()
	events := []EventData{
		ActorRegistered{Actor: Actor{ID: "a", Name: "A", Kind: NGO}},
		ActorRegistered{Actor: Actor{ID: "b", Name: "B", Kind: NGO, Codes: map[string]string{"cow": "2"}}},
		InvitationIssued{Invitation: Invitation{ID: "i1", Actor: "a", TokenHash: strings.Repeat("a", 64), Expires: at.Add(time.Hour), Registrar: true}},
		InvitationIssued{Invitation: Invitation{ID: "i2", TokenHash: strings.Repeat("b", 64), Expires: at.Add(time.Hour)}},
		KeyEnrolled{Actor: "a", Key: key(1), Delegate: "d1", Via: "invitation i1"},
		KeyEnrolled{Actor: "a", Key: key(2), Delegate: "d2", Via: "key"},
		KeyRevoked{Actor: "a", Key: key(2), Reason: "lost"},
		ActorRegistered{Actor: Actor{ID: "a", Name: "A renamed", Kind: NGO}},
		HeadWitnessed{Witness: Witness{Log: "p1", Size: 3, Root: strings.Repeat("0", 64), Actor: "a"}},
	}
	for i, d := range events {
		if err := r.Apply(Event{Seq: int64(i), At: at.Add(time.Duration(i) * time.Minute), Data: d}); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// TestRegistryImageRoundTrip checks that a registry made from an image,
// also after a trip through JSON, is the registry imaged, hidden fields
// (versions, redemptions) and all, and answers lookups of the past alike.
func TestRegistryImageRoundTrip(t *testing.T) {
	r := imageRegistry(t)
	img := r.Image()
	b, err := json.Marshal(img)
	if err != nil {
		t.Fatal(err)
	}
	var back RegistryImage
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for name, im := range map[string]*RegistryImage{"image": img, "json": &back} {
		got, err := im.Registry()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("%s: registry made from the image differs:\n got %+v\nwant %+v", name, got, r)
		}
		if a := got.ActorAt("a", 7); a == nil || a.Name != "A" {
			t.Errorf("%s: actor a after 7 entries = %+v, want its first version", name, a)
		}
		if inv := got.Invitation("i1"); inv == nil || inv.Redeemed != 4 {
			t.Errorf("%s: invitation i1 = %+v, want redeemed by entry 4", name, inv)
		}
	}
}

// TestRegistryImageIsACopy checks that an image does not change when the
// registry it was taken of moves on.
func TestRegistryImageIsACopy(t *testing.T) {
	r := imageRegistry(t)
	img := r.Image()
	want, _ := json.Marshal(img)
	var key string
	for _, k := range img.Keys {
		if k.Revoked < 0 {
			key = k.Key
		}
	}
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, d := range []EventData{
		KeyRevoked{Actor: "a", Key: key},
		HeadWitnessed{Witness: Witness{Log: "p1", Size: 4, Root: strings.Repeat("1", 64)}},
		ActorRegistered{Actor: Actor{ID: "b", Name: "B again", Kind: NGO}},
	} {
		if err := r.Apply(Event{Seq: r.Len, At: at, Data: d}); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := json.Marshal(img); !bytes.Equal(got, want) {
		t.Errorf("image changed with its registry:\n got %s\nwant %s", got, want)
	}
}

// TestRegistryImageRefused checks that images no log folds to are refused
// with a message naming the field.
func TestRegistryImageRefused(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*RegistryImage)
		want string
	}{
		"actor twice":        {func(m *RegistryImage) { m.Actors = append(m.Actors, m.Actors[0]) }, "actors:"},
		"versions unordered": {func(m *RegistryImage) { v := m.Actors[0].Versions; v[0], v[1] = v[1], v[0] }, "actors:"},
		"version elsewhere":  {func(m *RegistryImage) { m.Actors[1].Versions[0].Actor.ID = "a" }, "actors:"},
		"key twice":          {func(m *RegistryImage) { m.Keys = append(m.Keys, m.Keys[0]) }, "keys:"},
		"invitation skipped": {func(m *RegistryImage) { m.Invitations = m.Invitations[1:] }, "invitations:"},
	} {
		t.Run(name, func(t *testing.T) {
			img := imageRegistry(t).Image()
			tc.edit(img)
			if _, err := img.Registry(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one naming %q", err, tc.want)
			}
		})
	}
}

// BenchmarkRegistryImage measures what the committer pays, under the
// registry's lock, to copy a registry of 10,000 actors for its snapshot
// (see ledger/regsnap.go), beside the baseline of folding the same
// registry from its events, which an open without the snapshot pays.
func BenchmarkRegistryImage(b *testing.B) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var events []Event
	r := NewRegistry()
	for i := range 10_000 {
		ev, err := r.Record(Actor{ID: ActorID(fmt.Sprintf("actor-%06d", i)), Name: fmt.Sprintf("Member %d", i), Kind: NGO}, at)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Apply(ev); err != nil {
			b.Fatal(err)
		}
		events = append(events, ev)
	}
	b.Run("image", func(b *testing.B) {
		for b.Loop() {
			if img := r.Image(); len(img.Actors) != 10_000 {
				b.Fatal("actors")
			}
		}
	})
	b.Run("fold", func(b *testing.B) {
		for b.Loop() {
			g := NewRegistry()
			for _, ev := range events {
				if err := g.Apply(ev); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
