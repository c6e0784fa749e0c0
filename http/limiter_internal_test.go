package http

import (
	"fmt"
	"testing"
	"time"
)

// TestLimiterFloodKeepsTheDebt: a limiter used to empty its whole map
// past its bound, so a flood of new addresses refilled every bucket,
// the flooder's own among them. Now a client that emptied its bucket is
// still refused after many times the bound of others, whether it keeps
// asking during the flood or waits for it to pass, and the map never
// holds more than the bound. A limiter that limits nothing (a negative
// rate) stays bounded too.
func TestLimiterFloodKeepsTheDebt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rate   float64
		burst  int
		asking bool // the abuser asks again during the flood
		limits bool
	}{
		{"slow refill, waiting", 0.001, 5, false, true},
		{"slow refill, asking", 0.001, 5, true, true},
		{"default write limit, waiting", 10, 40, false, true},
		{"burst of one, asking", 0.01, 1, true, true},
		{"no limit", -1, 40, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLimiter(tc.rate, tc.burst)
			l.max = 100
			now := time.Unix(1e9, 0)
			for i := 0; i < tc.burst; i++ {
				l.take("abuser", now)
			}
			for i := 0; i < 20*l.max; i++ {
				now = now.Add(time.Microsecond) // too little to refill anyone a token
				l.take(fmt.Sprintf("flood-%d", i), now)
				if n := len(l.buckets); n > l.max {
					t.Fatalf("after %d flooding clients: %d buckets, want at most %d", i+1, n, l.max)
				}
				if tc.asking && i%10 == 0 && tc.limits && l.take("abuser", now) == 0 {
					t.Fatalf("the abuser was served again after %d flooding clients", i+1)
				}
			}
			if tc.limits && l.take("abuser", now) == 0 {
				t.Errorf("the abuser was served again after a flood of %d clients past a bound of %d", 20*l.max, l.max)
			}
		})
	}
}

// TestLimiterEvictsTheFullestFirst: past the bound, buckets idle long
// enough to have refilled go first, then the fuller of the rest; a
// client that spent part of its burst keeps what it spent.
func TestLimiterEvictsTheFullestFirst(t *testing.T) {
	l := newLimiter(1, 10)
	l.max = 8
	start := time.Unix(1e9, 0)
	take := func(key string, n int, at time.Time) {
		for range n {
			l.take(key, at)
		}
	}
	take("idle", 10, start) // full again 10 s on
	take("spender", 9, start.Add(9*time.Second))
	for i := range 6 {
		take(fmt.Sprintf("light-%d", i), 1, start.Add(9*time.Second))
	}
	now := start.Add(10 * time.Second) // idle is full; spender holds 2, the lights 10 (full)
	take("newcomer", 1, now)           // 9 buckets: evicts 2
	if _, ok := l.buckets["spender"]; !ok {
		t.Errorf("the spender's bucket was dropped before full ones")
	}
	if _, ok := l.buckets["newcomer"]; !ok || len(l.buckets) != 7 {
		t.Errorf("%d buckets, newcomer kept %v; want 7 and the newcomer", len(l.buckets), ok)
	}
}

// BenchmarkLimiterTake pairs a known client's take, a new client's in a
// limiter with no bound, and a new client's in a limiter at its bound,
// where every quarter of the bound new clients sweeps the map (evict):
// the difference of the last two is the sweep's cost per new client.
func BenchmarkLimiterTake(b *testing.B) {
	keys := make([]string, 4*maxBuckets)
	for i := range keys {
		keys[i] = fmt.Sprintf("198.51.%d.%d", i/256, i%256)
	}
	now := time.Unix(1e9, 0)
	for _, bc := range []struct {
		name string
		max  int
		key  func(i int) string
	}{
		{"known client", maxBuckets, func(int) string { return keys[0] }},
		{"new client, no bound", len(keys) + maxBuckets, func(i int) string { return keys[i%len(keys)] }},
		{"new client at the bound", maxBuckets, func(i int) string { return keys[i%len(keys)] }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := newLimiter(10, 40)
			l.max = bc.max
			for i := range maxBuckets {
				l.take(keys[len(keys)-1-i], now)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				l.take(bc.key(i), now.Add(time.Duration(i)))
			}
		})
	}
}

// TestRateLimitRefundsTheNarrowBucket: a take the wide bucket refuses
// spends nothing of the narrow one (the /64 keeps its token).
func TestRateLimitRefundsTheNarrowBucket(t *testing.T) {
	l := &rateLimit{net: newLimiter(0.001, 1), wide: newLimiter(0.001, 1)}
	now := time.Unix(1e9, 0)
	for _, tc := range []struct {
		key, wide, from string
		served          bool
	}{
		{"a", "w", "", true},
		{"b", "w", "w", false},
		{"b", "", "", true}, // b's token is still there
		{"b", "", "b", false},
	} {
		from, wait := l.take(tc.key, tc.wide, now)
		if from != tc.from || (wait == 0) != tc.served {
			t.Errorf("take(%q, %q): refused by %q after %s; want refused by %q, served %v", tc.key, tc.wide, from, wait, tc.from, tc.served)
		}
	}
}
