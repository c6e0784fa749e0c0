package burden_test

import (
	"fmt"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
)

func BenchmarkSpearmanExact(b *testing.B) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	y := []float64{3, 1, 2, 6, 4, 5, 9, 7, 8, 10}
	for b.Loop() {
		burden.Spearman(x, y)
	}
}

func BenchmarkAnalyze(b *testing.B) {
	in := burden.Input{Delivered: amounts{}, Capability: amounts{}}
	for i := range 100 {
		id := entente.ActorID(fmt.Sprintf("m%03d", i))
		in.Delivered[id], in.Capability[id] = float64(i%7+1), float64(i%5+1)
	}
	for range 20 {
		p := burden.Period{Delivered: amounts{}}
		for id, v := range in.Delivered {
			p.Delivered[id] = v / 20
		}
		in.Periods = append(in.Periods, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		burden.Analyze(in, burden.Options{})
	}
}
