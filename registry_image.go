package entente

import (
	"fmt"
	"time"
)

// RegistryImage is a registry as plain, exported data, with what Registry
// keeps to itself (every actor's past versions, the entry that redeemed
// each invitation), so that a store can keep a snapshot of the registry
// log's fold and load it without replaying the log. Registry.Image takes
// one; RegistryImage.Registry makes the registry back.
type RegistryImage struct {
	// Actors holds every actor's versions, oldest first, sorted by ID.
	Actors []ActorHistory `json:"actors"`
	// Keys holds every delegate key, sorted by key.
	Keys        []DelegateKey        `json:"keys"`
	Invitations []InvitationImage    `json:"invitations"`
	Registrars  []ActorID            `json:"registrars"`
	Witnesses   map[string][]Witness `json:"witnesses,omitempty"`
	Len         int64                `json:"len"`
	Updated     time.Time            `json:"updated"`
}

// ActorHistory is an actor's records in a RegistryImage.
type ActorHistory struct {
	ID       ActorID        `json:"id"`
	Versions []ActorVersion `json:"versions"`
}

// ActorVersion is an actor's record as the registry entry Seq made it.
type ActorVersion struct {
	Seq   int64 `json:"seq"`
	Actor Actor `json:"actor"`
}

// InvitationImage is an invitation in a RegistryImage, with the entry that
// redeemed it (-1 for none).
type InvitationImage struct {
	Invitation Invitation `json:"invitation"`
	Redeemed   int64      `json:"redeemed"`
}

// Image returns a copy of r as plain data, sharing nothing r changes in
// place (keys, invitations, witnesses), so that it can be encoded while r
// moves on. Actor records are shared maps and all: Apply replaces an
// actor's record, never changes one.
func (r *Registry) Image() *RegistryImage {
	img := &RegistryImage{Len: r.Len, Updated: r.Updated,
		Actors:      make([]ActorHistory, 0, len(r.versions)),
		Keys:        make([]DelegateKey, 0, len(r.Keys)),
		Invitations: make([]InvitationImage, 0, len(r.Invitations)),
		Registrars:  make([]ActorID, 0, len(r.Registrars)),
	}
	for _, id := range sortedKeys(r.versions) {
		h := ActorHistory{ID: id, Versions: make([]ActorVersion, len(r.versions[id]))}
		for i, v := range r.versions[id] {
			h.Versions[i] = ActorVersion{Seq: v.seq, Actor: *v.actor}
		}
		img.Actors = append(img.Actors, h)
	}
	for _, k := range sortedKeys(r.Keys) {
		img.Keys = append(img.Keys, *r.Keys[k])
	}
	for _, inv := range r.Invitations {
		img.Invitations = append(img.Invitations, InvitationImage{Invitation: *inv, Redeemed: inv.Redeemed})
	}
	for _, id := range sortedKeys(r.Registrars) {
		if r.Registrars[id] {
			img.Registrars = append(img.Registrars, id)
		}
	}
	if r.Witnesses != nil {
		img.Witnesses = make(map[string][]Witness, len(r.Witnesses))
		for log, ws := range r.Witnesses {
			img.Witnesses[log] = append([]Witness(nil), ws...)
		}
	}
	return img
}

// Registry makes the registry img is the image of. It refuses an image
// that no registry log could have folded to in ways a lookup would trip
// on (versions out of order, a key or invitation twice, an invitation out
// of sequence), naming the field; it does not replay anything, so an
// image is only as good as whoever wrote it.
func (img *RegistryImage) Registry() (*Registry, error) {
	r := NewRegistry()
	r.Len, r.Updated = img.Len, img.Updated
	for _, h := range img.Actors {
		if len(h.Versions) == 0 || r.versions[h.ID] != nil {
			return nil, fmt.Errorf("registry image: actors: %q has no versions or appears twice", h.ID)
		}
		vs := make([]actorVersion, len(h.Versions))
		for i, v := range h.Versions {
			a := v.Actor
			if a.ID != h.ID || v.Seq < 0 || v.Seq >= img.Len || (i > 0 && v.Seq <= vs[i-1].seq) {
				return nil, fmt.Errorf("registry image: actors: version %d of %q is out of order or of another actor", i, h.ID)
			}
			vs[i] = actorVersion{v.Seq, &a}
		}
		r.versions[h.ID] = vs
		r.Actors[h.ID] = vs[len(vs)-1].actor
	}
	for i := range img.Keys {
		k := img.Keys[i]
		if r.Keys[k.Key] != nil {
			return nil, fmt.Errorf("registry image: keys: %s appears twice", KeyID(k.Key))
		}
		r.Keys[k.Key] = &k
	}
	for i, ii := range img.Invitations {
		inv := ii.Invitation
		if inv.ID != nextID("i", i) {
			return nil, fmt.Errorf("registry image: invitations: expected %s, got %q", nextID("i", i), inv.ID)
		}
		inv.Redeemed = ii.Redeemed
		r.Invitations = append(r.Invitations, &inv)
	}
	for _, id := range img.Registrars {
		r.Registrars[id] = true
	}
	for log, ws := range img.Witnesses {
		if r.Witnesses == nil {
			r.Witnesses = map[string][]Witness{}
		}
		r.Witnesses[log] = append([]Witness(nil), ws...)
	}
	return r, nil
}
