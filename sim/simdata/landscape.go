package simdata

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/landscape"
	"github.com/entente/entente/sim"
)

// LandscapeOptions say how to compare the simulation's alignments with
// landscape theory's prediction from the same start.
type LandscapeOptions struct {
	// From is the start year and Years the span: the alignments compared
	// are those at the end of year From+Years−1.
	From, Years int
	// Actors is how many of the strongest states at the start are
	// compared (0: 20; at most landscape.AutoExhaustive, so that the
	// landscape's global minimum is exact).
	Actors int
	// Params, Runs, Seed: the simulations compared.
	Params sim.Params
	Runs   int
	Seed   uint64
}

// LandscapeComparison is the simulation set against landscape theory
// (Axelrod and Bennett 1993) on the same start: the strongest states of
// the start year, their predicted two-bloc alignment (the global minimum
// of the energy, propensities from the start's alliance portfolios), and
// how far each prediction agrees with the alignment history shows at the
// end of the span.
//
// Alignments are compared pair by pair (the Rand index): the share of the
// pairs of compared states that two alignments both put on the same side
// or both put apart. An alignment by pacts puts two states on the same
// side when a chain of defence pacts links them (the blocs of the
// statistics); a state in none is on a side of its own. The landscape's
// sides are its two blocs. The persistence baseline predicts that the
// start's alignment by pacts still holds.
type LandscapeComparison struct {
	From, To int
	// Names are the states compared (present at the start and the end),
	// strongest first; Bloc is each one's landscape bloc (true: B).
	Names []string
	Bloc  []bool
	// Landscape, Persistence: the Rand index of each prediction against
	// history at the end.
	Landscape, Persistence float64
	// Simulation is the Rand index of the runs' alignments at the end
	// against history (mean and 90% band over the runs), SimVsLandscape
	// against the landscape's blocs.
	Simulation, SimVsLandscape sim.Estimate
	Runs                       int
}

// CompareLandscape runs the comparison from the data in dir.
func CompareLandscape(ctx context.Context, dir string, o LandscapeOptions) (*LandscapeComparison, error) {
	if o.Actors == 0 {
		o.Actors = 20
	}
	if o.Actors < 3 || o.Actors > landscape.AutoExhaustive {
		return nil, fmt.Errorf("landscape comparison: expected 3 to %d actors, got %d", landscape.AutoExhaustive, o.Actors)
	}
	if o.Years < 1 || o.Runs < 1 {
		return nil, fmt.Errorf("landscape comparison: expected at least 1 year and 1 run, got %d and %d", o.Years, o.Runs)
	}
	start, err := Load(dir, Options{Year: o.From, Years: o.Years})
	if err != nil {
		return nil, err
	}
	end := o.From + o.Years - 1
	last, err := Load(dir, Options{Year: end, Years: 1})
	if err != nil {
		return nil, err
	}
	atEnd := map[entente.ActorID]bool{}
	for _, a := range last.Actors {
		atEnd[a.ID] = true
	}
	// The strongest states present at the start and still there at the end.
	var cands []sim.ActorSpec
	for _, a := range start.Actors {
		if a.Entry == 0 && atEnd[a.ID] {
			cands = append(cands, a)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].Capability > cands[j].Capability })
	if len(cands) > o.Actors {
		cands = cands[:o.Actors]
	}
	ids := make([]entente.ActorID, len(cands))
	c := &LandscapeComparison{From: o.From, To: end, Runs: o.Runs}
	for i, a := range cands {
		ids[i] = a.ID
		c.Names = append(c.Names, string(a.ID))
	}
	blocs, err := landscapeBlocs(start, cands)
	if err != nil {
		return nil, err
	}
	c.Bloc = blocs
	predicted := make([]int, len(blocs))
	for i, b := range blocs {
		if b {
			predicted[i] = 1
		}
	}
	history := pactSides(ids, last.Pacts)
	c.Landscape = randIndex(predicted, history)
	c.Persistence = randIndex(pactSides(ids, start.Pacts), history)
	var vsHistory, vsLandscape []float64
	for run := 0; run < o.Runs; run++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res, err := sim.Run(start, o.Params, sim.Options{Years: o.Years, KeepLogs: true}, o.Seed, run)
		if err != nil {
			return nil, err
		}
		var pacts []sim.PactSpec
		for _, pl := range res.Pacts {
			if pl.State.Dissolved == nil {
				pacts = append(pacts, sim.PactSpec{ID: pl.State.Pact.ID, Members: pl.State.InPact(), Obligations: pl.State.Pact.Obligations})
			}
		}
		sides := pactSides(ids, pacts)
		vsHistory = append(vsHistory, randIndex(sides, history))
		vsLandscape = append(vsLandscape, randIndex(sides, predicted))
	}
	c.Simulation, c.SimVsLandscape = summarise(vsHistory), summarise(vsLandscape)
	return c, nil
}

// landscapeBlocs is the global minimum of the landscape of the actors:
// sizes their capability shares, propensities the centred S similarity of
// their alliance portfolios at the start (ties to every state of the
// start: 1 for a defence or offence pact, 2/3 neutrality or
// non-aggression, 1/3 consultation; landscape.TieStrength's scale).
func landscapeBlocs(w *sim.World, actors []sim.ActorSpec) ([]bool, error) {
	var refs []entente.ActorID
	for _, a := range w.Actors {
		if a.Entry == 0 {
			refs = append(refs, a.ID)
		}
	}
	col := map[entente.ActorID]int{}
	for k, id := range refs {
		col[id] = k
	}
	ties := make([][]float64, len(actors))
	row := map[entente.ActorID]int{}
	var total float64
	sizes := make([]float64, len(actors))
	for i, a := range actors {
		ties[i] = make([]float64, len(refs))
		ties[i][col[a.ID]] = 1
		row[a.ID] = i
		total += a.Capability
	}
	for i, a := range actors {
		sizes[i] = a.Capability / total
	}
	for _, p := range w.Pacts {
		s := obligationTie(p.Obligations)
		for _, m := range p.Members {
			i, ok := row[m]
			if !ok {
				continue
			}
			for _, o := range p.Members {
				if k, ok := col[o]; ok && o != m {
					ties[i][k] = math.Max(ties[i][k], s)
				}
			}
		}
	}
	sim, err := landscape.PortfolioS(ties)
	if err != nil {
		return nil, err
	}
	prop, err := landscape.Centered(sim)
	if err != nil {
		return nil, err
	}
	sys, err := landscape.NewSystem(sizes, prop)
	if err != nil {
		return nil, err
	}
	res, err := sys.Exhaustive(landscape.Options{NoBasins: true, Workers: 1})
	if err != nil {
		return nil, err
	}
	g := res.Global()
	out := make([]bool, len(actors))
	for i := range out {
		out[i] = g.Config.InB(i)
	}
	return out, nil
}

// obligationTie is landscape.TieStrength's scale for the domain's
// obligations (a pact in force with none listed is a defence pact, as
// the simulator reads it).
func obligationTie(obl []entente.Obligation) float64 {
	best := 0.0
	if len(obl) == 0 {
		return 1
	}
	for _, o := range obl {
		switch o {
		case entente.Defense, entente.Offense:
			best = math.Max(best, 1)
		case entente.Neutrality, entente.NonAggression:
			best = math.Max(best, 2.0/3)
		case entente.Consultation:
			best = math.Max(best, 1.0/3)
		}
	}
	return best
}

// pactSides labels each of ids with its side in the alignment by defence
// pacts: the states a chain of defence pacts links share a label; a state
// in none has a label of its own.
func pactSides(ids []entente.ActorID, pacts []sim.PactSpec) []int {
	at := map[entente.ActorID]int{}
	for i, id := range ids {
		at[id] = i
	}
	parent := make([]int, len(ids))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, p := range pacts {
		if obligationTie(p.Obligations) < 1 {
			continue
		}
		first := -1
		for _, m := range p.Members {
			i, ok := at[m]
			if !ok {
				continue
			}
			if first < 0 {
				first = i
				continue
			}
			a, b := find(first), find(i)
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	out := make([]int, len(ids))
	for i := range out {
		out[i] = find(i)
	}
	return out
}

// randIndex is the share of pairs that two labellings both put together
// or both apart.
func randIndex(a, b []int) float64 {
	var agree, pairs float64
	for i := range a {
		for j := i + 1; j < len(a); j++ {
			pairs++
			if (a[i] == a[j]) == (b[i] == b[j]) {
				agree++
			}
		}
	}
	return agree / pairs
}

func summarise(v []float64) sim.Estimate {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	var sum float64
	for _, x := range s {
		sum += x
	}
	return sim.Estimate{Mean: sum / float64(len(s)), Lo: sim.Quantile(s, 0.05), Hi: sim.Quantile(s, 0.95)}
}

// WriteText writes the comparison in words and figures.
func (c *LandscapeComparison) WriteText(w io.Writer) error {
	var a, b []string
	for i, n := range c.Names {
		if c.Bloc[i] {
			b = append(b, n)
		} else {
			a = append(a, n)
		}
	}
	var s strings.Builder
	fmt.Fprintf(&s, "Alignments of the %d strongest states of %d at the end of %d (Rand index against history: the share of pairs put on the same side or apart alike)\n",
		len(c.Names), c.From, c.To)
	fmt.Fprintf(&s, "landscape prediction from %d (global minimum): {%s} against {%s}\n", c.From, strings.Join(a, " "), strings.Join(b, " "))
	fmt.Fprintf(&s, "  landscape prediction vs history:      %.3f\n", c.Landscape)
	fmt.Fprintf(&s, "  persistence (%d pacts) vs history:   %.3f\n", c.From, c.Persistence)
	fmt.Fprintf(&s, "  simulation vs history (%d runs):      %.3f [%.3f, %.3f]\n", c.Runs, c.Simulation.Mean, c.Simulation.Lo, c.Simulation.Hi)
	fmt.Fprintf(&s, "  simulation vs landscape prediction:   %.3f [%.3f, %.3f]\n", c.SimVsLandscape.Mean, c.SimVsLandscape.Lo, c.SimVsLandscape.Hi)
	_, err := io.WriteString(w, s.String())
	return err
}
