package entente

import (
	"fmt"
	"reflect"
)

// RefState is the state as the fold kept it before Lists and the index of
// what comes due (ref_test.go), for the external tests to compare with.
type RefState = refState

// RefExecute is Execute on the reference state.
func RefExecute(s *RefState, by ActorID, cmd Command, env Env) (*RefState, []Event, error) {
	return refExecuteExported(s, by, cmd, env)
}

// RefAdvance is Advance on the reference state.
func RefAdvance(s *RefState, env Env) (*RefState, []Event, error) {
	return refAdvanceExported(s, env)
}

// RefFold is Fold on the reference state.
func RefFold(events []Event) (*RefState, error) { return refFold(events) }

// CheckDueIndex reports an error when s's index of what comes due (or its
// delivered totals) are not what indexing s afresh gives. The index's shape depends only on the
// items in it, so the two must be deeply equal.
func CheckDueIndex(s *PactState) error {
	if !s.Derived.indexed {
		return nil
	}
	fresh := *s
	fresh.Derived = Derived{}
	fresh.rebuildDerived()
	if !reflect.DeepEqual(s.Derived.due, fresh.Derived.due) {
		return fmt.Errorf("the index of what comes due differs from a fresh one:\nkept  %s\nfresh %s", dueString(s.Derived.due), dueString(fresh.Derived.due))
	}
	totals := func(d Derived) map[string]map[ActorID]float64 {
		out := map[string]map[ActorID]float64{}
		var walk func(*deliveredNode)
		walk = func(n *deliveredNode) {
			if n == nil {
				return
			}
			walk(n.left)
			if out[n.resource] == nil {
				out[n.resource] = map[ActorID]float64{}
			}
			out[n.resource][n.member] = n.total
			walk(n.right)
		}
		walk(d.delivered)
		return out
	}
	if got, want := totals(s.Derived), totals(fresh.Derived); !reflect.DeepEqual(got, want) {
		return fmt.Errorf("the delivered totals differ from fresh ones:\nkept  %v\nfresh %v", got, want)
	}
	return nil
}

func dueString(ix dueIndex) string {
	out := ""
	for k, t := range ix.kinds {
		out += fmt.Sprintf("[%d:", k)
		var walk func(*dueNode)
		walk = func(n *dueNode) {
			if n == nil {
				return
			}
			walk(n.left)
			out += fmt.Sprintf(" %s/%s/%d", n.key.at.Format("2006-01-02T15:04"), n.key.id, n.key.i)
			walk(n.right)
		}
		walk(t)
		out += "]"
	}
	return out
}
