package bargain_test

import (
	"fmt"

	"github.com/entente/entente/bargain"
)

func ExamplePriceZOPA() {
	// The seller's BATNA is another buyer at 100; the buyer can get the same
	// from elsewhere for 130.
	zone, ok := bargain.PriceZOPA(100, 130)
	fmt.Println(zone, ok)
	_, ok = bargain.PriceZOPA(140, 130)
	fmt.Println(ok)
	// Output:
	// {100 130} true
	// false
}

func ExampleNash() {
	// Splitting a dollar where party 1 can walk away with 0.2: lotteries
	// over "all to 1" and "all to 2" reach every split.
	deals := []bargain.Deal{
		{Name: "all to 1", Point: bargain.Point{U1: 1, U2: 0}},
		{Name: "all to 2", Point: bargain.Point{U1: 0, U2: 1}},
	}
	sol, err := bargain.Nash(deals, bargain.Point{U1: 0.2, U2: 0})
	if err != nil {
		panic(err)
	}
	fmt.Printf("(%.2f, %.2f)", sol.U1, sol.U2)
	for _, s := range sol.Lottery {
		fmt.Printf(" %s:%.1f", deals[s.Deal].Name, s.P)
	}
	fmt.Println()
	// Output: (0.60, 0.40) all to 2:0.4 all to 1:0.6
}

func ExampleNashDeal() {
	deals := []bargain.Deal{
		{Name: "A", Point: bargain.Point{U1: 3, U2: 1}},
		{Name: "B", Point: bargain.Point{U1: 2, U2: 2}},
		{Name: "C", Point: bargain.Point{U1: 1, U2: 3.5}},
	}
	batna := bargain.Point{U1: 0.5, U2: 0.5}
	fmt.Println("ZOPA:", bargain.ZOPA(deals, batna))
	i, _ := bargain.NashDeal(deals, batna)
	fmt.Println("Nash deal:", deals[i].Name)
	// Output:
	// ZOPA: [0 1 2]
	// Nash deal: B
}

func ExampleKalaiSmorodinskyCurve() {
	// The frontier u2 = 1 − u1²: Nash favours party 1 less than
	// Kalai–Smorodinsky does.
	c := bargain.Curve{U2: func(u float64) float64 { return 1 - u*u }, Min: 0, Max: 1}
	n, _ := bargain.NashCurve(c, bargain.Point{})
	ks, _ := bargain.KalaiSmorodinskyCurve(c, bargain.Point{})
	fmt.Printf("Nash (%.4f, %.4f)\nKS   (%.4f, %.4f)\n", n.U1, n.U2, ks.U1, ks.U2)
	// Output:
	// Nash (0.5774, 0.6667)
	// KS   (0.6180, 0.6180)
}
