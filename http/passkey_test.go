package http_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/entente/entente/logstore"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/sqlite"
)

// webClient talks to the test server as a browser at http://localhost:PORT
// would: same-origin Origin on writes, its own cookies.
type webClient struct {
	ts      *testServer
	origin  string
	cookies map[string]*http.Cookie
	// header is the last answer's header.
	header http.Header
}

func newWebClient(ts *testServer) *webClient {
	u, _ := url.Parse(ts.srv.URL)
	return &webClient{ts: ts, origin: "http://localhost:" + u.Port(), cookies: map[string]*http.Cookie{}}
}

// do sends a request and returns the status, the body and the answer's
// cookies; headers override the defaults (an empty value removes one).
func (c *webClient) do(method, path, contentType, body string, headers ...string) (int, []byte, []*http.Cookie) {
	c.ts.tb.Helper()
	req, err := http.NewRequest(method, c.ts.srv.URL+path, strings.NewReader(body))
	if err != nil {
		c.ts.tb.Fatal(err)
	}
	req.Host = strings.TrimPrefix(c.origin, "http://")
	if method != "GET" {
		req.Header.Set("Origin", c.origin)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		c.ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	c.header = resp.Header
	b, _ := io.ReadAll(resp.Body)
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return resp.StatusCode, b, resp.Cookies()
}

func (c *webClient) postJSON(path string, body any, want int) []byte {
	c.ts.tb.Helper()
	b, _ := json.Marshal(body)
	st, got, _ := c.do("POST", path, "application/json", string(b))
	if st != want {
		c.ts.tb.Fatalf("POST %s: %d, want %d: %s", path, st, want, got)
	}
	return got
}

func (c *webClient) page(path string) string {
	c.ts.tb.Helper()
	st, b, _ := c.do("GET", path, "", "")
	if st != 200 {
		c.ts.tb.Fatalf("GET %s: %d", path, st)
	}
	return string(b)
}

// browserKey is a browser's own delegate key, enrolled for actor with the
// co-signature of the actor's CLI delegate.
type browserKey struct {
	actor entente.ActorID
	key   ed25519.PrivateKey
	pub   string
}

func (ts *testServer) enrolBrowserKey(actor entente.ActorID, name string) *browserKey {
	ts.tb.Helper()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	bk := &browserKey{actor: actor, key: priv, pub: base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey))}
	sig := ts.signed(actor, entente.RegistryLog, entente.EnrolKey{Key: bk.pub, Delegate: name})
	sig.Cosign(priv)
	ts.post(sig, http.StatusCreated)
	return bk
}

// registerPasskey binds a new soft passkey to bk through the server's
// ceremony, signing the binding with signer (bk's key, or an attacker's).
func (c *webClient) registerPasskey(bk *browserKey, signer ed25519.PrivateKey, want int) *softAuthenticator {
	c.ts.tb.Helper()
	return c.register(bk, signer, want, nil)
}

// registerPasskeyWith registers a soft passkey that tune adjusts.
func (c *webClient) registerPasskeyWith(bk *browserKey, tune func(*softAuthenticator)) *softAuthenticator {
	c.ts.tb.Helper()
	return c.register(bk, bk.key, 200, tune)
}

func (c *webClient) register(bk *browserKey, signer ed25519.PrivateKey, want int, tune func(*softAuthenticator)) *softAuthenticator {
	c.ts.tb.Helper()
	opts := c.postJSON("/auth/passkey/register/begin", map[string]string{"actor": string(bk.actor), "key": bk.pub}, 200)
	a := newSoftAuthenticator(c.ts.tb)
	if tune != nil {
		tune(a)
	}
	cred, challenge := a.create(opts, c.origin)
	binding := ed25519.Sign(signer, enthttp.PasskeyBindingMessage(bk.actor, bk.pub, challenge))
	c.postJSON("/auth/passkey/register/finish", map[string]any{"credential": cred, "signature": binding}, want)
	return a
}

// login runs a passkey sign-in and returns the assertion it sent.
func (c *webClient) login(a *softAuthenticator, want int) json.RawMessage {
	c.ts.tb.Helper()
	opts := c.postJSON("/auth/passkey/login/begin", map[string]any{}, 200)
	assertion := a.get(opts, c.origin)
	c.postJSON("/auth/passkey/login/finish", assertion, want)
	return assertion
}

func (c *webClient) signedInAs() string {
	c.ts.tb.Helper()
	p := c.page("/signin")
	if i := strings.Index(p, "Signed in as <b>"); i >= 0 {
		rest := p[i+len("Signed in as <b>"):]
		return rest[:strings.Index(rest, "<")]
	}
	return ""
}

// vote is bk's signed vote, as the page's script builds it.
func (bk *browserKey) vote(ts *testServer, pact, proposal string, choice entente.Choice) *entente.Signed {
	ts.nonces++
	req, err := entente.NewRequest(pact, bk.actor, entente.CastVote{Proposal: proposal, Choice: choice}, fmt.Sprintf("browser-vote-%08d", ts.nonces), ts.now.Add(time.Hour))
	if err != nil {
		ts.tb.Fatal(err)
	}
	s, err := entente.NewSigned(req, bk.key)
	if err != nil {
		ts.tb.Fatal(err)
	}
	return s
}

func TestPasskeySignInAndBrowserVote(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, http.StatusCreated)
	web := newWebClient(ts)
	if got := web.signedInAs(); got != "" {
		t.Fatalf("signed in as %q before any passkey", got)
	}
	if p := web.page("/pacts/co"); strings.Contains(p, `class="vote`) {
		t.Fatal("the pact page offers a vote form to no one in particular")
	}

	bk := ts.enrolBrowserKey("a", "Ada's browser")
	auth := web.registerPasskey(bk, bk.key, 200)
	if got := web.signedInAs(); got != "Ada&#39;s browser" {
		t.Fatalf("after registering a passkey: signed in as %q", got)
	}
	ck := web.cookies["entente_session"]
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, Path=/", ck)
	}

	st, _, _ := web.do("POST", "/auth/signout", "application/x-www-form-urlencoded", "")
	if st != http.StatusSeeOther || web.signedInAs() != "" {
		t.Fatalf("sign-out answered %d and left the session open", st)
	}
	web.login(auth, 200)
	if got := web.signedInAs(); got == "" {
		t.Fatal("passkey sign-in did not sign in")
	}
	page := web.page("/pacts/co")
	for _, want := range []string{`class="vote stack js-only" hidden id="vote-form-p1" data-pact="co"`, `data-key="` + strings.ReplaceAll(bk.pub, "+", "&#43;") + `"`, `data-actor="a"`, `id="vote-nojs"`, "Voting on this page needs JavaScript", "entente vote co p1", `src="/static/entente.js"`} {
		if !strings.Contains(page, want) {
			t.Errorf("pact page for a signed-in voter lacks %q", want)
		}
	}
	for path, p := range map[string]string{"/pacts/co": page, "/signin": web.page("/signin"), "/": web.page("/")} {
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(p, -1) {
			if !strings.Contains(tag, ` src="/static/`) {
				t.Errorf("%s carries inline script: %s", path, tag)
			}
		}
		if h := regexp.MustCompile(`\son[a-z]+=`).FindString(p); h != "" {
			t.Errorf("%s carries an inline event handler: %s", path, h)
		}
	}

	// The vote the page's script makes: signed by the browser key alone.
	before := ts.logLen("co")
	b, _ := json.Marshal(bk.vote(ts, "co", "p1", entente.Yes))
	st, got, _ := web.do("POST", "/api/requests", "application/json", string(b))
	if st != http.StatusCreated || ts.logLen("co") != before+1 {
		t.Fatalf("browser-signed vote: %d %s", st, got)
	}
	if p := web.page("/pacts/co"); strings.Contains(p, `id="vote-form-p1"`) {
		t.Error("the page still offers a vote on p1 to a member who voted")
	}
	if js := get(t, ts, "/static/entente.js", 200); !strings.Contains(js, `generateKey({ name: "Ed25519" }, false, ["sign", "verify"])`) {
		t.Error("entente.js does not make a non-extractable Ed25519 key")
	}
}

// TestPasskeyAttacks: each claim of the sign-in design, attacked.
func TestPasskeyAttacks(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, http.StatusCreated)
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	web := newWebClient(ts)
	auth := web.registerPasskey(bk, bk.key, 200)
	stolen := web.cookies["entente_session"].Value

	t.Run("forged session cookie", func(t *testing.T) {
		for _, v := range []string{"x", base64.RawURLEncoding.EncodeToString(make([]byte, 32)), stolen + "A", strings.ToUpper(stolen)} {
			evil := newWebClient(ts)
			evil.cookies["entente_session"] = &http.Cookie{Name: "entente_session", Value: v}
			if got := evil.signedInAs(); got != "" {
				t.Errorf("cookie %q signs in as %q", v, got)
			}
			if strings.Contains(evil.page("/pacts/co"), `class="vote`) {
				t.Errorf("cookie %q gets a vote form", v)
			}
		}
	})

	synced := newWebClient(ts).registerPasskeyWith(bk, func(a *softAuthenticator) { a.zeroCount = true })
	for name, auth := range map[string]*softAuthenticator{"counting": auth, "synced": synced} {
		t.Run("replayed assertion, "+name+" passkey", func(t *testing.T) { replayAssertion(t, ts, auth) })
	}
	t.Run("assertion for another origin", func(t *testing.T) {
		c := newWebClient(ts)
		opts := c.postJSON("/auth/passkey/login/begin", map[string]any{}, 200)
		c.postJSON("/auth/passkey/login/finish", auth.get(opts, "http://localhost.evil.example"), http.StatusForbidden)
	})

	t.Run("stolen cookie cannot act", func(t *testing.T) {
		thief := newWebClient(ts)
		thief.cookies["entente_session"] = &http.Cookie{Name: "entente_session", Value: stolen}
		if thief.signedInAs() == "" {
			t.Fatal("the stolen cookie should still name the session (it is the premise of the attack)")
		}
		before := ts.logLen("co")
		_, other, _ := ed25519.GenerateKey(rand.Reader)
		unsigned := bk.vote(ts, "co", "p1", entente.No)
		unsigned.Signatures = nil
		wrong := bk.vote(ts, "co", "p1", entente.No)
		wrong.Signatures = []entente.Signature{entente.Sign(other, []byte(wrong.Request))}
		badsig := bk.vote(ts, "co", "p1", entente.No)
		badsig.Signatures[0].Sig = ed25519.Sign(other, entente.RequestMessage([]byte(badsig.Request)))
		for name, s := range map[string]*entente.Signed{"no signature": unsigned, "another key": wrong, "forged signature": badsig} {
			b, _ := json.Marshal(s)
			st, got, _ := thief.do("POST", "/api/requests", "application/json", string(b))
			if st < 400 || st >= 500 {
				t.Errorf("%s with a valid session cookie: %d %s", name, st, got)
			}
		}
		if ts.logLen("co") != before {
			t.Error("the log changed")
		}
	})

	t.Run("cross-origin", func(t *testing.T) {
		before := ts.logLen("co")
		b, _ := json.Marshal(bk.vote(ts, "co", "p1", entente.No))
		for _, tc := range []struct{ path, ct, body string }{
			{"/api/requests", "application/json", string(b)},
			{"/auth/passkey/login/begin", "application/json", "{}"},
			{"/auth/passkey/register/begin", "application/json", fmt.Sprintf(`{"actor":"a","key":%q}`, bk.pub)},
			{"/auth/signout", "application/x-www-form-urlencoded", ""},
		} {
			st, got, _ := web.do("POST", tc.path, tc.ct, tc.body, "Origin", "http://evil.example")
			if st != http.StatusForbidden {
				t.Errorf("cross-origin POST %s: %d %s", tc.path, st, got)
			}
			st, got, _ = web.do("POST", tc.path, tc.ct, tc.body, "Origin", "", "Sec-Fetch-Site", "cross-site")
			if st != http.StatusForbidden {
				t.Errorf("cross-site POST %s: %d %s", tc.path, st, got)
			}
		}
		st, got, _ := web.do("POST", "/auth/passkey/login/begin", "text/plain", "{}", "Origin", "")
		if st != http.StatusBadRequest {
			t.Errorf("text/plain sign-in POST: %d %s", st, got)
		}
		if web.signedInAs() == "" {
			t.Error("a cross-origin sign-out ended the session")
		}
		if ts.logLen("co") != before {
			t.Error("the log changed")
		}
	})

	t.Run("passkey bound without the key", func(t *testing.T) {
		c := newWebClient(ts)
		_, attacker, _ := ed25519.GenerateKey(rand.Reader)
		a := c.registerPasskey(bk, attacker, http.StatusForbidden)
		if c.signedInAs() != "" {
			t.Error("signed in after a refused registration")
		}
		c.login(a, http.StatusForbidden) // nothing was stored
		// A key of another actor, or no key at all, cannot begin.
		c.postJSON("/auth/passkey/register/begin", map[string]string{"actor": "b", "key": bk.pub}, http.StatusForbidden)
		c.postJSON("/auth/passkey/register/begin", map[string]string{"actor": "a", "key": "AAAA"}, http.StatusForbidden)
	})

	t.Run("revoked key ends sessions and passkeys", func(t *testing.T) {
		c := newWebClient(ts)
		c.login(auth, 200)
		ts.post(ts.signed("a", entente.RegistryLog, entente.RevokeKey{Key: bk.pub, Reason: "browser lost"}), http.StatusCreated)
		if c.signedInAs() != "" || web.signedInAs() != "" {
			t.Error("a session outlived the revocation of its key")
		}
		newWebClient(ts).login(auth, http.StatusForbidden)
	})
}

// replayAssertion sends a passkey's sign-in answer a second time, in every
// way a thief holding it could.
func replayAssertion(t *testing.T, ts *testServer, auth *softAuthenticator) {
	c := newWebClient(ts)
	assertion := c.login(auth, 200)
	// The same answer again, to a new ceremony (new challenge) ...
	c2 := newWebClient(ts)
	c2.postJSON("/auth/passkey/login/begin", map[string]any{}, 200)
	c2.postJSON("/auth/passkey/login/finish", assertion, http.StatusForbidden)
	// ... to no ceremony ...
	c3 := newWebClient(ts)
	c3.postJSON("/auth/passkey/login/finish", assertion, http.StatusForbidden)
	// ... and to the finished ceremony's cookie, replayed too.
	c4 := newWebClient(ts)
	opts := c4.postJSON("/auth/passkey/login/begin", map[string]any{}, 200)
	cer := c4.cookies["entente_ceremony"]
	fresh := auth.get(opts, c4.origin)
	c4.postJSON("/auth/passkey/login/finish", fresh, 200)
	c4.cookies = map[string]*http.Cookie{"entente_ceremony": cer}
	c4.postJSON("/auth/passkey/login/finish", fresh, http.StatusForbidden)
	for _, c := range []*webClient{c2, c3} {
		if c.signedInAs() != "" {
			t.Error("a replayed assertion signed in")
		}
	}
}

// TestPasskeysNeedAnOrigin: away from localhost, passkeys need the
// configured origin, which must be a valid relying party.
func TestPasskeysNeedAnOrigin(t *testing.T) {
	ts := newTestServer(t)
	c := newWebClient(ts)
	c.origin = strings.Replace(c.origin, "localhost", "127.0.0.1", 1)
	c.postJSON("/auth/passkey/login/begin", map[string]any{}, http.StatusServiceUnavailable)
	srv := enthttp.New(ts.svc, enthttp.Config{})
	for _, bad := range []string{"https://10.0.0.1", "ftp://x.example", "https://x.example/path", "nonsense"} {
		if err := srv.SetPasskeys(nil, bad); err == nil {
			t.Errorf("SetPasskeys accepted origin %q", bad)
		}
	}
	if err := srv.SetPasskeys(&enthttp.MemoryPasskeys{}, "https://pacts.example.org"); err != nil {
		t.Error(err)
	}
}

// TestPasskeysInSQLite: with the sqlite store as its passkey store, a
// server that restarts (losing its sessions) still knows the passkeys.
func TestPasskeysInSQLite(t *testing.T) {
	ts := newTestServer(t)
	db, ok := ts.store.(*sqlite.DB)
	if !ok {
		t.Fatalf("the test store is %T", ts.store)
	}
	var _ enthttp.PasskeyStore = db
	serve := func() *httptest.Server {
		srv := enthttp.New(ts.svc, enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6})
		if err := srv.SetPasskeys(db, ""); err != nil {
			t.Fatal(err)
		}
		h := httptest.NewServer(srv)
		t.Cleanup(h.Close)
		return h
	}
	orig := ts.srv
	defer func() { ts.srv = orig }()
	bk := ts.enrolBrowserKey("a", "Ada's browser")

	ts.srv = serve()
	auth := newWebClient(ts).registerPasskey(bk, bk.key, 200)
	ts.srv = serve() // a restart: no sessions, no ceremonies, the same table
	c := newWebClient(ts)
	c.login(auth, 200)
	if c.signedInAs() == "" {
		t.Fatal("the passkey was forgotten across a restart")
	}
	// The in-memory default forgets it.
	ts.srv = httptest.NewServer(enthttp.New(ts.svc, enthttp.Config{}))
	defer ts.srv.Close()
	newWebClient(ts).login(auth, http.StatusForbidden)
}

// TestSignInAcrossServers: two servers on one store behind one origin,
// as behind a load balancer, each request going to either. A passkey
// registered through one ceremony begun on A and finished on B, a session
// opened by B honoured by A, signing out through A ending it on B, and a
// sign-in begun on B finished on A: the ceremonies and sessions are the
// store's, not a server's memory. A ceremony is finished once, whichever
// server is asked again.
func TestSignInAcrossServers(t *testing.T) {
	ts := newTestServer(t)
	const origin = "http://localhost:9999"
	a, b := storeServer(t, ts, origin), storeServer(t, ts, origin)
	orig := ts.srv
	defer func() { ts.srv = orig }()
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	c := newWebClient(ts)
	c.origin = origin
	on := func(h *httptest.Server) *webClient { ts.srv = h; return c }

	opts := on(a).postJSON("/auth/passkey/register/begin", map[string]string{"actor": string(bk.actor), "key": bk.pub}, 200)
	auth := newSoftAuthenticator(t)
	auth.zeroCount = true // a synced passkey: its counter cannot tell a replay
	cred, challenge := auth.create(opts, origin)
	binding := ed25519.Sign(bk.key, enthttp.PasskeyBindingMessage(bk.actor, bk.pub, challenge))
	finish := map[string]any{"credential": cred, "signature": binding}
	on(b).postJSON("/auth/passkey/register/finish", finish, 200)
	for name, h := range map[string]*httptest.Server{"A": a, "B": b} {
		if who := on(h).signedInAs(); who == "" {
			t.Errorf("signed in through B, server %s shows no one signed in", name)
		}
	}
	c.cookies["entente_ceremony"] = &http.Cookie{Name: "entente_ceremony", Value: "replayed"}
	if st, body, _ := on(a).do("POST", "/auth/passkey/register/finish", "application/json", mustJSON(t, finish)); st != http.StatusForbidden {
		t.Errorf("finishing a ceremony never begun: %d %s", st, body)
	}

	if st, body, _ := on(a).do("POST", "/auth/signout", "application/x-www-form-urlencoded", ""); st != http.StatusSeeOther {
		t.Fatalf("signing out through A: %d %s", st, body)
	}
	session := c.cookies["entente_session"]
	if session != nil {
		t.Fatalf("the session cookie survived signing out: %v", session)
	}

	opts = on(b).postJSON("/auth/passkey/login/begin", map[string]any{}, 200)
	begun := c.cookies["entente_ceremony"]
	assertion := auth.get(opts, origin)
	on(a).postJSON("/auth/passkey/login/finish", assertion, 200)
	if who := on(b).signedInAs(); who == "" {
		t.Error("signed in through A after beginning on B: B shows no one signed in")
	}
	c.cookies["entente_ceremony"] = begun // the same ceremony finished again, through the other server
	if st, body, _ := on(b).do("POST", "/auth/passkey/login/finish", "application/json", string(assertion)); st != http.StatusForbidden || !strings.Contains(string(body), "ceremony") {
		t.Errorf("finishing a ceremony a second time, through the other server: %d %s", st, body)
	}
}

// TestSignOutEndsTheSessionOnEveryServer: a session cookie copied before
// its holder signed out through one server is refused by the other.
func TestSignOutEndsTheSessionOnEveryServer(t *testing.T) {
	ts := newTestServer(t)
	servers := []*httptest.Server{storeServer(t, ts, "http://localhost:9999"), storeServer(t, ts, "http://localhost:9999")}
	orig := ts.srv
	defer func() { ts.srv = orig }()
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	ts.srv = servers[0]
	c := newWebClient(ts)
	c.origin = "http://localhost:9999"
	c.registerPasskey(bk, bk.key, 200)
	copied := *c.cookies["entente_session"]
	if st, _, _ := c.do("POST", "/auth/signout", "application/x-www-form-urlencoded", ""); st != http.StatusSeeOther {
		t.Fatalf("signing out: %d", st)
	}
	ts.srv = servers[1]
	thief := newWebClient(ts)
	thief.origin = "http://localhost:9999"
	thief.cookies["entente_session"] = &copied
	if who := thief.signedInAs(); who != "" {
		t.Errorf("a session ended through one server is honoured by the other, as %s", who)
	}
}

// storeServer is a server of ts's ledger at origin with its own handle on
// ts's SQLite store, keeping passkeys and sign-ins there: two of them are
// two servers on one store.
func storeServer(t *testing.T, ts *testServer, origin string) *httptest.Server {
	t.Helper()
	db, err := sqlite.Open(ts.store.(*sqlite.DB).Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv := enthttp.New(ts.svc, enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6})
	if err := srv.SetPasskeys(db, origin); err != nil {
		t.Fatal(err)
	}
	srv.SetSignIns(db)
	h := httptest.NewServer(srv)
	t.Cleanup(h.Close)
	return h
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// readCounting counts the sign-ins read from a store.
type readCounting struct {
	logstore.SignInStore
	reads atomic.Int64
}

func (c *readCounting) SignIn(ctx context.Context, id [32]byte, kind logstore.SignInKind, now time.Time) (logstore.SignIn, bool, error) {
	c.reads.Add(1)
	return c.SignInStore.SignIn(ctx, id, kind, now)
}

// TestASessionIsReadOncePerRequest: a pact's page asks who is signed in
// to decide what its reader may read and again to render; with the
// sessions in a database each ask would be a query. The request reads
// the session once.
func TestASessionIsReadOncePerRequest(t *testing.T) {
	ts := newTestServer(t)
	counted := &readCounting{SignInStore: &logstore.MemorySignIns{}}
	srv := enthttp.New(ts.svc, enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6})
	srv.SetSignIns(counted)
	h := httptest.NewServer(srv)
	defer h.Close()
	orig := ts.srv
	defer func() { ts.srv = orig }()
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	ts.srv = h
	c := newWebClient(ts)
	c.registerPasskey(bk, bk.key, 200)
	before := counted.reads.Load()
	if p := c.page("/pacts/co"); !strings.Contains(p, `id="whoami"`) {
		t.Fatalf("the pact's page does not show Ada signed in")
	}
	if n := counted.reads.Load() - before; n != 1 {
		t.Errorf("one page view read the session %d times, want 1", n)
	}
}
