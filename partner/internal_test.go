package partner

import (
	"testing"

	"github.com/entente/entente/fpsim"
)

func TestPairIndexCoversUpperTriangle(t *testing.T) {
	for _, m := range []int{2, 3, 7, 64} {
		d := &yearData{states: make([]int, m)}
		seen := map[int]bool{}
		for i := 0; i < m; i++ {
			for j := i + 1; j < m; j++ {
				p := d.pairIndex(i, j)
				if p < 0 || p >= m*(m-1)/2 || seen[p] || d.pairIndex(j, i) != p {
					t.Fatalf("m %d: pair (%d, %d) → %d", m, i, j, p)
				}
				seen[p] = true
			}
		}
	}
}

func fpsimOptions() fpsim.Options { return fpsim.Options{} }
