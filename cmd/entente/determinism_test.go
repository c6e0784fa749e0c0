package main

import "testing"

// TestResearchVerbsRepeat runs findings claim and report hub-and-spoke
// twice on the real data and compares the bytes: their float sums once
// followed Go's randomised map order (clustered SEs, decade means), so
// the last digits changed from run to run.
func TestResearchVerbsRepeat(t *testing.T) {
	data := findingsData(t)
	for _, args := range [][]string{
		{"findings", "claim", "--data", data, "--format", "json", "--quiet"},
		{"report", "hub-and-spoke", "--data", data, "--from", "1980", "--to", "1999", "--json", "--quiet"},
	} {
		first := exits(t, 0, args...).stdout
		if again := exits(t, 0, args...).stdout; again != first {
			t.Errorf("entente %v: two runs differ:\n%s\n---\n%s", args, first, again)
		}
	}
}
