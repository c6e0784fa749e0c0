package fpsim_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/entente/entente/fpsim"
)

// The published example of Signorino and Ritter (1999, Table 6): the 1914
// alliance portfolios of Germany and Russia over twenty European states,
// weighted by the states' capability shares.
func ExampleComparePortfolios() {
	// GMY RUS UKG FRN AUH ITA BEL SPN TUR NTH SWD RUM POR SWZ GRC DEN YUG BUL NOR ALB
	gmy := []int8{3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0}
	rus := []int8{0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	cinc := []float64{.25, .21, .2, .08, .08, .05, .03, .03, .02, .01, .01, .01, .01, .01, 0, 0, 0, 0, 0, 0}
	s, err := fpsim.ComparePortfolios(gmy, rus, cinc, fpsim.DefensePact)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("states %d\n", s.N)
	fmt.Printf("tau-b %.4f\n", s.TauB)
	fmt.Printf("S %.2f, weighted %.2f\n", s.SAbs, s.SWAbs)
	fmt.Printf("kappa %.4f, pi %.4f (squared distance)\n", s.KappaSq, s.PiSq)
	// Output:
	// states 20
	// tau-b 0.0303
	// S 0.40, weighted -0.46
	// kappa -0.0776, pi -0.0870 (squared distance)
}

// A year of alliance portfolios, every dyad streamed to a CSV writer.
func ExamplePortfolioYear_Dyads() {
	const n = 4 // states A, B, C, D by dense index
	levels := fpsim.NewLevelMatrix(n, fpsim.DefensePact)
	tie := func(i, k int, level int8) { levels[i*n+k], levels[k*n+i] = level, level }
	tie(0, 1, fpsim.DefensePact) // A-B
	tie(0, 2, fpsim.Entente)     // A-C
	cinc := []float64{0.4, 0.3, 0.2, 0.1}

	year, err := fpsim.NewPortfolioYear(n, levels, cinc, fpsim.DefensePact)
	if err != nil {
		fmt.Println(err)
		return
	}
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"i", "j", "n", "s_abs", "s_w_abs", "kappa_sq", "pi_sq", "tau_b"})
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	err = year.Dyads(fpsim.Options{Workers: 2}, func(d fpsim.PortfolioDyad) error {
		return w.Write([]string{
			strconv.Itoa(int(d.I)), strconv.Itoa(int(d.J)), strconv.Itoa(int(d.N)),
			f(d.SAbs), f(d.SWAbs), f(d.KappaSq), f(d.PiSq), f(d.TauB),
		})
	})
	w.Flush()
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// i,j,n,s_abs,s_w_abs,kappa_sq,pi_sq,tau_b
	// 0,1,4,0.833,0.867,0.938,0.937,0.894
	// 0,2,4,-0.167,-0.400,-0.133,-0.225,0.000
	// 0,3,4,-0.667,-0.733,-0.600,-0.806,-0.775
	// 1,2,4,-0.333,-0.533,-0.375,-0.419,-0.224
	// 1,3,4,-0.500,-0.600,-0.500,-0.600,-0.577
	// 2,3,4,-0.167,0.133,-0.462,-0.476,-0.516
}

// A country that is absent or not a member drops out of a roll call
// pairwise; a subset of roll calls (important votes, one issue) is taken
// once per year and then scored like the full set.
func ExampleVoteMatrix_Subset() {
	// Four roll calls (rows) of three countries (columns).
	codes := []int8{
		fpsim.VoteYes, fpsim.VoteYes, fpsim.VoteNo,
		fpsim.VoteYes, fpsim.VoteAbstain, fpsim.VoteNo,
		fpsim.VoteNo, fpsim.VoteNo, fpsim.VoteAbsent,
		fpsim.VoteYes, fpsim.VoteYes, fpsim.VoteNotMember,
	}
	all, err := fpsim.NewVoteMatrix(4, 3, codes)
	if err != nil {
		fmt.Println(err)
		return
	}
	important, err := all.Subset([]bool{false, true, true, false})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []*fpsim.VoteMatrix{all, important} {
		fmt.Printf("%d roll calls\n", m.Calls())
		m.Dyads(fpsim.Options{}, func(d fpsim.VoteDyad) error {
			fmt.Printf("  %d-%d: n %d, agree %.3f, agree (half) %.3f, S %.3f\n", d.I, d.J, d.N, d.Agree, d.AgreeHalf, d.SAbs)
			return nil
		})
	}
	// Output:
	// 4 roll calls
	//   0-1: n 4, agree 0.750, agree (half) 0.875, S 0.750
	//   0-2: n 2, agree 0.000, agree (half) 0.000, S -1.000
	//   1-2: n 2, agree 0.000, agree (half) 0.250, S -0.500
	// 2 roll calls
	//   0-1: n 2, agree 0.500, agree (half) 0.750, S 0.500
	//   0-2: n 1, agree 0.000, agree (half) 0.000, S -1.000
	//   1-2: n 1, agree 0.000, agree (half) 0.500, S 0.000
}

// One dyad's votes.
func ExampleCompareVotes() {
	x := []int8{fpsim.VoteYes, fpsim.VoteYes, fpsim.VoteNo, fpsim.VoteAbstain, fpsim.VoteYes, fpsim.VoteAbsent}
	y := []int8{fpsim.VoteYes, fpsim.VoteNo, fpsim.VoteNo, fpsim.VoteYes, fpsim.VoteAbstain, fpsim.VoteYes}
	s, err := fpsim.CompareVotes(x, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("n %d, agree %.2f, agree (half) %.2f, S %.2f, kappa %.4f, pi %.4f, tau-b %.4f\n",
		s.N, s.Agree, s.AgreeHalf, s.SAbs, s.KappaAbs, s.PiAbs, s.TauB)
	// Output:
	// n 5, agree 0.40, agree (half) 0.60, S 0.20, kappa 0.1667, pi 0.1304, tau-b 0.1336
}

// Scoring a cross-table that was tabulated elsewhere, such as EUGene's 4×4
// portfolio table of a dyad (its cell rportuAB, for COW types A and B, goes
// to Count[4-A][4-B]).
func ExampleTable_Scores() {
	t := fpsim.Table{Levels: 4}
	t.Count[0][0] = 150 // neither state allied to these
	t.Count[3][3] = 12  // both in a defense pact with these
	t.Count[3][0] = 3
	t.Count[0][1] = 5
	s := t.Scores()
	fmt.Printf("n %d, S %.3f, kappa %.3f, pi %.3f, tau-b %.3f\n", s.N, s.SAbs, s.KappaAbs, s.PiAbs, s.TauB)
	// Output:
	// n 170, S 0.945, kappa 0.822, pi 0.822, tau-b 0.742
}

// Mapping ATOP obligations to the ordinal portfolio levels.
func ExampleATOPLevel() {
	fmt.Println(fpsim.ATOPLevel(false, true, false, false, true)) // offense, consultation
	fmt.Println(fpsim.ATOPLevel(false, false, false, true, true)) // non-aggression, consultation
	fmt.Println(fpsim.ATOPLevel(false, false, false, false, true))
	// Output:
	// 3
	// 2
	// 1
}
