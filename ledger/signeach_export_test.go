package ledger

// SignEachForBenchmark makes svc's committer sign a head per command, as
// it did before it joined a transaction's appends to one log, for
// benchmarks that measure the join beside its baseline.
func SignEachForBenchmark(svc *Service, on bool) { svc.signEach.Store(on) }

// GatherForBenchmark turns off (on false) the committer's wait for a
// fuller batch, for benchmarks that measure it beside its baseline.
func GatherForBenchmark(svc *Service, on bool) { svc.gather.off.Store(!on) }
