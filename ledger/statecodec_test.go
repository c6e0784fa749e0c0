package ledger

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
)

// TestStateMirror checks that stateJSON mirrors every encoded field of
// PactState. When this fails, PactState gained or changed a field: add it
// to stateJSON (and to mirrorOf and stateJSON.state). Meanwhile snapshots
// go through PactState itself, slower but whole.
func TestStateMirror(t *testing.T) {
	if !mirrored {
		t.Fatal("stateJSON does not mirror entente.PactState's JSON fields")
	}
	type extra struct {
		stateJSON
	}
	for _, tc := range []struct {
		name   string
		mirror reflect.Type
	}{
		{"a field more", reflect.TypeFor[struct {
			stateJSON
			More int `json:"more"`
		}]()},
		{"embedded", reflect.TypeFor[extra]()},
		{"a list as a slice of another type", reflect.TypeFor[struct {
			Pact          entente.Pact                            `json:"pact"`
			Founded       time.Time                               `json:"founded"`
			Members       map[entente.ActorID]*entente.Membership `json:"members"`
			Commitments   []entente.Commitment                    `json:"commitments"`
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
		}]()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if mirrorMatches(reflect.TypeFor[entente.PactState](), tc.mirror) {
				t.Error("matches, want not")
			}
		})
	}
}

// fullState is a state with every field set, strings that JSON escapes
// among them.
func fullState() *entente.PactState {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	return &entente.PactState{
		Pact:    entente.Pact{ID: "p", Name: "P <&> \u2028", Kind: entente.Alliance},
		Founded: at,
		Members: entente.ActorMapOf(map[entente.ActorID]*entente.Membership{"a": {Member: "a", Status: entente.Active, Joined: at}}),
		Commitments: entente.ListOf(&entente.Commitment{ID: "c1", Member: "a", Resource: "eur", Amount: 2.5, Due: at, Made: at},
			&entente.Commitment{ID: "c2", Member: "a", Resource: "h<b>", Amount: 1, Due: at, Made: at}),
		Contributions: entente.ListOf(&entente.Contribution{ID: "k1", Member: "a", Commitment: "c1", Resource: "eur", Amount: 1e-9, At: at}),
		Objectives:    entente.ListOf(&entente.Objective{ID: "o1", Metric: "members", Target: 120000, Deadline: at}),
		Proposals:     entente.ListOf(&entente.Proposal{ID: "q1", Matter: entente.General, Title: "T & t", Text: "x"}),
		Disputes:      entente.ListOf(&entente.Dispute{ID: "d1", Parties: []entente.ActorID{"a"}, Subject: "s", Opened: at}),
		Bargainings:   entente.ListOf(&entente.Bargaining{ID: "b1", Title: "b", Parties: []entente.ActorID{"a"}, Total: 10, Resource: "eur", Opened: at}),
		Dissolved:     &entente.PactEnd{At: at, Reason: "done"},
		Roles:         map[entente.ActorID][]entente.Role{"a": {"observer"}},
		Classified:    []entente.ClassifiedAs{{Class: "confidential", Dispute: "d1"}},
		Len:           9,
		Updated:       at,
	}
}

// TestSnapshotCodec checks that a snapshot encodes through stateJSON to
// the bytes json.Marshal makes of the state, and decodes to the same
// state, for a full state, an empty one and none.
func TestSnapshotCodec(t *testing.T) {
	for _, tc := range []struct {
		name  string
		state *entente.PactState
	}{
		{"full", fullState()},
		{"empty", &entente.PactState{Pact: entente.Pact{ID: "p"}}},
		{"none", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &diskSnapshot{State: tc.state, Nonces: []string{"n1", "n2"}, Attested: true, Registry: 4}
			want, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			got, err := marshalSnapshot(d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("encoded\n%s\nwant\n%s", got, want)
			}
			var back diskSnapshot
			if err := unmarshalSnapshot(got, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(d, &back, cmp.AllowUnexported(entente.Derived{})); diff != "" {
				t.Errorf("decoded differs (-want +got):\n%s", diff)
			}
			again, _ := json.Marshal(&back)
			if !bytes.Equal(again, want) {
				t.Errorf("decoded re-encodes to\n%s\nwant\n%s", again, want)
			}
		})
	}
}

// TestSnapshotCodecBadInput checks that a body that is not a snapshot's
// JSON is refused, through the mirror as without it.
func TestSnapshotCodecBadInput(t *testing.T) {
	for _, body := range []string{``, `{`, `{"state":{"commitments":{}}}`, `{"state":{"len":"x"}}`, `[]`} {
		var d diskSnapshot
		if err := unmarshalSnapshot([]byte(body), &d); err == nil {
			t.Errorf("%q decoded", body)
		}
		if _, err := decodeSnapshot("p", append(append([]byte(snapshotMagic), 0, 0, 0, 0, 0, 0, 0, 0), body...)); err == nil {
			t.Errorf("snapshot with body %q decoded", body)
		}
	}
}
