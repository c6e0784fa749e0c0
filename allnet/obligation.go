package allnet

import (
	"fmt"
	"strings"
)

// Obligation is a set of alliance obligation types (a bit mask). The bits
// follow the ATOP codebook order, the same as the importer's
// atop.Obligation, so converting between the two is a plain type
// conversion.
type Obligation uint8

// The obligation types, in ATOP codebook order.
const (
	Defense       Obligation = 1 << iota // military support if a partner is attacked
	Offense                              // military support in an offensive conflict
	Neutrality                           // neutrality if a partner is in conflict
	NonAggression                        // no attack on the partner
	Consultation                         // consultation in a crisis
	// Any selects every obligation type: the network of all alliances.
	Any = Defense | Offense | Neutrality | NonAggression | Consultation
)

// obligationNames pairs each type with its name in String and
// ParseObligation; the ATOP column names are accepted as aliases.
var obligationNames = [...]struct {
	o           Obligation
	name, alias string
}{
	{Defense, "defense", "defense"},
	{Offense, "offense", "offense"},
	{Neutrality, "neutrality", "neutral"},
	{NonAggression, "nonaggression", "nonagg"},
	{Consultation, "consultation", "consul"},
}

// String lists the types joined by "|", e.g. "defense|offense"; Any is
// "any" and the empty set "none".
func (o Obligation) String() string {
	switch o {
	case Any:
		return "any"
	case 0:
		return "none"
	}
	var parts []string
	for _, on := range obligationNames {
		if o&on.o != 0 {
			parts = append(parts, on.name)
		}
	}
	if rest := o &^ Any; rest != 0 {
		parts = append(parts, fmt.Sprintf("0x%02x", uint8(rest)))
	}
	return strings.Join(parts, "|")
}

// ParseObligation reads a mask written as String writes it: type names
// joined by "|" ("defense|offense"), "any", or the ATOP column names
// ("neutral", "nonagg", "consul"). Case and spaces around names are
// ignored.
func ParseObligation(s string) (Obligation, error) {
	var o Obligation
	for _, part := range strings.Split(s, "|") {
		p := strings.ToLower(strings.TrimSpace(part))
		if p == "any" {
			o |= Any
			continue
		}
		found := false
		for _, on := range obligationNames {
			if p == on.name || p == on.alias {
				o |= on.o
				found = true
				break
			}
		}
		if !found {
			return 0, fmt.Errorf("allnet: unknown obligation type %q in %q (want defense, offense, neutrality, nonaggression, consultation or any)", part, s)
		}
	}
	return o, nil
}
