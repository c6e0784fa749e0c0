package trust_test

import (
	"fmt"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
)

func ExampleCompute() {
	r := newRecord("a", "b", "c")
	r.kept("a", day(10))
	r.kept("a", day(40))
	r.kept("b", day(20))
	r.missed("c", day(30))
	r.vote(day(50), map[entente.ActorID]entente.Choice{"a": entente.Yes, "b": entente.Yes, "c": entente.No})

	res := trust.Compute(r.s, day(100), trust.Options{})
	for _, p := range []trust.Pair{{From: "b", To: "a"}, {From: "a", To: "b"}, {From: "a", To: "c"}} {
		sc := res.Trust[p]
		fmt.Printf("T[%s][%s] = %.3f (r %.3f, s %.3f, %d items)\n", p.From, p.To, sc.Value, sc.Positive, sc.Negative, len(sc.Evidence))
	}
	fmt.Printf("reputation a %.3f, b %.3f, c %.3f; converged %v\n",
		res.Reputation["a"], res.Reputation["b"], res.Reputation["c"], res.Converged)
	// Output:
	// T[b][a] = 0.748 (r 1.963, s 0.000, 3 items)
	// T[a][b] = 0.676 (r 1.086, s 0.000, 2 items)
	// T[a][c] = 0.337 (r 0.000, s 0.966, 2 items)
	// reputation a 0.478, b 0.472, c 0.050; converged true
}

func ExampleSuggestCommitment() {
	// Three commitments kept, none missed, all fresh: three steps of 1.5.
	sc := trust.Score{Value: trust.BetaMean(3, 0), Positive: 3}
	s := trust.SuggestCommitment(sc, 100, trust.DefaultLadder())
	fmt.Printf("%.1f (factor %.3f, trust %.2f)\n", s.Amount, s.Factor, s.Trust)
	// Output: 337.5 (factor 3.375, trust 0.80)
}

func ExampleEigenTrust() {
	members := []entente.ActorID{"a", "b", "c"}
	local := map[trust.Pair]float64{
		{From: "a", To: "b"}: 0.9, {From: "b", To: "a"}: 0.9,
		{From: "c", To: "a"}: 0.7, {From: "a", To: "c"}: 0.4, {From: "b", To: "c"}: 0.4,
	}
	rk := trust.EigenTrust(members, local, trust.EigenOptions{PreTrusted: []entente.ActorID{"a"}})
	fmt.Printf("a %.3f, b %.3f, c %.3f after %d steps\n", rk.Reputation["a"], rk.Reputation["b"], rk.Reputation["c"], rk.Iterations)
	// Output: a 0.541, b 0.459, c 0.000 after 146 steps
}
