package ledger_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// Import must refuse event bytes that are not the canonical encoding
// (EncodeEvent): Export re-encodes each event through json.Marshal of a
// RawMessage, which compacts it and escapes <, > and &, so a store holding
// non-canonical bytes would not export to what was imported, and the
// roots would change on the way.
func TestImportRefusesNonCanonicalEventBytes(t *testing.T) {
	src := newFixture(t)
	src.buildSmallPact()
	dump := string(export(t, src))
	for _, tc := range []struct{ name, old, new string }{
		{"spaces", `{"seq":0,"type":"actor_registered"`, `{"seq": 0, "type": "actor_registered"`},
		{"unescaped ampersand", `"name":"Actor a"`, `"name":"Actor &"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(dump, tc.old, tc.new, 1)
			if in == dump {
				t.Fatalf("%q not in the export", tc.old)
			}
			dst := emptyFixture(t)
			if _, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), strings.NewReader(in), nil); err != nil {
				return // refusing non-canonical bytes is a fix too
			}
			if out := export(t, dst); !bytes.Equal(out, []byte(in)) {
				first := dst.entries(entente.RegistryLog)[0]
				t.Errorf("Import stored registry entry 0 as %s\nbut Export wrote it as %s",
					first.Data, strings.SplitN(string(out), "\n", 2)[0])
			}
		})
	}
}

// Import must check that a log's name is the ID of the pact its first
// event founds: otherwise an export whose "small" lines are
// relabelled "evil" imports and verifies clean, and the service then serves
// a pact under GET /api/pacts/evil whose own ID is "small", while
// Pact("small") is not found (and a new pact "small" could be founded
// beside it). Do never writes such a log: it names the log after
// FoundPact's Pact.ID.
func TestImportRefusesPactLogNamedAfterAnotherPact(t *testing.T) {
	src := newFixture(t)
	src.buildSmallPact()
	renamed := strings.ReplaceAll(string(export(t, src)), `{"log":"small",`, `{"log":"evil",`)
	dst := emptyFixture(t)
	_, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), strings.NewReader(renamed), nil)
	if err == nil || !strings.Contains(err.Error(), "evil") {
		svc := dst.open(dst.store)
		st, _ := svc.Pact("evil")
		t.Errorf("Import of log \"evil\" founding pact %q: err = %v, want an error naming the log", st.Pact.ID, err)
	}
}
