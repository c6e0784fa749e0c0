package power

import "testing"

// BenchmarkFinishWords: turning the electoral college's counts (every
// index) into indices, with the machine-word fractions and with the old
// big.Rat finishing side by side, float64 results and exact fractions
// (process CPU time as cpu-ns/op).
func BenchmarkFinishWords(b *testing.B) {
	g := crefGame(b, "testdata/cref/ec2020.csv", 50)
	tl, _, err := computeTally(g, Options{})
	if err != nil {
		b.Fatal(err)
	}
	old := *tl
	old.generic = true
	for _, c := range []struct {
		name string
		t    *tally
	}{{"words", tl}, {"big-rat", &old}} {
		for _, exact := range []bool{false, true} {
			name := c.name + "/float"
			if exact {
				name = c.name + "/exact"
			}
			b.Run(name, func(b *testing.B) {
				start := cpuTime()
				for b.Loop() {
					finish(c.t, AllIndices, exact)
				}
				b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
