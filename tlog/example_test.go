package tlog_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/entente/entente/tlog"
)

// The server appends entries, signs a tree head and serves an inclusion
// proof; a client that trusts only the server's public key checks that a
// given event is in the signed log.
func ExampleInclusionProof() {
	// Server side. A fixed seed keeps the example's output stable; a real
	// server uses LoadOrCreateKey with crypto/rand.
	signer, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{}))
	if err != nil {
		panic(err)
	}
	entries := []string{`{"event":"created"}`, `{"event":"joined"}`, `{"event":"signed"}`}
	var leaves []tlog.Hash
	for _, e := range entries {
		leaves = append(leaves, tlog.LeafHash([]byte(e)))
	}
	head := signer.Sign(tlog.TreeHead{
		Log:  "pact/1",
		Size: uint64(len(leaves)),
		Root: tlog.Root(leaves),
		Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	proof, err := tlog.InclusionProof(leaves, 1, head.Size)
	if err != nil {
		panic(err)
	}

	// Client side: check the head's signature, then that the entry it was
	// given is leaf 1 of the signed tree.
	verifier := signer.Public()
	if err := verifier.Verify(head); err != nil {
		panic(err)
	}
	leaf := tlog.LeafHash([]byte(`{"event":"joined"}`))
	err = tlog.VerifyInclusion(leaf, 1, head.Size, proof, head.Root)
	fmt.Println("proof hashes:", len(proof))
	fmt.Println("included:", err == nil)

	forged := tlog.LeafHash([]byte(`{"event":"left"}`))
	fmt.Println("forged entry included:", tlog.VerifyInclusion(forged, 1, head.Size, proof, head.Root) == nil)
	// Output:
	// proof hashes: 2
	// included: true
	// forged entry included: false
}
