package panel

import (
	"testing"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

var (
	years    = [2]int{1946, 2020}
	sessions = [2]int{1, 74}
	system   = [2]int{1816, 2016}
)

func TestRequestsValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"panel", Request{Span: Span{1816, 2016}, NMC: 6}.Validate(system), ""},
		{"panel NMC 4", Request{Span: Span{1816, 2016}, NMC: 4}.Validate(system), "nmc"},
		{"panel from before the data", Request{Span: Span{1815, 2016}, NMC: 5}.Validate(system), "from"},
		{"panel to after the data", Request{Span: Span{1816, 2017}, NMC: 5}.Validate(system), "to"},
		{"panel reversed", Request{Span: Span{1900, 1899}, NMC: 5}.Validate(system), "from"},
		{"portfolio", PortfolioRequest{Span: Span{1816, 2016}, Ties: "either"}.Validate(system), ""},
		{"portfolio ties", PortfolioRequest{Span: Span{1816, 2016}, Ties: "both"}.Validate(system), "ties"},
	} {
		t.Run(tt.name, func(t *testing.T) { cmdlinetest.WantField(t, tt.err, tt.field) })
	}
}

func TestVoteRequestFilter(t *testing.T) {
	for _, tt := range []struct {
		name  string
		r     VoteRequest
		field string
	}{
		{"by year", VoteRequest{Span: Span{1946, 2020}, By: "year"}, ""},
		{"by session", VoteRequest{Span: Span{1, 74}, By: "session"}, ""},
		{"a year as a session", VoteRequest{Span: Span{1946, 2020}, By: "session"}, "from"},
		{"by decade", VoteRequest{Span: Span{1946, 2020}, By: "decade"}, "by"},
		{"an unknown issue", VoteRequest{Span: Span{1946, 2020}, By: "year", Issue: "xx"}, "issue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.Filter(years, sessions)
			cmdlinetest.WantField(t, err, tt.field)
		})
	}
	unanimous := &unvotes.RollCall{Tally: unvotes.Tally{Yes: 3}}
	split := &unvotes.RollCall{Tally: unvotes.Tally{Yes: 2, No: 1}}
	keep, err := VoteRequest{Span: Span{1946, 2020}, By: "year", Contested: true}.Filter(years, sessions)
	if err != nil || keep(unanimous) || !keep(split) {
		t.Errorf("Contested keeps a unanimous roll call %v, a split one %v (%v)", keep(unanimous), keep(split), err)
	}
}

func TestNetworkRequestOptions(t *testing.T) {
	for _, tt := range []struct {
		name  string
		r     NetworkRequest
		field string
	}{
		{"a year", NetworkRequest{Year: 1914, Type: "any"}, ""},
		{"a span", NetworkRequest{From: 1900, To: 1914, Type: "defense|offense"}, ""},
		{"neither", NetworkRequest{Type: "any"}, "year"},
		{"both", NetworkRequest{Year: 1914, From: 1900, Type: "any"}, "year"},
		{"a year before the data", NetworkRequest{Year: 1700, Type: "any"}, "year"},
		{"a span after the data", NetworkRequest{From: 1900, To: 2100, Type: "any"}, "to"},
		{"an unknown type", NetworkRequest{Year: 1914, Type: "friendship"}, "type"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.Options(system)
			cmdlinetest.WantField(t, err, tt.field)
		})
	}
}

// --by session makes --from and --to sessions and turns --contested on,
// unless they were given; by year nothing changes.
func TestBySessionDefaults(t *testing.T) {
	byYear := Span{From: years[0], To: years[1]}
	for _, c := range []struct {
		by    string
		given map[string]bool
		set   VoteRequest
		want  VoteRequest
	}{
		{"year", nil, VoteRequest{Span: byYear}, VoteRequest{Span: byYear}},
		{"session", nil, VoteRequest{Span: byYear}, VoteRequest{Span: Span{1, 74}, Contested: true}},
		{"session", map[string]bool{"from": true, "contested": true}, VoteRequest{Span: Span{40, 2020}}, VoteRequest{Span: Span{40, 74}}},
		{"session", map[string]bool{"to": true}, VoteRequest{Span: Span{1946, 11}}, VoteRequest{Span: Span{1, 11}, Contested: true}},
	} {
		got := c.set
		got.By, c.want.By = c.by, c.by
		got.BySessionDefaults(c.given, sessions)
		if got != c.want {
			t.Errorf("--by %s, given %v: %+v, want %+v", c.by, c.given, got, c.want)
		}
	}
}
