package entente

// ExecuteInPlace runs cmd as Execute does, made by by at env.Now, but on s
// itself instead of on a clone, and returns the events it folded into s:
// first what time brought about (as Advance records it), then the
// command's. A nil cmd only advances.
//
// It exists for BenchmarkFold100k, whose 100,000-event log was built this
// way when Execute's fork copied every record pointer (O(events) per
// command, O(events²) for a log); a fork now costs O(1). Building
// benchmarks check it against Execute at intervals.
//
// A refused command emits nothing (every command checks before it emits),
// so s then holds only what time brought about, whose events are returned
// with the error. s must not be shared, and must not be nil (use Execute to
// found a pact).
func ExecuteInPlace(s *PactState, by ActorID, cmd Command, env Env) ([]Event, error) {
	if env.Now.IsZero() || env.Now.Before(s.Updated) {
		return nil, Errorf(EINVALID, "time %s is before the pact's last event at %s", env.Now, s.Updated)
	}
	x := &execution{s: s, env: env, by: by}
	if err := x.advance(); err != nil {
		return x.events, err
	}
	if cmd == nil {
		return x.events, nil
	}
	n := len(x.events)
	if err := cmd.run(x); err != nil {
		if len(x.events) > n {
			return x.events, Errorf(EINTERNAL, "%T failed after emitting %d event(s): %v", cmd, len(x.events)-n, err)
		}
		return x.events, err
	}
	return x.events, nil
}

// ExecuteClassified is Execute for a request classified class, as the
// ledger runs a signed request (tests of classified commands).
func ExecuteClassified(s *PactState, by ActorID, cmd Command, env Env, class Classification) (*PactState, []Event, error) {
	return execute(s, by, cmd, env, false, class)
}
