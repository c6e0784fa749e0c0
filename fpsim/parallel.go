package fpsim

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Options tunes the all-dyads computations. The zero value is ready to use.
type Options struct {
	// Workers is the number of goroutines computing dyads; 0 or less means
	// runtime.GOMAXPROCS(0). Results, and the order they reach the
	// callback, do not depend on it.
	Workers int
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

const (
	// blockDyads bounds the dyads buffered between computing and emitting,
	// so memory stays flat however many states a year has.
	blockDyads = 1 << 15
	// minParallelDyads is the block size below which starting goroutines
	// costs more than it saves.
	minParallelDyads = 512
)

// forEachDyad computes every dyad i < j of n units with compute, on up to
// workers goroutines, and hands the results to emit one at a time, in
// (i, j) order, on the calling goroutine. Rows are computed in blocks of
// about blockDyads dyads; within a block, workers take rows from a shared
// counter, so the long early rows and the short late ones balance out. Each
// dyad is computed independently of the others, which is why the results
// cannot depend on the worker count. emit's first error stops the run.
func forEachDyad[T any](n, workers int, compute func(i, j int) T, emit func(T) error) error {
	buf := make([]T, 0, min(blockDyads, n*(n-1)/2))
	for lo := 0; lo < n-1; {
		hi, size := lo, 0
		for hi < n-1 && (size == 0 || size+(n-1-hi) <= blockDyads) {
			size += n - 1 - hi
			hi++
		}
		buf = buf[:size]
		computeRows(n, lo, hi, workers, buf, compute)
		for _, d := range buf {
			if err := emit(d); err != nil {
				return err
			}
		}
		lo = hi
	}
	return nil
}

// computeRows fills buf with the dyads of rows lo..hi-1, row by row.
func computeRows[T any](n, lo, hi, workers int, buf []T, compute func(i, j int) T) {
	// offset of row i within buf: the rows lo..i-1 come first.
	offset := func(i int) int { return (i-lo)*(n-1) - (i*(i-1)-lo*(lo-1))/2 }
	row := func(i int) {
		out := buf[offset(i):]
		for j := i + 1; j < n; j++ {
			out[j-i-1] = compute(i, j)
		}
	}
	if workers <= 1 || len(buf) < minParallelDyads {
		for i := lo; i < hi; i++ {
			row(i)
		}
		return
	}
	var next atomic.Int64
	next.Store(int64(lo))
	var wg sync.WaitGroup
	for range min(workers, hi-lo) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= hi {
					return
				}
				row(i)
			}
		})
	}
	wg.Wait()
}
