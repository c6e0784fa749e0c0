package backend

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/wire"
)

// listing makes the Listing of items under header, a row each.
func listing[T any](v any, items []T, header []string, row func(T) []string) Listing {
	l := Listing{V: v, Header: header}
	for _, it := range items {
		l.Rows = append(l.Rows, row(it))
	}
	return l
}

// ActorListing lists actors: ID, name, kind and their capabilities as
// name=amount by name, each amount in full ("-" when missing).
func ActorListing(actors []*entente.Actor) Listing {
	return listing(actors, actors, []string{"ID", "NAME", "KIND", "CAPABILITIES"}, func(a *entente.Actor) []string {
		var caps []string
		for _, name := range slices.Sorted(maps.Keys(a.Capabilities)) {
			caps = append(caps, fmt.Sprintf("%s=%s", name, number.Fixed(a.Capabilities[name], -1)))
		}
		return []string{string(a.ID), a.Name, string(a.Kind), strings.Join(caps, " ")}
	})
}

// OneActor is one actor as ActorListing lists it, its V the actor alone.
func OneActor(a *entente.Actor) Listing {
	l := ActorListing([]*entente.Actor{a})
	l.V = a
	return l
}

// PactListing lists pacts: ID, kind, members, events, whether in force,
// and name.
func PactListing(pacts []wire.PactSummary) Listing {
	return listing(pacts, pacts, []string{"ID", "KIND", "MEMBERS", "EVENTS", "STATUS", "NAME"}, func(p wire.PactSummary) []string {
		status := map[bool]string{false: "active", true: "dissolved"}[p.Dissolved != nil]
		return []string{string(p.ID), string(p.Kind), strconv.Itoa(len(p.Members)), strconv.FormatInt(p.Events, 10), status, p.Name}
	})
}

// EventListing lists the events a command recorded, each with its
// sentence.
func EventListing(events []entente.Event) Listing {
	return listing(events, events, []string{"SEQ", "AT", "BY", "EVENT", "WHAT"}, func(e entente.Event) []string {
		return []string{strconv.FormatInt(e.Seq, 10), e.At.Format(time.RFC3339), string(e.By), e.Data.EventType(), e.Sentence()}
	})
}

// VerifyListing lists the reports of a check of a store's logs
// (Verify), and returns how many logs did not pass.
func VerifyListing(reports []ledger.LogReport) (Listing, int) {
	return listing(reports, reports, []string{"LOG", "ENTRIES", "HEADS", "SIGNED", "STATUS"}, func(r ledger.LogReport) []string {
		return []string{r.Log, strconv.FormatInt(r.Entries, 10), strconv.Itoa(r.Heads), strconv.Itoa(r.Signed), r.Status()}
	}), failing(reports)
}

// MonitorListing lists the reports of a check of a server's logs
// (VerifyRequest.Monitor), and returns how many logs did not pass.
func MonitorListing(reports []ledger.MonitorReport) (Listing, int) {
	return listing(reports, reports, []string{"LOG", "SEEN", "SIZE", "SIGNED", "STATUS"}, func(r ledger.MonitorReport) []string {
		return []string{r.Log, strconv.FormatUint(r.Seen, 10), strconv.FormatUint(r.Size, 10), strconv.Itoa(r.Signed), r.Status()}
	}), failing(reports)
}

// failing counts the reports that did not pass.
func failing[R interface{ OK() bool }](reports []R) int {
	bad := 0
	for _, r := range reports {
		if !r.OK() {
			bad++
		}
	}
	return bad
}

// WebhookListing lists a member's webhooks on a pact and how their
// deliveries fare.
func WebhookListing(hooks []client.Webhook) Listing {
	if hooks == nil {
		hooks = []client.Webhook{} // JSON: [], not null
	}
	return listing(hooks, hooks, []string{"ID", "URL", "NEXT", "DELIVERED", "DROPPED", "LAST"}, func(h client.Webhook) []string {
		return []string{h.ID, h.URL, strconv.FormatInt(h.Next, 10), strconv.FormatInt(h.Delivered, 10), strconv.FormatInt(h.Dropped, 10), h.LastOutcome()}
	})
}
