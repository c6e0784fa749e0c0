package burden_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/google/go-cmp/cmp"
)

func TestBucket(t *testing.T) {
	tenure := func(from, to int) entente.Tenure {
		tn := entente.Tenure{From: day(from)}
		if to >= 0 {
			tn.To = day(to)
		}
		return tn
	}
	s := &entente.PactState{Members: entente.ActorMapOf(map[entente.ActorID]*entente.Membership{
		"a": {Member: "a", Status: entente.Active, Tenures: []entente.Tenure{tenure(0, -1)}},
		"b": {Member: "b", Status: entente.Former, Tenures: []entente.Tenure{tenure(0, 15)}},  // left on day 15
		"c": {Member: "c", Status: entente.Active, Tenures: []entente.Tenure{tenure(25, -1)}}, // joined on day 25
		"x": {Member: "x", Status: entente.Refused},                                           // never a member
	})}
	contribute := func(by entente.ActorID, resource string, amount float64, at int) {
		s.Contributions = s.Contributions.Append(&entente.Contribution{Member: by, Resource: resource, Amount: amount, At: day(at)})
	}
	contribute("a", "eur", 5, 0)    // on the first bound: period 1
	contribute("a", "eur", 7, 10)   // period 1
	contribute("a", "staff", 2, 10) // priced at 3: 6
	contribute("a", "chairs", 9, 10)
	contribute("b", "eur", 4, 12)
	contribute("b", "eur", 1, 20)  // after b left, settling: still counted
	contribute("c", "eur", 3, 20)  // on the bound: period 2
	contribute("c", "eur", 8, 30)  // on the last bound: outside
	contribute("a", "eur", 2, -10) // before the first bound: outside
	bounds := []time.Time{day(0), day(20), day(30)}
	prices := burden.Prices{"eur": 1, "staff": 3}

	got := burden.Bucket(s, prices, bounds)
	want := []burden.Period{
		{From: day(0), To: day(20), Delivered: amounts{"a": 18, "b": 4}},
		{From: day(20), To: day(30), Delivered: amounts{"a": 0, "b": 1, "c": 3}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("periods (-want +got):\n%s", diff)
	}

	in := burden.FromPact(s, prices, nil, bounds)
	if diff := cmp.Diff([]entente.ActorID{"a", "b", "c"}, in.Members); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(amounts{"a": 20, "b": 5, "c": 11}, in.Delivered); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
	if got := burden.Bucket(s, prices, bounds[:1]); got != nil {
		t.Errorf("one bound: %v, want no periods", got)
	}
}
