package landscape

import (
	"fmt"
	"math/rand/v2"
	"sync"
)

// Search finds local minima by steepest descent from opt.Restarts random
// configurations. Restart r draws its start from a PCG generator seeded
// with (opt.Seed, r), so results depend on the seed only, not on the number
// of workers. Each minimum's basin is estimated as the share of restarts
// that ended in it (Hits/Restarts) times 2^(n−1): uniform random starts
// sample configurations uniformly, so the share estimates the basin's
// fraction of the landscape with binomial standard error
// √(share·(1−share)/Restarts). Minima no restart reached are missing, and
// Result.Complete is false.
func (s *System) Search(opt Options) (*Result, error) {
	ends := s.descents(opt)
	hits := map[Config]int{}
	for _, c := range ends {
		hits[c]++
	}
	if len(hits) > opt.maxMinima() {
		return nil, fmt.Errorf("%w: more than %d (raise Options.MaxMinima)", ErrTooManyMinima, opt.maxMinima())
	}
	res := &Result{N: s.n, Configurations: s.Configurations(), Method: MethodSearch, Restarts: len(ends)}
	for c, h := range hits {
		res.Minima = append(res.Minima, Minimum{Config: c, Hits: h})
	}
	s.estimate(res.Minima, len(ends))
	s.finish(res)
	return res, nil
}

// sampleBasins estimates the basins of known minima from seeded descents.
func (s *System) sampleBasins(opt Options, minima []Minimum) {
	index := make(map[Config]int, len(minima))
	for i, m := range minima {
		index[m.Config] = i
	}
	ends := s.descents(opt)
	for _, c := range ends {
		// Every descent ends at a local minimum, and exhaustive search
		// listed them all.
		if i, ok := index[c]; ok {
			minima[i].Hits++
		}
	}
	s.estimate(minima, len(ends))
}

func (s *System) estimate(minima []Minimum, restarts int) {
	for i := range minima {
		minima[i].Share = float64(minima[i].Hits) / float64(restarts)
		minima[i].Basin = minima[i].Share * float64(s.Configurations())
	}
}

// descents runs opt.Restarts seeded descents in parallel and returns where
// each ended, in restart order.
func (s *System) descents(opt Options) []Config {
	n := opt.restarts()
	ends := make([]Config, n)
	workers := min(opt.workers(), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			f := newFields(s)
			for r := w; r < n; r += workers {
				f.load(s.randomConfig(opt.Seed, r))
				ends[r] = f.descend()
			}
		})
	}
	wg.Wait()
	return ends
}

// randomConfig draws restart r's starting configuration: each actor in
// either bloc with probability 1/2, in canonical form.
func (s *System) randomConfig(seed uint64, r int) Config {
	rng := rand.New(rand.NewPCG(seed, uint64(r)))
	return (Config(rng.Uint64()) & mask(s.n)).Canonical(s.n)
}
