//go:build unix

// Package cputime reads the process's CPU time, for benchmarks that report
// CPU per operation: on a loaded machine it is steadier than wall time.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the CPU time (user and system) the process has used so
// far, all its threads and the garbage collector included.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
