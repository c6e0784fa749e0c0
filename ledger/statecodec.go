package ledger

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/entente/entente"
)

// stateJSON is entente.PactState with its Lists as slices and its
// ActorMaps as maps, for the
// snapshot's encoding. A List encodes as the JSON array its slice would,
// but through its own MarshalJSON and UnmarshalJSON, so encoding/json
// scans each list's bytes twice more and copies them once more; for a
// pact of 100,000 records that was about a third of decoding a snapshot.
// Through stateJSON the same bytes decode in one pass into slices, which
// become Lists in O(n).
//
// It must hold every field of PactState that JSON encodes, under the same
// name and tag (an ActorMap encodes as its map would, and a nil map as
// an empty ActorMap does): mirrorMatches checks that once, and when it does not
// (PactState gained or changed a field), snapshots are encoded and decoded
// through PactState itself, as before, so nothing is ever dropped. A test
// fails meanwhile.
type stateJSON struct {
	Pact          entente.Pact                            `json:"pact"`
	Founded       time.Time                               `json:"founded"`
	Members       map[entente.ActorID]*entente.Membership `json:"members"`
	Commitments   []*entente.Commitment                   `json:"commitments"`
	Contributions []*entente.Contribution                 `json:"contributions"`
	Objectives    []*entente.Objective                    `json:"objectives"`
	Proposals     []*entente.Proposal                     `json:"proposals"`
	Disputes      []*entente.Dispute                      `json:"disputes"`
	Bargainings   []*entente.Bargaining                   `json:"bargainings,omitzero"`
	Dissolved     *entente.PactEnd                        `json:"dissolved,omitempty"`
	Roles         map[entente.ActorID][]entente.Role      `json:"roles,omitempty"`
	Classified    []entente.ClassifiedAs                  `json:"classified,omitempty"`
	Len           int64                                   `json:"len"`
	Updated       time.Time                               `json:"updated"`
}

// mirrored reports whether stateJSON mirrors PactState (see above).
var mirrored = mirrorMatches(reflect.TypeFor[entente.PactState](), reflect.TypeFor[stateJSON]())

// mirrorMatches reports whether mirror has exactly the JSON-encoded fields
// of state, in order, with the same names and tags and the same types,
// except that a List of T in state is a slice of T in mirror, and an
// ActorMap of V a map from ActorID to V.
func mirrorMatches(state, mirror reflect.Type) bool {
	var fields []reflect.StructField
	for f := range state.Fields() {
		if f.Tag.Get("json") != "-" {
			fields = append(fields, f)
		}
	}
	if len(fields) != mirror.NumField() {
		return false
	}
	for i, f := range fields {
		m := mirror.Field(i)
		if f.Name != m.Name || f.Tag != m.Tag || f.Anonymous || m.Anonymous {
			return false
		}
		if f.Type == m.Type {
			continue
		}
		// A List[T] is a struct type named "List[…]" of package entente
		// whose Slice method returns []T; an ActorMap[V] one named
		// "ActorMap[…]" whose Map method returns map[ActorID]V.
		if !mirrorsAs(f.Type, m.Type, "List[", "Slice") && !mirrorsAs(f.Type, m.Type, "ActorMap[", "Map") {
			return false
		}
	}
	return true
}

// mirrorsAs reports whether t is a generic type of package entente whose
// name starts with prefix and whose method named conv returns mirror.
func mirrorsAs(t, mirror reflect.Type, prefix, conv string) bool {
	m, ok := t.MethodByName(conv)
	return ok && t.PkgPath() == reflect.TypeFor[entente.PactState]().PkgPath() && strings.HasPrefix(t.Name(), prefix) &&
		m.Type.NumOut() == 1 && m.Type.Out(0) == mirror
}

// snapshotJSON is diskSnapshot's JSON with the state as a stateJSON: the
// same bytes, decoded in one pass.
type snapshotJSON struct {
	State    *stateJSON `json:"state"`
	Nonces   []string   `json:"nonces"`
	Attested bool       `json:"attested"`
	Registry int64      `json:"registry"`
}

// marshalSnapshot encodes d's JSON, as json.Marshal(d) does, to the same
// bytes.
func marshalSnapshot(d *diskSnapshot) ([]byte, error) {
	if !mirrored {
		return json.Marshal(d)
	}
	return json.Marshal(&snapshotJSON{State: mirrorOf(d.State), Nonces: d.Nonces, Attested: d.Attested, Registry: d.Registry})
}

// unmarshalSnapshot decodes a snapshot's JSON into d, as json.Unmarshal
// does.
func unmarshalSnapshot(data []byte, d *diskSnapshot) error {
	if !mirrored {
		return json.Unmarshal(data, d)
	}
	var m snapshotJSON
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	d.State, d.Nonces, d.Attested, d.Registry = m.State.state(), m.Nonces, m.Attested, m.Registry
	return nil
}

// mirrorOf returns s as a stateJSON, sharing its records, or nil.
func mirrorOf(s *entente.PactState) *stateJSON {
	if s == nil {
		return nil
	}
	return &stateJSON{Pact: s.Pact, Founded: s.Founded, Members: s.Members.Map(),
		Commitments: s.Commitments.Slice(), Contributions: s.Contributions.Slice(), Objectives: s.Objectives.Slice(),
		Proposals: s.Proposals.Slice(), Disputes: s.Disputes.Slice(), Bargainings: s.Bargainings.Slice(), Dissolved: s.Dissolved,
		Roles: s.Roles, Classified: s.Classified, Len: s.Len, Updated: s.Updated}
}

// state returns the PactState m mirrors, taking its records, or nil.
func (m *stateJSON) state() *entente.PactState {
	if m == nil {
		return nil
	}
	return &entente.PactState{Pact: m.Pact, Founded: m.Founded, Members: entente.ActorMapOf(m.Members),
		Commitments: entente.ListOf(m.Commitments...), Contributions: entente.ListOf(m.Contributions...),
		Objectives: entente.ListOf(m.Objectives...), Proposals: entente.ListOf(m.Proposals...),
		Disputes: entente.ListOf(m.Disputes...), Bargainings: entente.ListOf(m.Bargainings...), Dissolved: m.Dissolved,
		Roles: m.Roles, Classified: m.Classified, Len: m.Len, Updated: m.Updated}
}
