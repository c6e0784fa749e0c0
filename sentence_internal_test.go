package entente

import (
	"strings"
	"testing"
)

// TestEveryEventHasASentence: each event type the log can hold reads as a
// sentence, not as its type name.
func TestEveryEventHasASentence(t *testing.T) {
	for name, newData := range eventTypes {
		got := Event{By: "a", Data: derefData(newData())}.Sentence()
		if got == name || !strings.HasSuffix(got, ".") {
			t.Errorf("%s reads %q", name, got)
		}
	}
}
