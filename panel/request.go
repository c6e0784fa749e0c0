package panel

import (
	"github.com/entente/entente"
	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/cmdline"
)

// Span is the years (or sessions) a table covers, named as the command
// line names them.
type Span struct {
	From int `flag:"from" arg:"year" usage:"first year"`
	To   int `flag:"to" arg:"year" usage:"last year"`
}

// Within checks that s lies in cover, the units (year or session) that
// what, the data, cover; an error is an EINVALID *entente.Error naming
// the bound.
func (s Span) Within(cover [2]int, unit, what string) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"from", s.From}, {"to", s.To}} {
		if f.v < cover[0] || f.v > cover[1] {
			return entente.FieldErrorf(entente.EINVALID, f.name, "%s %d out of range; %s cover %d-%d", unit, f.v, what, cover[0], cover[1])
		}
	}
	if s.From > s.To {
		return entente.FieldErrorf(entente.EINVALID, "from", "%d is after --to %d", s.From, s.To)
	}
	return nil
}

// Request is a panel as 'entente panel' asks for it: its years and the
// NMC release; Directed and With go with the subcommands that take them.
type Request struct {
	Span
	NMC int `flag:"nmc" arg:"release" usage:"NMC release: 6 (1816-2016) or 5 (1816-2012; later years have missing capabilities)" min:"5" max:"6"`
	// Directed makes one dyad row per ordered pair.
	Directed bool
	// With are the covariate families, comma-separated, or all.
	With string
}

// Validate checks r against the years the COW system data cover.
func (r Request) Validate(cover [2]int) error {
	if err := cmdline.Validate(r); err != nil {
		return err
	}
	return r.Within(cover, "year", "the COW system data")
}

// PortfolioRequest is an alliance-portfolio similarity table as
// 'entente similarity portfolio' asks for it.
type PortfolioRequest struct {
	Span
	Ties string `flag:"ties" arg:"own" usage:"own (row A holds A's obligations) or either" enum:"own|either"`
}

// Validate checks r against the years the ATOP data cover.
func (r PortfolioRequest) Validate(cover [2]int) error {
	if err := cmdline.Validate(r); err != nil {
		return err
	}
	return r.Within(cover, "year", "the ATOP data")
}

// TiesRule is the rule r's Ties names.
func (r PortfolioRequest) TiesRule() Ties {
	if r.Ties == "either" {
		return EitherTies
	}
	return OwnTies
}

// VoteRequest is a UN vote similarity table as 'entente similarity votes'
// asks for it.
type VoteRequest struct {
	Span
	Important bool   `flag:"important" usage:"only important votes"`
	Issue     string `flag:"issue" arg:"issue" usage:"only roll calls on this issue (me, nu, di, hr, co, ec)"`
	By        string `flag:"by" arg:"year" usage:"group roll calls by year or session (General Assembly session; --from/--to are then sessions)" enum:"year|session"`
	Contested bool   `flag:"contested" usage:"leave out roll calls on which every voting state voted alike (default on with --by session; Voeten's convention)"`
}

// BySession reports whether r groups roll calls by session.
func (r VoteRequest) BySession() bool { return r.By == "session" }

// BySessionDefaults gives the inputs that --by session changes and that
// were not given (by flag name, as cmdline.Given reports them) their
// defaults by session: --from and --to the sessions the data cover, and
// --contested on.
func (r *VoteRequest) BySessionDefaults(given map[string]bool, sessions [2]int) {
	if !r.BySession() {
		return
	}
	for _, d := range []struct {
		name string
		v    *int
		def  int
	}{{"from", &r.From, sessions[0]}, {"to", &r.To, sessions[1]}} {
		if !given[d.name] {
			*d.v = d.def
		}
	}
	r.Contested = r.Contested || !given["contested"]
}

// Filter checks r against the years and sessions the vote data cover and
// returns the roll calls it keeps.
func (r VoteRequest) Filter(years, sessions [2]int) (func(*unvotes.RollCall) bool, error) {
	if err := cmdline.Validate(r); err != nil {
		return nil, err
	}
	var err error
	if r.BySession() {
		err = r.Within(sessions, "session", "the General Assembly sessions (--by session) of the UN vote data")
	} else {
		err = r.Within(years, "year", "the UN vote data")
	}
	if err != nil {
		return nil, err
	}
	keep, err := VoteFilter(r.Important, r.Issue)
	if err != nil {
		return nil, entente.FieldErrorf(entente.EINVALID, "issue", "%v, got %q", err, r.Issue)
	}
	if r.Contested {
		keep = Both(Contested, keep)
	}
	return keep, nil
}

// NetworkRequest is an alliance network analysis as 'entente network'
// asks for it: one year state by state, or summaries of a span of years.
type NetworkRequest struct {
	Year int    `flag:"year" arg:"year" usage:"the year to describe state by state"`
	From int    `flag:"from" arg:"year" usage:"first year of the summaries"`
	To   int    `flag:"to" arg:"year" usage:"last year of the summaries"`
	Type string `flag:"type" arg:"types" usage:"obligation types that make a tie: any, defense, offense, neutrality, nonaggression, consultation, or joined by |"`
	Seed uint64 `flag:"seed" arg:"seed" usage:"Louvain seed (the same seed gives the same blocs)"`
}

// NewNetworkRequest is the default request: ties of any obligation.
func NewNetworkRequest() NetworkRequest { return NetworkRequest{Type: "any", Seed: 1} }

// Options checks r against the years the data cover and returns the
// network options it asks for.
func (r NetworkRequest) Options(cover [2]int) (allnet.Options, error) {
	mask, err := allnet.ParseObligation(r.Type)
	if err != nil {
		return allnet.Options{}, entente.FieldErrorf(entente.EINVALID, "type", "%v", err)
	}
	opt := allnet.Options{Mask: mask, Bloc: allnet.BlocOptions{Seed: r.Seed}}
	const what = "the COW system and ATOP data"
	switch {
	case r.Year != 0 && (r.From != 0 || r.To != 0):
		return opt, entente.FieldErrorf(entente.EINVALID, "year", "give either --year or --from and --to")
	case r.Year != 0 && (r.Year < cover[0] || r.Year > cover[1]):
		return opt, entente.FieldErrorf(entente.EINVALID, "year", "year %d out of range; %s cover %d-%d", r.Year, what, cover[0], cover[1])
	case r.Year != 0:
		return opt, nil
	case r.From == 0 || r.To == 0:
		return opt, entente.FieldErrorf(entente.EINVALID, "year", "expected --year, or --from and --to")
	}
	return opt, Span{From: r.From, To: r.To}.Within(cover, "year", what)
}
