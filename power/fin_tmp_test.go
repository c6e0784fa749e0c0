package power

import "testing"

func BenchmarkFinTmp(b *testing.B) {
	g := crefGame(b, "testdata/cref/ec2020.csv", 50)
	tl, _, err := computeTally(g, Options{Indices: BanzhafIndex})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("tally", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			computeTally(g, Options{Indices: BanzhafIndex})
		}
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	})
	b.Run("finish-float", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			finish(tl, BanzhafIndex, false)
		}
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	})
	b.Run("finish-exact", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			finish(tl, BanzhafIndex, true)
		}
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	})
	b.Run("vetoes", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			vetoes(g)
		}
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	})
}
