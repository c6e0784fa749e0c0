//go:build !unix

package entente_test

import "time"

// processCPU returns 0 where the process's CPU time is not at hand.
func processCPU() time.Duration { return 0 }
