package entente

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// envelopeBytes is how events were encoded before MarshalJSON wrote the
// envelope by hand: encoding/json over the envelope, then once more over
// the result, as json.Marshal of an Event does. Stored logs hold these
// bytes, and the replay of a store compares them with a fresh encoding.
func envelopeBytes(t *rapid.T, e Event) []byte {
	data, err := json.Marshal(e.Data)
	if err != nil {
		t.Fatal(err)
	}
	env, err := json.Marshal(envelope{Seq: e.Seq, Type: e.Data.EventType(), At: canonicalTime(e.At), By: e.By, Data: data, Signed: e.Signed, Class: e.Class})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Compact(&out, env); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// anyString draws a string that is often plain, sometimes empty, and
// sometimes full of what a JSON encoder must escape: quotes, HTML
// characters, control characters, line separators and bytes that are
// not UTF-8.
func anyString(t *rapid.T, label string) string {
	return rapid.OneOf(
		rapid.StringMatching(`[a-z0-9_-]{0,12}`),
		rapid.SampledFrom([]string{"", `a"b`, `back\slash`, "<script>", "a<b", "a>b", "a&b", "tab\there", "line\u2028sep", "\x00\x1f", "caf\u00e9", "\xff\xfe", "nul\x00"}),
		rapid.String(),
		rapid.Custom(func(t *rapid.T) string { return string(rapid.SliceOf(rapid.Byte()).Draw(t, "bytes")) }),
	).Draw(t, label)
}

// TestMarshalEventMatchesEnvelope checks that the hand-written envelope
// gives, byte for byte, what encoding/json gave, for events with and
// without by, signed and class, any strings and any time zone.
func TestMarshalEventMatchesEnvelope(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := time.Unix(rapid.Int64Range(-62135596800+86400, 253402300799-86400).Draw(t, "sec"), rapid.Int64Range(0, 999_999_999).Draw(t, "nsec"))
		if rapid.Bool().Draw(t, "zone") {
			at = at.In(time.FixedZone(anyString(t, "zone name"), rapid.IntRange(-12*3600, 14*3600).Draw(t, "offset")))
		}
		var data EventData
		switch rapid.IntRange(0, 2).Draw(t, "type") {
		case 0:
			data = ContributionMade{Contribution{ID: anyString(t, "id"), Member: ActorID(anyString(t, "member")), Resource: anyString(t, "resource"),
				Amount: rapid.Float64().Draw(t, "amount"), At: at}}
		case 1:
			data = CommitmentOverdue{Commitment: anyString(t, "commitment")}
		default:
			data = ActorRegistered{Actor: Actor{ID: ActorID(anyString(t, "actor")), Name: anyString(t, "name"), Kind: NGO}}
		}
		e := Event{Seq: rapid.Int64().Draw(t, "seq"), At: at, By: ActorID(anyString(t, "by")), Data: data, Class: Classification(anyString(t, "class"))}
		if rapid.Bool().Draw(t, "signed") {
			e.Signed = &Signed{Request: anyString(t, "request"), Registry: rapid.Int64().Draw(t, "registry"),
				Signatures: []Signature{{Key: anyString(t, "key"), Sig: rapid.SliceOf(rapid.Byte()).Draw(t, "sig")}}}
		}
		want := envelopeBytes(t, e)
		got, err := EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("EncodeEvent gave\n%s\nencoding/json gave\n%s", got, want)
		}
		if viaMarshal, err := json.Marshal(e); err != nil || !bytes.Equal(viaMarshal, want) {
			t.Fatalf("json.Marshal of the event gave\n%s (%v)\nwant\n%s", viaMarshal, err, want)
		}
	})
}
