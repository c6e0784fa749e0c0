package entente_test

import (
	"testing"

	"github.com/entente/entente"
)

func TestCultureOf(t *testing.T) {
	if c, err := entente.CultureOf(nil); c != nil || err != nil {
		t.Errorf("no scores: %v %v", c, err)
	}
	c, err := entente.CultureOf(map[string]float64{"power_distance": 35, "indulgence": 40})
	if err != nil || c.PowerDistance == nil || *c.PowerDistance != 35 || c.Indulgence == nil || *c.Indulgence != 40 || c.Masculinity != nil {
		t.Errorf("two scores: %+v %v", c, err)
	}
	if _, err := entente.CultureOf(map[string]float64{"power": 1}); entente.ErrorField(err) != "culture" || entente.ErrorCode(err) != entente.EINVALID {
		t.Errorf("an unknown dimension: %v", err)
	}
}
