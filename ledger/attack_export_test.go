package ledger

import "time"

// QueuedForTest returns how many appends wait in svc's queue for its
// committer, so that a test can hold a batch in the store until the
// commands it means to race have joined the queue.
func QueuedForTest(svc *Service) int {
	svc.qMu.Lock()
	defer svc.qMu.Unlock()
	return len(svc.queue)
}

// GatherLimitForTest makes svc's committer wait up to limit for every
// command being run to queue its append before it takes a batch, so that
// a test knows what the next batch holds. Set it before svc's first
// command.
func GatherLimitForTest(svc *Service, limit time.Duration) { svc.gather.limit = limit }

// NonceWaitsForTest returns how often a request has waited for the
// outcome of the same request queued before it (see write).
func NonceWaitsForTest(svc *Service) int64 { return svc.stats.nonceWaits.Load() }
