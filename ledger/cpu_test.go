package ledger_test

import (
	"time"

	"github.com/entente/entente/internal/cputime"
)

// processCPU returns the process's CPU time so far (0 where it is not at
// hand), for benchmarks that report CPU per operation.
func processCPU() time.Duration { return cputime.Process() }
