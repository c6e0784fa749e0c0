package partner

import (
	"math"
	"testing"
)

// FuzzParseObjective feeds arbitrary text to the --objective parser:
// anything may be refused, nothing may panic, and what is accepted has
// only named metrics with finite targets above zero and reads back the
// same from its own String form.
func FuzzParseObjective(f *testing.F) {
	for _, s := range []string{"technology=200,staff=50", "a=1", "", "a=0", "a=1,a=2", "=3", "a=NaN", "a=1e400", " b = 2 , c=3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseObjective(s)
		if err != nil {
			return
		}
		for name, v := range o {
			if name == "" || !(v > 0) || math.IsInf(v, 0) {
				t.Fatalf("ParseObjective(%q) accepted %q=%v", s, name, v)
			}
		}
		again, err := ParseObjective(o.String())
		if err != nil {
			t.Fatalf("ParseObjective(%q).String() = %q does not parse: %v", s, o.String(), err)
		}
		if len(again) != len(o) {
			t.Fatalf("round trip of %q: %d metrics, then %d", s, len(o), len(again))
		}
		for name, v := range o {
			if again[name] != v {
				t.Fatalf("round trip of %q: %s=%v, then %v", s, name, v, again[name])
			}
		}
	})
}
