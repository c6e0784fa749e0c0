package http

import (
	"net/url"
	"regexp"
	"testing"

	"github.com/entente/entente"
)

// FuzzFoundForm feeds the agreement editor arbitrary queries: it must not
// panic; a charter it accepts must validate, with founders enough for its
// kind; a charter it refuses must name only fields the editor has.
func FuzzFoundForm(f *testing.F) {
	f.Add("template=rnd-jv&edited=1&id=lab&name=Lab&kind=alliance&founders=a,b")
	f.Add("template=municipal&edited=1&id=n&name=N&kind=coalition&founders=a&rule_budget=double_majority&threshold_budget=55%25&second_budget=0.65&weight_budget=capability:economic")
	f.Add("edited=1&id=Bad&founders=a,a&notice=-3d&rule_general=weighted&threshold_general=2")
	f.Add("template=advocacy&edited=1&purposes=love&benefits=fixed_shares&join=maybe&visibility=secret")
	fields := regexp.MustCompile(`^(id|name|kind|founders|purposes|activities|join|benefits|visibility|notice|wind_down|negotiation|mediation|arbitration|ip_background|ip_foreground|ip_sideground|rule_(general|budget|admission|amendment|dissolution))$`)
	known := func(id entente.ActorID) bool { return id == "a" || id == "b" || id == "c" }
	exists := func(id entente.PactID) bool { return id == "co" }
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		form := readForm(q, "a")
		if form.build(known, exists) {
			if err := form.pact.Validate(); err != nil {
				t.Fatalf("accepted a charter that does not validate: %v", err)
			}
			if len(form.founders) == 0 || (form.pact.Kind == entente.Alliance && len(form.founders) < 2) {
				t.Fatalf("accepted %d founders for a %s", len(form.founders), form.pact.Kind)
			}
			return
		}
		for field := range form.Errors {
			if !fields.MatchString(field) {
				t.Errorf("an error names %q, which the editor has no field for: %s", field, form.Errors[field])
			}
		}
	})
}
