package cputime

import (
	"runtime"
	"testing"
)

// TestProcessGrows checks that CPU spent shows: a busy loop moves the
// clock forward (on unix; elsewhere Process is 0 and the test skips).
func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no process CPU time here")
	}
	before := Process()
	x := 0
	for i := 0; Process() == before && i < 1e9; i++ {
		x += i % 7
	}
	if Process() <= before {
		t.Fatalf("CPU time did not grow over a busy loop (%d)", x)
	}
}
