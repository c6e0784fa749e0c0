package http_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/entente/entente"
)

// benchPact records, as the operator's record of keyless actors, a
// coalition of 20 members with events pledges and deliveries (every
// tenth event a proposal or a vote), on ts's store.
func benchPact(b testing.TB, ts *testServer, id entente.PactID, events int) {
	b.Helper()
	ctx := context.Background()
	var ids []entente.ActorID
	for i := 0; i < 20; i++ {
		a := entente.Actor{ID: entente.ActorID(fmt.Sprintf("m%02d", i)), Name: fmt.Sprintf("Member %d", i), Kind: entente.Firm, Capabilities: map[string]float64{"economic": float64(10 + i)}}
		if _, err := ts.svc.RegisterActor(ctx, a); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	do := func(by entente.ActorID, cmd entente.Command) {
		if _, _, err := ts.svc.Do(ctx, id, by, cmd); err != nil {
			b.Fatalf("%T: %v", cmd, err)
		}
	}
	do(ids[0], entente.FoundPact{Pact: entente.Pact{ID: id, Name: "Bench", Kind: entente.Coalition, Duration: entente.Duration{Kind: entente.Permanent}}, Founders: ids})
	for n := 1; n < events; {
		by := ids[n%len(ids)]
		ts.now = ts.now.Add(time.Hour)
		switch {
		case n%10 == 0:
			do(by, entente.Propose{Matter: entente.General, Title: fmt.Sprintf("Question %d", n)})
		case n%3 == 0:
			do(by, entente.Contribute{Resource: "eur_k", Amount: 1})
		default:
			do(by, entente.Pledge{Resource: "eur_k", Amount: 5, Due: ts.now.Add(30 * entente.Day)})
		}
		if st, err := ts.svc.Pact(id); err == nil {
			n = int(st.Len)
		}
	}
}

// BenchmarkPactPage10k renders a 10,000-event pact's page (open items
// first, the latest 50 entries; the rest behind "more" links, whose chunks
// are measured too), side by side with the JSON API's
// answer for the same pact, and the page of a pact with a bargaining
// open, which reads the whole log for the parties' values. Beside the
// mean (ns/op) each reports the median and 99th percentile of the
// requests' latency (p50-ms, p99-ms), request to last byte through the
// loopback; the goal is a p99 under 50 ms.
func BenchmarkPactPage10k(b *testing.B) {
	ts := newTestServer(b)
	benchPact(b, ts, "bench", 10000)
	get := func(b *testing.B, path string) {
		lat := make([]time.Duration, 0, b.N)
		defer func() { reportLatency(b, lat) }()
		for i := 0; i < b.N; i++ {
			start := time.Now()
			resp, err := http.Get(ts.srv.URL + path)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("%s: %d", path, resp.StatusCode)
			}
			lat = append(lat, time.Since(start))
		}
	}
	b.Run("json", func(b *testing.B) { get(b, "/api/pacts/bench") })
	b.Run("page", func(b *testing.B) { get(b, "/pacts/bench") })
	b.Run("timeline-chunk", func(b *testing.B) { get(b, "/pacts/bench/timeline?before=5000") })
	b.Run("settled-chunk", func(b *testing.B) { get(b, "/pacts/bench/proposals?group=settled&from=500") })
	if _, _, err := ts.svc.Do(context.Background(), "bench", "m00", entente.OpenBargaining{Title: "licence", Parties: []entente.ActorID{"m00", "m01", "m02"}, Total: 100, Resource: "eur_k"}); err != nil {
		b.Fatal(err)
	}
	b.Run("page-bargaining", func(b *testing.B) { get(b, "/pacts/bench") })
}

// reportLatency reports the median and the 99th percentile of lat in
// milliseconds (nearest rank).
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(lat)))) - 1
		return float64(lat[max(0, min(i, len(lat)-1))]) / 1e6
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
