package report

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/internal/cmdline/cmdlinetest"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/panel"
)

func TestRequestsOptions(t *testing.T) {
	claim := func(edit func(*ClaimRequest)) error {
		r := NewClaimRequest()
		edit(&r)
		_, err := r.Options()
		return err
	}
	hub := func(edit func(*HubRequest)) error { r := NewHubRequest(); edit(&r); _, err := r.Options(); return err }
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"claim defaults", claim(func(*ClaimRequest) {}), ""},
		{"claim hub 0", claim(func(r *ClaimRequest) { r.Hub = 0 }), "hub"},
		{"claim hub 1000", claim(func(r *ClaimRequest) { r.Hub = 1000 }), "hub"},
		{"claim sessions reversed", claim(func(r *ClaimRequest) { r.FromSession, r.ToSession = 9, 3 }), "from-session"},
		{"claim negative calls", claim(func(r *ClaimRequest) { r.MinCalls = -1 }), "min-calls"},
		{"claim unknown type", claim(func(r *ClaimRequest) { r.Type = "friendship" }), "type"},
		{"hub defaults", hub(func(*HubRequest) {}), ""},
		{"hub from before the votes", hub(func(r *HubRequest) { r.From = 1945 }), "from"},
		{"hub to after the votes", hub(func(r *HubRequest) { r.To = 2021 }), "to"},
		{"hub reversed", hub(func(r *HubRequest) { r.From, r.To = 1990, 1980 }), "from"},
		{"hub not a code", hub(func(r *HubRequest) { r.Hubs = "2,usa" }), "hubs"},
		{"hub code 0", hub(func(r *HubRequest) { r.Hubs = "0" }), "hubs"},
		{"hub unknown type", hub(func(r *HubRequest) { r.Type = "x" }), "type"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmdlinetest.WantField(t, tt.err, tt.field)
		})
	}
	opt, err := HubRequest{Span: panel.Span{From: 1950, To: 1960}, Hubs: " 2, 365 ", Type: "defense|offense"}.Options()
	want := HubOptions{Hubs: []int{2, 365}, From: 1950, To: 1960, Obligation: atop.Defense | atop.Offense}
	if err != nil || !reflect.DeepEqual(opt, want) {
		t.Errorf("Options = %+v, %v; want %+v", opt, err, want)
	}
}

// Validate checks the request and its --chart file before any data are
// read: the chart is a .png in a folder that exists.
func TestClaimRequestValidate(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, chart, want string
	}{
		{"no chart", "", ""},
		{"png", filepath.Join(dir, "claim.png"), ""},
		{"svg", filepath.Join(dir, "claim.svg"), "--chart"},
		{"no folder", filepath.Join(dir, "nowhere", "claim.png"), "--chart"},
	} {
		r := NewClaimRequest()
		r.Chart = tc.chart
		err := r.Validate()
		var u output.UsageError
		if tc.want == "" && err != nil || tc.want != "" && (!errors.As(err, &u) || !strings.HasPrefix(u.Msg, tc.want)) {
			t.Errorf("%s: Validate() = %v, want %q", tc.name, err, tc.want)
		}
	}
	r := NewClaimRequest()
	r.Hub = 0
	cmdlinetest.WantField(t, r.Validate(), "hub")
	if _, err := r.Fit(ClaimInput{}); err == nil {
		t.Error("Fit of an invalid request: expected its error")
	}
}
