package ledger

import (
	"slices"
	"sync/atomic"
	"time"
)

// Metrics is what an operator watches of a service (see
// [Service.Metrics]): counters since the service opened, and gauges as
// they stand when it is called.
type Metrics struct {
	// Appends counts the commands' appends made durable, Batches the
	// store transactions (group commits) the committer made, and
	// FailedBatches those that failed as a whole (the store away): their
	// commands were answered with the store's error.
	Appends, Batches, FailedBatches int64
	// Phases is where the committer's time went (see [WritePhases]).
	Phases WritePhases
	// Commits is the distribution of the store transactions' durations,
	// from handing a batch to the store to its answer: the fsync or WAL
	// flush that every acknowledged write waits for.
	Commits Histogram

	// Logs counts the logs readers see (the registry and the pacts'),
	// Entries their entries in all, and Largest the entries of the
	// longest: the sizes of the Merkle trees the service signs heads of.
	Logs             int
	Entries, Largest int64

	// Broken counts the logs withdrawn from readers now because they did
	// not load or verify (a leaf hash, a head's signature, an event that
	// does not replay); Failures counts such withdrawals since the service
	// opened, including those later mended by a load that worked.
	Broken, Failures int64
}

// Histogram is a distribution of durations in buckets, cumulative as
// Prometheus exposes them: Counts[i] is how many were at most Bounds[i];
// Count and Sum are over all of them, the longest included.
type Histogram struct {
	Bounds []time.Duration
	Counts []uint64
	Count  uint64
	Sum    time.Duration
}

// commitBounds are the buckets of a store transaction's duration: from a
// fast disk's fsync to a database away for a second.
var commitBounds = [...]time.Duration{
	100 * time.Microsecond, 250 * time.Microsecond, 500 * time.Microsecond,
	time.Millisecond, 2500 * time.Microsecond, 5 * time.Millisecond,
	10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond,
	100 * time.Millisecond, 250 * time.Millisecond, 500 * time.Millisecond,
	time.Second,
}

// durations counts observations in commitBounds' buckets (the last one
// for those above every bound), without a lock: the committer observes,
// a scrape reads.
type durations struct {
	buckets [len(commitBounds) + 1]atomic.Uint64
	sum     atomic.Int64 // nanoseconds
}

func (d *durations) observe(took time.Duration) {
	i := 0
	for i < len(commitBounds) && took > commitBounds[i] {
		i++
	}
	d.buckets[i].Add(1)
	d.sum.Add(int64(took))
}

// histogram returns what d has counted, cumulatively.
func (d *durations) histogram() Histogram {
	h := Histogram{Bounds: slices.Clone(commitBounds[:]), Counts: make([]uint64, len(commitBounds))}
	for i := range d.buckets {
		n := d.buckets[i].Load()
		h.Count += n
		if i < len(commitBounds) {
			h.Counts[i] = h.Count
		}
	}
	h.Sum = time.Duration(d.sum.Load())
	return h
}

// Metrics returns what an operator watches of the service (see
// [Metrics]). It walks the logs readers see, once: call it per scrape,
// not per request.
func (s *Service) Metrics() Metrics {
	m := Metrics{
		Appends:       s.stats.durable.Load(),
		Batches:       s.stats.batches.Load(),
		FailedBatches: s.stats.failed.Load(),
		Phases:        s.WritePhases(),
		Commits:       s.stats.commits.histogram(),
		Broken:        s.health.broken.Load(),
		Failures:      s.health.failures.Load(),
	}
	s.snaps.Range(func(_, v any) bool {
		n := int64(len(v.(*logSnap).leaves))
		m.Logs++
		m.Entries += n
		m.Largest = max(m.Largest, n)
		return true
	})
	return m
}
