package http_test

import (
	"bytes"
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
// checks the log itself (every entry against the signed root, the head's
// Ed25519 signature against the server's key) and says so. Served through
// a proxy that changes one entry on the way, the same page flags the
// record as not verifying, naming the entry.
func TestBrowserChecksTheRecord(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 7, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)
	ts.act("a", "co", entente.Contribute{Commitment: "c1", Amount: 7}, http.StatusCreated)

	step(t, ctx, "the honest page", chromedp.Navigate(ts.srv.URL+"/pacts/co"))
	got := waitStatus(t, ctx, "#record-check", "Checked in your browser")
	if !strings.Contains(got, "all 3 entries") || !strings.Contains(got, "signature is valid") {
		t.Errorf("the honest record: %q", got)
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
	if !strings.Contains(got, "entry 1") {
		t.Errorf("the tampered record: %q, want it to name entry 1", got)
	}
}
