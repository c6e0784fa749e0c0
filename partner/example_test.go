package partner_test

import (
	"fmt"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

// A firm looking for 100 units of technology ranks two candidates. Neither
// has culture scores and there is no rivalry data, so those parts are
// unknown and the score is the weighted mean of the other four.
func ExampleRank() {
	firm := &entente.Actor{ID: "acme", Capabilities: map[string]float64{"economic": 500, "technology": 20},
		Positions: map[string]float64{"open_source": 0.8}}
	lab := &entente.Actor{ID: "lab", Capabilities: map[string]float64{"economic": 50, "technology": 90},
		Positions: map[string]float64{"open_source": 0.6}}
	giant := &entente.Actor{ID: "giant", Capabilities: map[string]float64{"economic": 5000, "technology": 400},
		Positions: map[string]float64{"open_source": -0.5}}
	ranked := partner.Rank(firm, []*entente.Actor{giant, lab}, partner.Objective{"technology": 100},
		partner.Options{PowerMeasure: "economic", PositionRange: map[string]float64{"open_source": 2}})
	for _, c := range ranked {
		fmt.Printf("%d. %s %.3f (unknown: %v)\n", c.Rank, c.ID, c.Score, c.Unknown)
		for _, p := range c.Parts {
			if p.Known {
				fmt.Printf("   %-15s raw %.3f  normalised %.3f  share %.3f  contribution %.3f\n", p.Name, p.Raw, p.Normalised, p.Share, p.Contribution)
			}
		}
	}
	// Output:
	// 1. lab 0.881 (unknown: [culture threats])
	//    complementarity raw 1.000  normalised 1.000  share 0.375  contribution 0.375
	//    alignment       raw 0.900  normalised 0.900  share 0.250  contribution 0.225
	//    reputation      raw 0.500  normalised 0.500  share 0.187  contribution 0.094
	//    autonomy        raw 0.091  normalised 1.000  share 0.187  contribution 0.187
	// 2. giant 0.590 (unknown: [culture threats])
	//    complementarity raw 1.000  normalised 1.000  share 0.375  contribution 0.375
	//    alignment       raw 0.350  normalised 0.350  share 0.250  contribution 0.087
	//    reputation      raw 0.500  normalised 0.500  share 0.187  contribution 0.094
	//    autonomy        raw 0.909  normalised 0.182  share 0.187  contribution 0.034
}
