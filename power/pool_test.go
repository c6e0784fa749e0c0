package power

import (
	"sync"
	"testing"
)

// TestPooledTablesConcurrent: analyses running at once, each taking its
// tables from the pool and returning them, give the results of one alone
// (run with -race to check that no table is shared while in use).
func TestPooledTablesConcurrent(t *testing.T) {
	g := crefGame(t, "testdata/cref/ec2020.csv", 50)
	want, err := Analyze(g, Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				r, err := Analyze(g, Options{Exact: true})
				if err != nil {
					t.Error(err)
					return
				}
				for i := range r.Exact.Banzhaf {
					if r.Exact.Banzhaf[i].Cmp(want.Exact.Banzhaf[i]) != 0 || r.Exact.ShapleyShubik[i].Cmp(want.Exact.ShapleyShubik[i]) != 0 || r.Exact.Johnston[i].Cmp(want.Exact.Johnston[i]) != 0 {
						t.Errorf("player %d differs", i)
					}
				}
			}
		})
	}
	wg.Wait()
}
