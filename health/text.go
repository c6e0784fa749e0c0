package health

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// WriteComponentsCSV writes the assessment's components as CSV: name,
// value, weight and detail, missing figures as empty cells.
func WriteComponentsCSV(w io.Writer, a Assessment) error {
	var rows [][]string
	for _, c := range a.Health.Components {
		rows = append(rows, []string{c.Name, number.CSV(c.Value), number.CSV(c.Weight), c.Detail})
	}
	return table.WriteCSV(w, []string{"component", "value", "weight", "detail"}, rows)
}

// WriteText prints the assessment as 'entente health' does: the score and
// its components, the burden-sharing and reputation of the members, then
// the warnings.
func WriteText(w io.Writer, a Assessment) error {
	r := a.Health
	fmt.Fprintf(w, "%s: health %s / 100 over %s to %s\n\n", r.Pact, number.Fixed(r.Score, 0), day(r.From), day(r.To))
	var rows [][]string
	for _, c := range r.Components {
		rows = append(rows, []string{c.Name, number.Fixed(c.Value, 2), number.Fixed(c.Weight, -1), c.Detail})
	}
	table.Write(w, []string{"COMPONENT", "VALUE", "WEIGHT", "DETAIL"}, rows)
	if a.Burden != nil && len(a.Burden.Members) > 0 {
		fmt.Fprintln(w)
		rows = nil
		for _, m := range a.Burden.Members {
			rows = append(rows, []string{string(m.Member), number.Fixed(m.Delivered, 0), number.Float(m.ComparedShare).Percent(1), number.Float(m.CapabilityShare).Percent(1),
				number.Fixed(m.Exploitation, 2), strconv.FormatBool(m.FreeRider)})
		}
		table.Write(w, []string{"MEMBER", "DELIVERED", "SHARE", "CAPABILITY SHARE", "EXPLOITATION", "FREE RIDER"}, rows)
	}
	if a.Trust != nil && len(a.Trust.Reputation) > 0 {
		fmt.Fprintln(w)
		rows = nil
		ids := make([]entente.ActorID, 0, len(a.Trust.Reputation))
		for id := range a.Trust.Reputation {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, id := range ids {
			rows = append(rows, []string{string(id), number.Fixed(a.Trust.Reputation[id], 3)})
		}
		table.Write(w, []string{"MEMBER", "REPUTATION"}, rows)
	}
	fmt.Fprintln(w)
	if len(r.Alerts) == 0 {
		fmt.Fprintln(w, "no warnings")
		return nil
	}
	rows = nil
	for _, al := range r.Alerts {
		rows = append(rows, []string{string(al.Severity), al.Component, al.Message})
	}
	return table.Write(w, []string{"SEVERITY", "COMPONENT", "WARNING"}, rows)
}

// day is a date as YYYY-MM-DD, "-" for none.
func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}
