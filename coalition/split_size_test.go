package coalition_test

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/coalition"
)

// bigPact is a pact of n members, member i having delivered i+1.
func bigPact(n int) *entente.PactState {
	st := &entente.PactState{Pact: entente.Pact{ID: "big"}, Members: entente.ActorMap[*entente.Membership]{}}
	for i := range n {
		id := entente.ActorID(fmt.Sprintf("m%03d", i))
		st.Members = st.Members.Set(id, &entente.Membership{Member: id, Status: entente.Active})
		st.Contributions = st.Contributions.Append(&entente.Contribution{Member: id, Resource: "eur", Amount: float64(i + 1), At: time.Unix(0, 0)})
	}
	return st
}

// TestSplitOfLargePacts: a split is exact up to MaxExactSplitMembers,
// sampled (with its bound, close to the exact value of the additive game)
// up to MaxPlayers, and refused beyond with a clear error, never a panic.
func TestSplitOfLargePacts(t *testing.T) {
	for _, tc := range []struct {
		n      int
		method string
	}{{coalition.MaxExactSplitMembers, "exact"}, {coalition.MaxExactSplitMembers + 1, "sampled"}, {64, "sampled"}} {
		sp, err := coalition.PactSplit(bigPact(tc.n), coalition.SplitOptions{Benefit: 100})
		if err != nil {
			t.Fatalf("%d members: %v", tc.n, err)
		}
		if sp.Method != tc.method {
			t.Errorf("%d members: method %s, want %s", tc.n, sp.Method, tc.method)
		}
		for i := range sp.Shapley {
			// The game is additive (returns 1, no synergy): Shapley is
			// the proportional split, which sampling must hit within its
			// bound.
			if math.Abs(sp.Shapley[i]-sp.Proportional[i]) > sp.ShapleyBound+1e-9 {
				t.Errorf("%d members: member %d Shapley %v, proportional %v, bound %v", tc.n, i, sp.Shapley[i], sp.Proportional[i], sp.ShapleyBound)
				break
			}
		}
	}
	for _, n := range []int{65, 1130} {
		_, err := coalition.PactSplit(bigPact(n), coalition.SplitOptions{Benefit: 100})
		if !errors.Is(err, coalition.ErrPlayers) {
			t.Errorf("%d members: %v, want ErrPlayers", n, err)
		}
	}
}
