package sim

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// BatchOptions say how many replications to run and how.
type BatchOptions struct {
	Options
	// Runs is the number of replications in the whole sweep.
	Runs int
	// Seed, with each run's number, fixes every random draw of that run.
	Seed uint64
	// Workers is how many runs go at once; 0 means one per CPU. The
	// output does not depend on it.
	Workers int
	// Shard and Shards split the sweep: this process does the runs whose
	// number modulo Shards is Shard. Shards 0 means 1.
	Shard, Shards int
	// Progress, when set, is called after each finished run with the
	// number done and the number this process has to do. It is called from
	// one goroutine at a time.
	Progress func(done, total int)
}

// ShardRuns returns the run numbers shard of shards does out of runs.
func ShardRuns(runs, shard, shards int) []int {
	if shards <= 0 {
		shards = 1
	}
	var out []int
	for r := shard; r < runs; r += shards {
		out = append(out, r)
	}
	return out
}

// Batch runs the replications of a sweep (or one shard of it) on up to
// Workers goroutines and returns their rows in run order: the same
// options give the same rows whatever the number of workers.
func Batch(ctx context.Context, w *World, p Params, o BatchOptions) ([]Row, error) {
	if o.Shards <= 0 {
		o.Shards = 1
	}
	if o.Shard < 0 || o.Shard >= o.Shards {
		return nil, fmt.Errorf("shard %d/%d: expected a shard from 0 to %d", o.Shard, o.Shards, o.Shards-1)
	}
	if o.Runs < 0 || o.Years < 0 {
		return nil, fmt.Errorf("expected a non-negative number of runs and years, got %d and %d", o.Runs, o.Years)
	}
	runs := ShardRuns(o.Runs, o.Shard, o.Shards)
	results := make([]*Result, len(runs))
	if err := parallel(ctx, len(runs), workers(o.Workers), func(k int) error {
		res, err := Run(w, p, o.Options, o.Seed, runs[k])
		results[k] = res
		return err
	}, o.Progress); err != nil {
		return nil, err
	}
	var rows []Row
	for _, res := range results {
		rows = append(rows, res.Rows...)
	}
	return rows, nil
}

func workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// parallel calls job(k) for k in [0, n) on up to w goroutines, stopping at
// the first error or when ctx ends, and reports progress after each job.
func parallel(ctx context.Context, n, w int, job func(int) error, progress func(done, total int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	var (
		mu    sync.Mutex
		first error
		done  int
		wg    sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = err
			cancel()
		}
	}
	for g := 0; g < min(w, n); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				if err := job(k); err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				done++
				if progress != nil {
					progress(done, n)
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for k := 0; k < n; k++ {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// ParseShard reads a shard "i/n" (0 ≤ i < n); "" is the whole sweep, 0/1.
func ParseShard(s string) (shard, shards int, err error) {
	if s == "" {
		return 0, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("expected i/n with 0 ≤ i < n, got %q", s)
	}
	return i, n, nil
}
