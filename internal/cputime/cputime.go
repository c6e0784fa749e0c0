// Package cputime reads the CPU time the process has used, for benchmarks
// that report CPU seconds beside wall time: on a shared machine wall time
// measures the neighbours too. One copy serves every package's benchmarks.
package cputime

import "time"

// Process is the CPU time (user and system, all threads, the garbage
// collector's included) the process has used so far, or 0 where the
// system does not say.
func Process() time.Duration { return process() }
