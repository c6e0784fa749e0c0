//go:build unix

package output

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system, all threads, the garbage
// collector's included) the process has used so far: on a shared machine
// wall time measures the neighbours too.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
