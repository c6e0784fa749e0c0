package ledger

// FullReloadForBenchmark makes svc reload an evicted state through load,
// reading and checking the whole log as an open does (as it did before
// refold), for benchmarks and tests that compare the two.
func FullReloadForBenchmark(svc *Service, on bool) { svc.lru.fullLoad.Store(on) }

// EvictForBenchmark evicts pact id's state, as the bound would, and
// reports whether it did.
func EvictForBenchmark(svc *Service, id string) bool {
	w := svc.writer(id)
	svc.evict(w)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.evicted
}
