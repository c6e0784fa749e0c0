package ledger

import (
	"testing"
	"time"

	"github.com/entente/entente"
)

// TestSameEventsAcceptsOlderUnclassifiedTimeEntries: a log written before
// what time brings about took its item's class recorded such an entry
// unclassified; the replay accepts that record, and nothing else that
// differs (another class, another event, a classified record of an
// unclassified item, an actor's entry).
func TestSameEventsAcceptsOlderUnclassifiedTimeEntries(t *testing.T) {
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	esc := entente.Event{Seq: 5, At: at, Data: entente.DisputeEscalated{Dispute: "d1", Stage: entente.Mediation, Reason: "negotiation deadline passed"}}
	enc := func(e entente.Event, c entente.Classification) []byte {
		t.Helper()
		e.Class = c
		b, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	byActor := esc
	byActor.By = "a"
	other := esc
	other.Data = entente.DisputeEscalated{Dispute: "d2", Stage: entente.Mediation, Reason: "negotiation deadline passed"}
	for _, tc := range []struct {
		name   string
		got    entente.Event
		class  entente.Classification // the class the replay yields
		stored []byte
		want   int
	}{
		{"the same record", esc, entente.ClassParties, enc(esc, entente.ClassParties), -1},
		{"an older unclassified record", esc, entente.ClassParties, enc(esc, ""), -1},
		{"another class", esc, entente.ClassParties, enc(esc, "role:secretariat"), 0},
		{"classified where the replay yields none", esc, "", enc(esc, entente.ClassParties), 0},
		{"another event", esc, entente.ClassParties, enc(other, ""), 0},
		{"an actor's entry", byActor, entente.ClassParties, enc(byActor, ""), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.got
			got.Class = tc.class
			if i := sameEvents([]entente.Event{got}, [][]byte{tc.stored}); i != tc.want {
				t.Errorf("sameEvents = %d, want %d", i, tc.want)
			}
		})
	}
}
