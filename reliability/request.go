package reliability

import (
	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/stats"
)

// ReportRequest is what the reliability table asks for, its inputs named
// as the command line names them.
type ReportRequest struct {
	MIDs       bool   `flag:"mids" usage:"add the measures from COW-MID disputes"`
	Conditions bool   `flag:"conditions" usage:"add rows with the treaties' checkable conditions applied (location by COW contiguity, number of attackers, non-provocation)"`
	Seed       uint64 `flag:"seed" arg:"seed" usage:"the bootstrap's seed" min:"1"`
	Bootstrap  int    `flag:"bootstrap" arg:"replicates" usage:"bootstrap replicates" min:"1"`
}

// NewReportRequest is the default request: with MIDs and conditions, the
// seed and replicates of the published table.
func NewReportRequest() ReportRequest {
	return ReportRequest{MIDs: true, Conditions: true, Seed: 20000686, Bootstrap: 2000}
}

// Validate checks r; an error is an EINVALID *entente.Error naming the
// input.
func (r ReportRequest) Validate() error { return cmdline.Validate(r) }

// Options are the options of Report that r asks for, without the
// contiguity its conditions need.
func (r ReportRequest) Options() ReportOptions {
	return ReportOptions{Seed: r.Seed, Bootstrap: r.Bootstrap, MIDs: r.MIDs}
}

// DeterrenceYears are the years the MID and ATOP data of the deterrence
// test cover.
var DeterrenceYears = [2]int{1816, 2014}

// DeterrenceRequest is what the deterrence test asks for, its inputs named
// as the command line names them. Without From and To it fits the two
// spans of the published tables, 1816-1944 and 1816-2000; with either, the
// one span they give, the other defaulting to the first or last year of
// the data.
type DeterrenceRequest struct {
	Relevant    bool   `flag:"relevant" usage:"only politically relevant dyads (contiguous, or a major power)"`
	Spec        string `flag:"spec" usage:"the regressors: default, jl2011 (Johnson and Leeds's Table 1), none (the alliance terms only) or full (default and the S score)" enum:"default|jl2011|none|full"`
	Link        string `flag:"link" usage:"the binary model: logit or probit (as Johnson and Leeds fit)" enum:"logit|probit"`
	OutsideOnly bool   `flag:"outside-only" usage:"count a target's defence pledge only from alliances the challenger is not in"`
	From        int    `flag:"from" arg:"year" usage:"first year (default: the first with data)"`
	To          int    `flag:"to" arg:"year" usage:"last year (default: the last with data)"`
}

// NewDeterrenceRequest is the default request.
func NewDeterrenceRequest() DeterrenceRequest {
	return DeterrenceRequest{Spec: "default", Link: "logit"}
}

// Validate checks r; an error is an EINVALID *entente.Error naming the
// input.
func (r DeterrenceRequest) Validate() error {
	if err := cmdline.Validate(r); err != nil {
		return err
	}
	spans := r.Spans()
	if len(spans) > 1 {
		return nil
	}
	for _, f := range []struct {
		name string
		year int
	}{{"from", spans[0][0]}, {"to", spans[0][1]}} {
		if f.year < DeterrenceYears[0] || f.year > DeterrenceYears[1] {
			return entente.FieldErrorf(entente.EINVALID, f.name, "year %d out of range; the MID and ATOP data cover %d-%d", f.year, DeterrenceYears[0], DeterrenceYears[1])
		}
	}
	if spans[0][0] > spans[0][1] {
		return entente.FieldErrorf(entente.EINVALID, "from", "%d is after --to %d", spans[0][0], spans[0][1])
	}
	return nil
}

// Spans are the spans of years r fits.
func (r DeterrenceRequest) Spans() [][2]int {
	if r.From == 0 && r.To == 0 {
		return [][2]int{{1816, 1944}, {1816, 2000}}
	}
	from, to := r.From, r.To
	if from == 0 {
		from = DeterrenceYears[0]
	}
	if to == 0 {
		to = DeterrenceYears[1]
	}
	return [][2]int{{from, to}}
}

// DeterrenceSpans fits the test over each of r's spans, calling progress
// before each; r must be valid.
func DeterrenceSpans(in DeterrenceData, r DeterrenceRequest, progress func(from, to int)) ([]*DeterrenceResult, error) {
	link := stats.LogitLink
	if r.Link == "probit" {
		link = stats.ProbitLink
	}
	var results []*DeterrenceResult
	for _, s := range r.Spans() {
		progress(s[0], s[1])
		res, err := Deterrence(in, DeterrenceOptions{From: s[0], To: s[1], Relevant: r.Relevant, Spec: DeterrenceSpecs[r.Spec], Link: link, OutsideOnly: r.OutsideOnly})
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return results, nil
}
