package power

import (
	"testing"

	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

func TestRequestOptions(t *testing.T) {
	game := func(edit func(*Request)) Request {
		r := NewRequest()
		r.Weights, r.Quota = "3,2,1", "4"
		edit(&r)
		return r
	}
	for _, tt := range []struct {
		name  string
		r     Request
		field string
	}{
		{"a weighted game", game(func(*Request) {}), ""},
		{"a pact", Request{Pact: "jv", Matter: "general"}, ""},
		{"sampled with a seed", game(func(r *Request) { r.Samples, r.Seed, r.Given = 100, 3, map[string]bool{"seed": true} }), ""},
		{"no game", Request{Quota: "4"}, "weights"},
		{"two games", game(func(r *Request) { r.File = "w.csv" }), "weights"},
		{"a quota with a pact", Request{Pact: "jv", Matter: "general", Quota: "4"}, "quota"},
		{"blockers with a pact", Request{Pact: "jv", Matter: "general", MinBlockers: 2}, "min-blockers"},
		{"an unknown matter", Request{Pact: "jv", Matter: "lunch"}, "matter"},
		{"a matter without a pact", game(func(r *Request) { r.Given = map[string]bool{"matter": true} }), "matter"},
		{"no quota", game(func(r *Request) { r.Quota = " " }), "quota"},
		{"names for a file", Request{File: "w.csv", Quota: "4", Names: "a,b"}, "names"},
		{"negative samples", game(func(r *Request) { r.Samples = -1 }), "samples"},
		{"exact and sampled", game(func(r *Request) { r.Samples, r.Exact = 10, true }), "exact"},
		{"a seed without samples", game(func(r *Request) { r.Given = map[string]bool{"seed": true} }), "seed"},
		{"an unknown index", game(func(r *Request) { r.Indices = "gini" }), "indices"},
		{"a size that is none", game(func(r *Request) { r.MaxMemory = "lots" }), "max-memory"},
		{"steps that are none", game(func(r *Request) { r.MaxWork = "many" }), "max-work"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, opts, err := tt.r.Options()
			cmdlinetest.WantField(t, err, tt.field)
			if tt.field == "" && (tt.r.Samples > 0) != (opts.MonteCarlo != nil) {
				t.Errorf("Samples %d gave MonteCarlo %v", tt.r.Samples, opts.MonteCarlo)
			}
		})
	}
}
