package tlog_test

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/entente/entente/tlog"
)

// Known-answer vectors for the 8-leaf reference tree used throughout the
// Certificate Transparency ecosystem. Leaf inputs and roots are copied from
// github.com/transparency-dev/merkle v0.0.2, testonly/constants.go
// (LeafInputs, RootHashes and EmptyRootHash); the same values appear in the
// AOSP AFTL and several other independent RFC 6962 implementations' tests.
var (
	rfc6962LeafInputs = []string{
		"", "00", "10", "2021", "3031", "40414243",
		"5051525354555657", "606162636465666768696a6b6c6d6e6f",
	}
	// rfc6962Roots[n] is the root of the tree of the first n leaf inputs.
	rfc6962Roots = []string{
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
		"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
		"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
		"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
		"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
	}
)

// referenceLeaves returns the leaf hashes of the reference tree's inputs.
func referenceLeaves(tb testing.TB) []tlog.Hash {
	tb.Helper()
	leaves := make([]tlog.Hash, len(rfc6962LeafInputs))
	for i, in := range rfc6962LeafInputs {
		entry, err := hex.DecodeString(in)
		if err != nil {
			tb.Fatalf("leaf input %d: %v", i, err)
		}
		leaves[i] = tlog.LeafHash(entry)
	}
	return leaves
}

func TestKnownAnswers(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  tlog.Hash
		want string
	}{
		{"empty root", tlog.EmptyRoot(), rfc6962Roots[0]},
		{"empty tree via Root", tlog.Root(nil), rfc6962Roots[0]},
		{"zero Builder", new(tlog.Builder).Root(), rfc6962Roots[0]},
		{"leaf hash of empty entry", tlog.LeafHash(nil), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"},
		{"leaf hash of 00", tlog.LeafHash([]byte{0}), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"},
	} {
		if got := tc.got.String(); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestReferenceTreeRoots(t *testing.T) {
	leaves := referenceLeaves(t)
	b := tlog.NewBuilder()
	for n, want := range rfc6962Roots {
		if got := tlog.Root(leaves[:n]).String(); got != want {
			t.Errorf("Root(first %d leaves) = %s, want %s", n, got, want)
		}
		if got := b.Root().String(); b.Size() != uint64(n) || got != want {
			t.Errorf("Builder at size %d (want %d) root = %s, want %s", b.Size(), n, got, want)
		}
		if n < len(leaves) {
			b.Append(leaves[n])
		}
	}
}

func TestHashText(t *testing.T) {
	h := tlog.LeafHash([]byte("x"))
	data, err := json.Marshal(struct{ H tlog.Hash }{h})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"H":"` + h.String() + `"}`; string(data) != want {
		t.Fatalf("JSON = %s, want %s", data, want)
	}
	var back struct{ H tlog.Hash }
	if err := json.Unmarshal(data, &back); err != nil || back.H != h {
		t.Fatalf("round trip = %v, %v; want %v", back.H, err, h)
	}
	if got, err := tlog.ParseHash(strings.ToUpper(h.String())); err != nil || got != h {
		t.Errorf("ParseHash(upper case) = %v, %v; want %v", got, err, h)
	}
}

func TestParseHashRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"e3b0",
		rfc6962Roots[0] + "00",
		"z" + rfc6962Roots[0][1:],
		" " + rfc6962Roots[0][1:],
	} {
		if h, err := tlog.ParseHash(in); err == nil {
			t.Errorf("ParseHash(%q) = %v, want error", in, h)
		}
	}
	var h tlog.Hash
	if err := json.Unmarshal([]byte(`"e3b0"`), &h); err == nil {
		t.Error("json.Unmarshal of a short hash succeeded")
	}
}
