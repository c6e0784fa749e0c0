package commandflag

import (
	"reflect"
	"testing"
)

// ParseHelp splits an action's help into the fields given as arguments,
// the description and each flag's help.
func TestParseHelp(t *testing.T) {
	for _, tc := range []struct {
		name, line, text string
		want             Help
	}{
		{"no arguments", "PACT --key FILE [flags]", "Pledges an amount.\n\n--amount the amount pledged\n--due the due `date`\n",
			Help{Args: nil, Description: "Pledges an amount.", Usage: map[string]string{"amount": "the amount pledged", "due": "the due `date`"}}},
		// a line "--WORD rest" is a flag's help wherever it stands
		{"arguments", "PACT DISPUTE --key FILE [flags]", "Escalates a dispute.\n--reason why\nSecond line.",
			Help{Args: []string{"dispute"}, Description: "Escalates a dispute.\nSecond line.", Usage: map[string]string{"reason": "why"}}},
	} {
		tc.want.Line = tc.line
		got := ParseHelp(tc.line, tc.text)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: ParseHelp = %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if got := ParseHelp("PACT PROPOSAL --key FILE [flags]", "").Positional(); got != "PACT PROPOSAL" {
		t.Errorf("Positional = %q", got)
	}
}
