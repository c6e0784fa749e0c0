package report

import (
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/panel"
)

// ClaimRequest is what the test of seed 003's claim asks for, its inputs
// named as the command line names them; 0 sessions and calls mean
// HubClaim's defaults.
type ClaimRequest struct {
	Hub         int    `flag:"hub" arg:"code" usage:"the hub's COW code" min:"1" max:"999"`
	FromSession int    `flag:"from-session" arg:"session" usage:"first General Assembly session (default 2)" min:"0"`
	ToSession   int    `flag:"to-session" arg:"session" usage:"last session (default 71)" min:"0"`
	Type        string `flag:"type" arg:"types" usage:"the obligation types that make an ally (see entente network --help)"`
	MinCalls    int    `flag:"min-calls" usage:"the fewest hub-minority roll calls a state must have voted on in a session (default 5)" min:"0"`
	Important   bool   `flag:"important" usage:"measure agreement on the contested important votes (US State Department list, sessions 38-72) instead of the hub's minority votes"`
	Chart       string `flag:"chart" arg:"file" usage:"draw the coefficients with 95% intervals to this file (.png)"`
}

// NewClaimRequest is the default request: the United States as the hub,
// defence pacts as alliances.
func NewClaimRequest() ClaimRequest { return ClaimRequest{Hub: USA, Type: "defense"} }

// Options checks r and returns the options of HubClaim it asks for; an
// error is an EINVALID *entente.Error naming the input.
func (r ClaimRequest) Options() (ClaimOptions, error) {
	if err := cmdline.Validate(r); err != nil {
		return ClaimOptions{}, err
	}
	if r.FromSession != 0 && r.ToSession != 0 && r.FromSession > r.ToSession {
		return ClaimOptions{}, entente.FieldErrorf(entente.EINVALID, "from-session", "%d is after --to-session %d", r.FromSession, r.ToSession)
	}
	mask, err := obligation(r.Type)
	return ClaimOptions{Hub: r.Hub, FromSession: r.FromSession, ToSession: r.ToSession, Obligation: mask, MinCalls: r.MinCalls, Important: r.Important}, err
}

// Validate checks r (Options) and its chart file, a .png in a folder
// that exists, before any data are read.
func (r ClaimRequest) Validate() error {
	if _, err := r.Options(); err != nil {
		return err
	}
	if _, err := output.ChartFile("--chart", r.Chart, "png"); err != nil {
		return err
	}
	return output.CheckDir("--chart", r.Chart)
}

// Fit tests the claim r asks for on in (HubClaim).
func (r ClaimRequest) Fit(in ClaimInput) (*ClaimResult, error) {
	opt, err := r.Options()
	if err != nil {
		return nil, err
	}
	return HubClaim(in, opt)
}

// HubRequest is what the hub-and-spoke report asks for, its inputs named
// as the command line names them.
type HubRequest struct {
	panel.Span
	Hubs string `flag:"hubs" arg:"codes" usage:"the hubs' COW codes, comma-separated"`
	Type string `flag:"type" arg:"types" usage:"the obligation types that make an ally (see entente network --help)"`
}

// NewHubRequest is the default request: the United States and the
// USSR/Russia over every year of the UN vote data, defence pacts as
// alliances.
func NewHubRequest() HubRequest {
	return HubRequest{Span: panel.Span{From: HubYears[0], To: HubYears[1]}, Hubs: "2,365", Type: "defense"}
}

// HubYears are the years of the UN vote data the report reads.
var HubYears = [2]int{1946, 2020}

// Options checks r and returns the options of HubAndSpokeByDecade it asks
// for; an error is an EINVALID *entente.Error naming the input.
func (r HubRequest) Options() (HubOptions, error) {
	opt := HubOptions{From: r.From, To: r.To}
	if err := r.Within(HubYears, "year", "the UN vote data"); err != nil {
		return opt, err
	}
	for _, h := range strings.Split(r.Hubs, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || c <= 0 || c > 999 {
			return opt, entente.FieldErrorf(entente.EINVALID, "hubs", "expected COW codes such as 2,365, got %q", r.Hubs)
		}
		opt.Hubs = append(opt.Hubs, c)
	}
	var err error
	opt.Obligation, err = obligation(r.Type)
	return opt, err
}

// obligation reads the obligation types that make an ally, as field type.
func obligation(types string) (atop.Obligation, error) {
	mask, err := allnet.ParseObligation(types)
	if err != nil {
		return 0, entente.FieldErrorf(entente.EINVALID, "type", "%v", err)
	}
	return atop.Obligation(mask), nil
}
