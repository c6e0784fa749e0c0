package coalition

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente/entente"
)

func TestSplitText(t *testing.T) {
	sp := &Split{Members: []entente.ActorID{"a", "b"}, Delivered: []float64{1, 3}, Share: []float64{0.25, 0.75}, Benefit: 4, Returns: 1,
		Proportional: []float64{1, 3}, Shapley: []float64{1, 3}, ShapleyInCore: true, Method: "exact"}
	var text, csv bytes.Buffer
	if err := sp.WriteText(&text, "p"); err != nil {
		t.Fatal(err)
	}
	if err := sp.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text.String(), "p: splitting 4.00 (ρ = 1, γ = 0); the core is not empty, the Shapley split is in it\n") ||
		!strings.Contains(text.String(), "75.0%") || !strings.Contains(text.String(), " -\n") {
		t.Errorf("text:\n%s", text.String())
	}
	want := "member,delivered,share,proportional,shapley,nucleolus\nb,3,0.75,3,3,\na,1,0.25,1,1,\n"
	if csv.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", csv.String(), want)
	}
}
