package entente

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/entente/entente/internal/table"
)

// WriteText writes the pact for people, as 'entente pact show' prints it:
// a headline, its derived structure s, and tables of its members,
// commitments, proposals and disputes.
func (st *PactState) WriteText(w io.Writer, s Structure) error {
	fmt.Fprintf(w, "%s — %s (%s), founded %s, %d events\n", st.Pact.ID, st.Pact.Name, st.Pact.Kind, isoDay(st.Founded), st.Len)
	if st.Dissolved != nil {
		fmt.Fprintf(w, "dissolved %s: %s\n", isoDay(st.Dissolved.At), st.Dissolved.Reason)
	}
	fmt.Fprintf(w, "structure: %d members, %s, %s (largest share %.2f, Herfindahl %.3f on %s), %s\n\n",
		s.Members, map[bool]string{true: "bilateral", false: "multilateral"}[s.Bilateral], s.Symmetry, s.LargestShare, s.Herfindahl, s.Measure, s.Hierarchy)
	ids := make([]ActorID, 0, st.Members.Len())
	for id := range st.Members.All() {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var members, commitments, proposals, disputes [][]string
	for _, id := range ids {
		m := st.Members.Get(id)
		members = append(members, []string{string(id), string(m.Status), isoDay(m.Joined), isoDay(m.Left), m.Reason})
	}
	for _, c := range st.Commitments.All() {
		commitments = append(commitments, []string{c.ID, string(c.Member), c.Resource, amount(c.Delivered) + "/" + amount(c.Amount), isoDay(c.Due), string(c.Status())})
	}
	for _, p := range st.Proposals.All() {
		outcome, reason := "open until "+isoDay(p.Closes), ""
		if p.Decision != nil {
			outcome, reason = string(p.Decision.Outcome), p.Decision.Reason
		}
		proposals = append(proposals, []string{p.ID, string(p.Matter), string(p.Rule.Kind), outcome, p.Title, reason})
	}
	for _, d := range st.Disputes.All() {
		parties := make([]string, len(d.Parties))
		for i, p := range d.Parties {
			parties[i] = string(p)
		}
		disputes = append(disputes, []string{d.ID, strings.Join(parties, ","), string(d.Stage), isoDay(d.Deadline), d.Subject})
	}
	for _, t := range []struct {
		header []string
		rows   [][]string
	}{
		{[]string{"MEMBER", "STATUS", "JOINED", "LEFT", "REASON"}, members},
		{[]string{"COMMITMENT", "MEMBER", "RESOURCE", "DELIVERED", "DUE", "STATUS"}, commitments},
		{[]string{"PROPOSAL", "MATTER", "RULE", "OUTCOME", "TITLE", "REASON"}, proposals},
		{[]string{"DISPUTE", "PARTIES", "STAGE", "DEADLINE", "SUBJECT"}, disputes},
	} {
		if t.header[0] != "MEMBER" {
			fmt.Fprintln(w)
		}
		if err := table.Write(w, t.header, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// isoDay writes a day as 2027-01-01, "-" for none.
func isoDay(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}
