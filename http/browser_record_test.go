package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
)

// TestBrowserChecksTheRecord loads a pact's page in chromium: the page
// checks the log itself (each entry shown against the signed root by its
// inclusion path, the head's Ed25519 signature against the server's key)
// and says so, marking each entry. Served through a proxy that changes one
// entry on the way, the same page flags the record as not verifying,
// naming the entry; through one that changes one entry's inclusion path,
// it flags that entry.
func TestBrowserChecksTheRecord(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 7, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)
	ts.act("a", "co", entente.Contribute{Commitment: "c1", Amount: 7}, http.StatusCreated)

	step(t, ctx, "the honest page", chromedp.Navigate(ts.srv.URL+"/pacts/co"))
	got := waitStatus(t, ctx, "#record-check", "Checked in your browser")
	if !strings.Contains(got, "each of the 3 entries shown") || !strings.Contains(got, "signature is valid") {
		t.Errorf("the honest record: %q", got)
	}
	if marks := proofMarks(t, ctx); marks != "0:ok 1:ok 2:ok" {
		t.Errorf("the honest rows' marks: %q", marks)
	}

	// A proxy that serves the page and proofs untouched but changes the
	// amount in one entry of the log, as a compromised server would.
	target, _ := url.Parse(ts.srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		if !strings.HasSuffix(r.Request.URL.Path, "/api/logs/co/entries") {
			return nil
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		// The commitment's member and amount stand together only in the
		// entry's stored bytes (raw), not in its decoded form.
		b = bytes.Replace(b, []byte(`\"member\":\"a\",\"resource\":\"eur\",\"amount\":7,`), []byte(`\"member\":\"a\",\"resource\":\"eur\",\"amount\":700,`), 1)
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.ContentLength = int64(len(b))
		r.Header.Del("Content-Length")
		return nil
	}
	evil := httptest.NewServer(proxy)
	defer evil.Close()
	step(t, ctx, "the tampered page", chromedp.Navigate(evil.URL+"/pacts/co"))
	got = waitStatus(t, ctx, "#record-check", "does NOT verify")
	if !strings.Contains(got, "entry 1 ") || strings.Contains(got, "entry 2") || strings.Contains(got, "entry 0") {
		t.Errorf("the tampered record: %q, want it to name entry 1 alone", got)
	}
	if marks := proofMarks(t, ctx); marks != "0:ok 1:bad 2:ok" {
		t.Errorf("the tampered rows' marks: %q", marks)
	}

	// A proxy that serves the entries untouched but changes the last
	// entry's inclusion path: the entry no longer climbs to the signed root.
	crooked := httputil.NewSingleHostReverseProxy(target)
	crooked.ModifyResponse = func(r *http.Response) error {
		if !strings.HasSuffix(r.Request.URL.Path, "/api/logs/co/proof/inclusion") || r.Request.URL.Query().Get("index") != "2" {
			return nil
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		var p struct {
			Proof []string `json:"proof"`
		}
		if err := json.Unmarshal(b, &p); err != nil || len(p.Proof) == 0 {
			t.Errorf("entry 2's path: %v %s", err, b)
		} else {
			b = bytes.Replace(b, []byte(p.Proof[0]), []byte(strings.Repeat("0", 64)), 1)
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.ContentLength = int64(len(b))
		r.Header.Del("Content-Length")
		return nil
	}
	bent := httptest.NewServer(crooked)
	defer bent.Close()
	step(t, ctx, "the page with a bent path", chromedp.Navigate(bent.URL+"/pacts/co"))
	got = waitStatus(t, ctx, "#record-check", "does NOT verify")
	if !strings.Contains(got, "entry 2 ") || strings.Contains(got, "entry 1") {
		t.Errorf("the record with a bent path: %q, want it to name entry 2 alone", got)
	}
	if marks := proofMarks(t, ctx); marks != "0:ok 1:ok 2:bad" {
		t.Errorf("the bent path's rows' marks: %q", marks)
	}
}

// proofMarks returns each timeline row's index and proof mark, in order.
func proofMarks(t *testing.T, ctx context.Context) string {
	t.Helper()
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#record tr[data-index]")).map((r) => r.dataset.index + ":" + (r.dataset.proof || "none")).sort().join(" ")`))
	if err != nil {
		t.Fatalf("reading the rows' marks: %v", err)
	}
	return marks
}

// TestBrowserChecksEarlierEntriesItLoads: a pact longer than the page's
// timeline; the entries "more" brings in are checked by their paths too,
// against the same signed head.
func TestBrowserChecksEarlierEntriesItLoads(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t)
	for range 55 {
		ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)
	}
	step(t, ctx, "the page", chromedp.Navigate(ts.srv.URL+"/pacts/co"))
	got := waitStatus(t, ctx, "#record-check", "Checked in your browser")
	if !strings.Contains(got, "each of the 50 entries shown is in the tree of 56 entries") {
		t.Errorf("the first check: %q", got)
	}
	step(t, ctx, "show the earlier entries", chromedp.Click(chromedp.CSS("#record tr.more a")))
	got = waitStatus(t, ctx, "#record-check", "each of the 56 entries shown")
	if !strings.Contains(got, "each of the 56 entries shown") {
		t.Errorf("after loading the earlier entries: %q", got)
	}
	if marks := proofMarks(t, ctx); strings.Count(marks, ":ok") != 56 {
		t.Errorf("rows' marks after loading the earlier entries: %q", marks)
	}
}
