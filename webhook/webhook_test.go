package webhook_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/webhook"
)

// fakeLog is a pact's log of bodies, fed to the dispatcher.
type fakeLog struct {
	mu      sync.Mutex
	entries []string
}

func (l *fakeLog) add(bodies ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, bodies...)
}

func (l *fakeLog) feed(_ context.Context, sub webhook.Subscription, from int64, max int) ([]webhook.Item, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []webhook.Item
	for i := from; i < int64(len(l.entries)) && len(out) < max; i++ {
		out = append(out, webhook.Item{Index: i, Body: []byte(l.entries[i])})
	}
	return out, nil
}

// receiver records what it is sent and answers each with the next of
// statuses (200 once they run out).
type receiver struct {
	mu       sync.Mutex
	bodies   []string
	headers  []http.Header
	statuses []int
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	status := 200
	if len(r.statuses) > 0 {
		status, r.statuses = r.statuses[0], r.statuses[1:]
	}
	if status == 200 {
		r.bodies = append(r.bodies, string(b))
		r.headers = append(r.headers, req.Header.Clone())
	}
	if status == http.StatusFound {
		w.Header().Set("Location", "http://127.0.0.1:1/elsewhere")
	}
	w.WriteHeader(status)
}

// clock is a test's time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func seeded(seed byte) io.Reader     { return rand.NewChaCha8([32]byte{seed}) }
func publicResolver(context.Context, string) ([]netip.Addr, error) {
	return []netip.Addr{netip.MustParseAddr("93.184.216.34")}, nil
}

// TestDeliveriesInOrderSignedAndRetried: entries go out once each in log
// order, signed so that Verify accepts them with the secret Register gave
// and refuses them with another or after a change; a receiver that fails
// is retried after 1 s, 2 s, 4 s (nothing earlier), and later entries wait
// behind the failing one.
func TestDeliveriesInOrderSignedAndRetried(t *testing.T) {
	rcv := &receiver{}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	log, clk := &fakeLog{}, &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	d := webhook.New(webhook.Config{Feed: log.feed, Now: clk.now, AllowPrivate: true, Random: seeded(7)})
	ctx := context.Background()
	log.add(`{"i":0}`)
	sub, secret, err := d.Register(ctx, "co", "a", srv.URL+"/hook", 1)
	if err != nil {
		t.Fatal(err)
	}
	log.add(`{"i":1}`, `{"i":2}`)
	if n := d.Step(ctx); n != 2 {
		t.Fatalf("delivered %d, want 2 (entry 0 predates the subscription)", n)
	}
	if got := strings.Join(rcv.bodies, ""); got != `{"i":1}{"i":2}` {
		t.Fatalf("received %s", got)
	}
	for i, h := range rcv.headers {
		id, ts, sig := h.Get(webhook.HeaderID), h.Get(webhook.HeaderTimestamp), h.Get(webhook.HeaderSignature)
		if want := fmt.Sprintf("%s-%d", sub.ID, i+1); id != want {
			t.Errorf("delivery id %q, want %q", id, want)
		}
		if !webhook.Verify(secret, id, ts, []byte(rcv.bodies[i]), sig) {
			t.Errorf("delivery %d does not verify with the secret", i)
		}
		if webhook.Verify(secret, id, ts, []byte(rcv.bodies[i]+" "), sig) || webhook.Verify("AAAA", id, ts, []byte(rcv.bodies[i]), sig) || webhook.Verify(secret, id, ts+"1", []byte(rcv.bodies[i]), sig) {
			t.Errorf("delivery %d verifies changed or under another secret", i)
		}
	}

	// The receiver fails three times: waits of 1 s, 2 s, 4 s.
	rcv.mu.Lock()
	rcv.statuses = []int{500, 503, 500}
	rcv.mu.Unlock()
	log.add(`{"i":3}`, `{"i":4}`)
	for i, wait := range []time.Duration{0, time.Second, 2 * time.Second, 4 * time.Second} {
		if i > 0 {
			clk.add(wait - time.Millisecond)
			if n := d.Step(ctx); n != 0 || len(rcv.bodies) != 2 {
				t.Fatalf("attempt %d: sent before its backoff of %v ran out", i, wait)
			}
			clk.add(time.Millisecond)
		}
		n := d.Step(ctx)
		s := d.List("co", "a")[0]
		if i < 3 {
			if n != 0 || s.Attempts != i+1 || s.LastStatus < 500 || !strings.Contains(s.LastError, "answered 5") || s.Next != 3 {
				t.Fatalf("after failure %d: %+v", i+1, s)
			}
		} else if n != 2 || s.Attempts != 0 || s.Next != 5 || s.Delivered != 4 || s.LastError != "" {
			t.Fatalf("after the receiver recovered: delivered %d, %+v", n, s)
		}
	}
	if got := strings.Join(rcv.bodies, ""); got != `{"i":1}{"i":2}{"i":3}{"i":4}` {
		t.Errorf("received %s, want each entry once in order", got)
	}
}

// TestGivingUpAndRedirects: an entry that fails MaxAttempts times is
// dropped and counted, and the next goes out; a redirect is a failure, not
// followed.
func TestGivingUpAndRedirects(t *testing.T) {
	rcv := &receiver{statuses: []int{http.StatusFound, 500, 500}}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	log, clk := &fakeLog{}, &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	d := webhook.New(webhook.Config{Feed: log.feed, Now: clk.now, AllowPrivate: true, MaxAttempts: 3, Random: seeded(1)})
	ctx := context.Background()
	if _, _, err := d.Register(ctx, "co", "", srv.URL, 0); err != nil {
		t.Fatal(err)
	}
	log.add(`{"i":0}`, `{"i":1}`)
	for i := 0; i < 3; i++ {
		d.Step(ctx)
		clk.add(time.Hour)
	}
	s := d.List("co", "")[0]
	if s.Dropped != 1 || s.Next != 1 || s.Delivered != 0 {
		t.Fatalf("after 3 failures: %+v, want entry 0 dropped", s)
	}
	if d.Step(ctx) != 1 || len(rcv.bodies) != 1 || rcv.bodies[0] != `{"i":1}` {
		t.Fatalf("after the drop: received %q", rcv.bodies)
	}
}

// TestSSRF: targets on loopback, private, link-local (the metadata
// address), unspecified, carrier-grade NAT or mapped addresses, by
// literal or by a name resolving to one, are refused at registration
// with the field named, and nothing is held; a public target is taken;
// the operator may allow private ones. Whatever passed registration, the
// client refuses to dial a private address (a name rebound to 127.0.0.1).
func TestSSRF(t *testing.T) {
	resolve := func(_ context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "localhost":
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		case "intranet.example":
			return []netip.Addr{netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("192.168.1.10")}, nil
		case "hooks.example":
			return publicResolver(nil, host)
		}
		return nil, fmt.Errorf("no such host %s", host)
	}
	d := webhook.New(webhook.Config{Feed: (&fakeLog{}).feed, Resolve: resolve, Random: seeded(2)})
	ctx := context.Background()
	for _, tc := range []struct{ url, code string }{
		{"http://127.0.0.1/x", entente.EFORBIDDEN},
		{"http://127.1.2.3:8080/", entente.EFORBIDDEN},
		{"http://localhost/hook", entente.EFORBIDDEN},
		{"http://[::1]/", entente.EFORBIDDEN},
		{"http://[::ffff:127.0.0.1]/", entente.EFORBIDDEN},
		{"http://10.0.0.5/", entente.EFORBIDDEN},
		{"http://172.16.3.4/", entente.EFORBIDDEN},
		{"http://192.168.0.1/", entente.EFORBIDDEN},
		{"http://169.254.169.254/latest/meta-data", entente.EFORBIDDEN},
		{"http://0.0.0.0:80/", entente.EFORBIDDEN},
		{"http://100.64.1.1/", entente.EFORBIDDEN},
		{"http://[fd00::1]/", entente.EFORBIDDEN},
		{"http://[fe80::1]/", entente.EFORBIDDEN},
		{"http://intranet.example/", entente.EFORBIDDEN},
		{"http://nowhere.example/", entente.EINVALID},
		{"ftp://hooks.example/", entente.EINVALID},
		{"file:///etc/passwd", entente.EINVALID},
		{"http://user:pw@hooks.example/", entente.EINVALID},
		{"hooks.example/x", entente.EINVALID},
	} {
		_, _, err := d.Register(ctx, "co", "a", tc.url, 0)
		if entente.ErrorCode(err) != tc.code || entente.ErrorField(err) != "url" {
			t.Errorf("%s: %v, want %s on field url", tc.url, err, tc.code)
		}
	}
	if n := len(d.List("co", "")); n != 0 {
		t.Fatalf("%d refused webhooks are held", n)
	}
	if _, _, err := d.Register(ctx, "co", "a", "https://hooks.example/entente", 0); err != nil {
		t.Errorf("a public target: %v", err)
	}
	op := webhook.New(webhook.Config{Feed: (&fakeLog{}).feed, Resolve: resolve, AllowPrivate: true, Random: seeded(3)})
	if _, _, err := op.Register(ctx, "co", "", "http://10.0.0.5/chat", 0); err != nil {
		t.Errorf("the operator allowed private targets, yet: %v", err)
	}

	srv := httptest.NewServer(&receiver{})
	defer srv.Close()
	if _, err := webhook.GuardedClient(false).Get(srv.URL); err == nil || !strings.Contains(err.Error(), "refused to connect to 127.0.0.1") {
		t.Errorf("the guarded client dialled loopback: %v", err)
	}
	resp, err := webhook.GuardedClient(true).Get(srv.URL)
	if err != nil {
		t.Fatalf("with private targets allowed: %v", err)
	}
	resp.Body.Close()

	// A name that resolved to a public address at registration and to
	// loopback at delivery: the dial is refused and the delivery fails.
	rebinding := webhook.New(webhook.Config{Feed: func(context.Context, webhook.Subscription, int64, int) ([]webhook.Item, error) {
		return []webhook.Item{{Index: 0, Body: []byte("{}")}}, nil
	}, Resolve: publicResolver, Random: seeded(4)})
	u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, _, err := rebinding.Register(ctx, "co", "a", u, 0); err != nil {
		t.Fatal(err)
	}
	if n := rebinding.Step(ctx); n != 0 {
		t.Fatal("delivered to a name rebound to loopback")
	}
	if s := rebinding.List("co", "a")[0]; !strings.Contains(s.LastError, "refused to connect") {
		t.Errorf("rebinding: last error %q", s.LastError)
	}
}

// TestNotifyNeverBlocks: waking the dispatcher from a write path returns
// at once however often it is called and whether or not Run is listening.
func TestNotifyNeverBlocks(t *testing.T) {
	d := webhook.New(webhook.Config{Feed: (&fakeLog{}).feed})
	for i := 0; i < 10000; i++ {
		d.Notify()
	}
}

// TestLimitsAndRemove: one owner holds at most MaxPerOwner webhooks on a
// pact and the same URL once; only its owner or the operator removes one.
func TestLimitsAndRemove(t *testing.T) {
	d := webhook.New(webhook.Config{Feed: (&fakeLog{}).feed, Resolve: publicResolver, MaxPerOwner: 2, Random: seeded(5)})
	ctx := context.Background()
	s1, _, err := d.Register(ctx, "co", "a", "https://h.example/1", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Register(ctx, "co", "a", "https://h.example/1", 0); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("the same URL twice: %v", err)
	}
	d.Register(ctx, "co", "a", "https://h.example/2", 0)
	if _, _, err := d.Register(ctx, "co", "a", "https://h.example/3", 0); entente.ErrorCode(err) != entente.ETOOLARGE {
		t.Errorf("a third webhook: %v", err)
	}
	if err := d.Remove(s1.ID, "b"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Errorf("b removed a's webhook: %v", err)
	}
	if err := d.Remove(s1.ID, "a"); err != nil || len(d.List("co", "a")) != 1 {
		t.Errorf("a removing its webhook: %v", err)
	}
}

// TestRestoreResumesAndProgressReports: a subscription restored with its
// secret (a restarted server) resumes at its stored Next, signs with the
// same secret, and Progress reports where it got to; Forget drops what the
// store no longer holds.
func TestRestoreResumesAndProgressReports(t *testing.T) {
	rcv := &receiver{}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	log, clk := &fakeLog{}, &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	first := webhook.New(webhook.Config{Feed: log.feed, Now: clk.now, AllowPrivate: true, Random: seeded(9)})
	sub, secret, err := first.Register(ctx, "co", "a", srv.URL+"/hook", 0)
	if err != nil {
		t.Fatal(err)
	}
	var progress []int64
	second := webhook.New(webhook.Config{Feed: log.feed, Now: clk.now, AllowPrivate: true, Random: seeded(10),
		Progress: func(s webhook.Subscription) { progress = append(progress, s.Next) }})
	sub.Next = 2 // entries 0 and 1 went out before the restart
	if err := second.Restore(sub, secret); err != nil {
		t.Fatal(err)
	}
	if err := second.Restore(webhook.Subscription{ID: "wh_bad"}, "not base64!"); entente.ErrorCode(err) != entente.EINVALID {
		t.Fatalf("a bad secret: %v", err)
	}
	log.add(`{"i":0}`, `{"i":1}`, `{"i":2}`, `{"i":3}`)
	if n := second.Step(ctx); n != 2 {
		t.Fatalf("delivered %d after the restore, want 2", n)
	}
	if got := strings.Join(rcv.bodies, ""); got != `{"i":2}{"i":3}` {
		t.Fatalf("received %s", got)
	}
	h := rcv.headers[0]
	if !webhook.Verify(secret, h.Get(webhook.HeaderID), h.Get(webhook.HeaderTimestamp), []byte(rcv.bodies[0]), h.Get(webhook.HeaderSignature)) {
		t.Error("a restored subscription does not sign with its secret")
	}
	if fmt.Sprint(progress) != "[4]" {
		t.Errorf("progress reported %v, want [4]", progress)
	}
	second.Forget(func(string) bool { return false })
	if subs := second.List("co", ""); len(subs) != 0 {
		t.Fatalf("after Forget: %v", subs)
	}
}

func TestLastOutcome(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		s    webhook.Subscription
		want string
	}{
		{webhook.Subscription{}, "none yet"},
		{webhook.Subscription{LastAttempt: at, LastStatus: 204}, "2026-03-01T12:00:00Z ok 204"},
		{webhook.Subscription{LastAttempt: at, LastStatus: 500, Attempts: 3, LastError: "status 500"}, "2026-03-01T12:00:00Z failed (3 tries): status 500"},
	} {
		if got := c.s.LastOutcome(); got != c.want {
			t.Errorf("LastOutcome of %+v = %q, want %q", c.s, got, c.want)
		}
	}
}
