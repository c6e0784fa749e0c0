package reliability_test

import (
	"fmt"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/reliability"
)

// Two members of one alliance are invoked in a war: one fights beside its
// partner, one stays out. Per ally the commitment was honoured once in
// two; per alliance (PerAlliance) the alliance failed its partner.
func ExamplePerAlliance() {
	cases := []reliability.Case{
		{Conflict: 139, ATOPID: 2025, Ally: 200, Partners: []int{290}, Year: 1939, Invoked: atop.Defense, Join: true, Honoured: true},
		{Conflict: 139, ATOPID: 2025, Ally: 220, Partners: []int{290}, Year: 1939, Invoked: atop.Defense, Join: true, Honoured: false},
	}
	perAlly := reliability.Share(cases, 1816, 1944, nil, 1, 100)
	perAlliance := reliability.Share(reliability.PerAlliance(cases), 1816, 1944, nil, 1, 100)
	fmt.Printf("per ally %d/%d, per alliance %d/%d\n", perAlly.Honoured, perAlly.Cases, perAlliance.Honoured, perAlliance.Cases)
	// Output: per ally 1/2, per alliance 0/1
}
