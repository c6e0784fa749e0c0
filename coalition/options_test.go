package coalition_test

import (
	"math"
	"testing"

	"github.com/entente/entente/coalition"
	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

func TestSplitOptionsValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		o     coalition.SplitOptions
		field string
	}{
		{"the defaults", coalition.SplitOptions{Returns: 1}, ""},
		{"pooling and synergy", coalition.SplitOptions{Benefit: 90, Returns: 1.5, Synergy: 0.2}, ""},
		{"returns below 1", coalition.SplitOptions{Returns: 0.5}, "returns"},
		{"returns NaN", coalition.SplitOptions{Returns: math.NaN()}, "returns"},
		{"returns infinite", coalition.SplitOptions{Returns: math.Inf(1)}, "returns"},
		{"negative synergy", coalition.SplitOptions{Returns: 1, Synergy: -1}, "synergy"},
		{"negative benefit", coalition.SplitOptions{Returns: 1, Benefit: -1}, "benefit"},
		{"infinite benefit", coalition.SplitOptions{Returns: 1, Benefit: math.Inf(1)}, "benefit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Validate()
			cmdlinetest.WantField(t, err, tt.field)
		})
	}
}
