//go:build unix

package cputime

import (
	"testing"
	"time"
)

// TestProcessCountsWork: spinning for a while raises the process's CPU
// time by about as much, and never lowers it.
func TestProcessCountsWork(t *testing.T) {
	start := Process()
	if start <= 0 {
		t.Fatalf("Process() = %v at start, want > 0", start)
	}
	x := 0
	for spin := Process(); Process()-spin < 20*time.Millisecond; x++ {
	}
	if d := Process() - start; d < 20*time.Millisecond {
		t.Errorf("after %d spins CPU grew by %v, want >= 20ms", x, d)
	}
}
