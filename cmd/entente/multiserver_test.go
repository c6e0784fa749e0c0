package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	entclient "github.com/entente/entente/client"
	"github.com/entente/entente/demo"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/ledger"
)

// The tests in this file run several 'entente serve' processes on one
// PostgreSQL database. They need a server: ENTENTE_TEST_POSTGRES names one
// (.ci/run starts a throwaway cluster); without it they skip, unless CI is
// set, when they fail.

const pgEnv = "ENTENTE_TEST_POSTGRES"

// needPostgres returns the test database's URL, or skips (fails under CI).
func needPostgres(tb testing.TB) string {
	tb.Helper()
	return needURL(tb, pgEnv, "PostgreSQL", `eval "$(.ci/postgres.sh start)"`)
}

// needURL returns the URL the environment variable env names, or skips
// (fails under CI), saying how to start what serves it.
func needURL(tb testing.TB, env, what, start string) string {
	tb.Helper()
	u := os.Getenv(env)
	switch {
	case u == "" && os.Getenv("CI") != "":
		tb.Fatalf("%s is not set, and CI is: run the tests through .ci/run, which starts %s", env, what)
	case u == "":
		tb.Skipf("%s is not set; start one with: %s", env, start)
	}
	return u
}

// freshSchema creates a new schema in the database at base and returns
// base's URL with search_path set to it.
func freshSchema(tb testing.TB, base string) string {
	tb.Helper()
	b := make([]byte, 8)
	rand.Read(b)
	schema := "mp_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(context.Background(), base)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// multiPacts are the pacts the clients write to.
func multiPacts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("mp-%d", i)
	}
	return out
}

// seedShared fills the PostgreSQL store at dbURL with the demo workspace
// and founds pacts with helios as sole founder; the server key goes to a
// file named by $ENTENTE_SERVER_KEY, which the servers inherit. It returns
// helios's delegate.
func seedShared(t *testing.T, dbURL string, pacts []string) *entente.Delegate {
	t.Helper()
	t.Setenv(backend.KeyEnv, filepath.Join(t.TempDir(), "server.key"))
	ctx := context.Background()
	db, signer, err := openStore(dbURL, true)
	if err != nil {
		t.Fatalf("openStore: %v", err)
	}
	defer db.Close()
	delegates, err := demo.Seed(ctx, db, signer, time.Now(), rand.Reader)
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	var helios *entente.Delegate
	for _, d := range delegates {
		if d.Actor == "helios" {
			helios = d
		}
	}
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range pacts {
		p := entente.Pact{ID: entente.PactID(id), Name: id, Kind: entente.Coalition,
			Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
		sig, err := helios.Sign(id, entente.FoundPact{Pact: p, Founders: []entente.ActorID{"helios"}}, entclient.Nonce(), time.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Submit(ctx, sig); err != nil {
			t.Fatalf("founding %s: %v", id, err)
		}
	}
	return helios
}

// reply is how a server answered one POST of a signed request.
type reply struct {
	status     int
	retryAfter string
	body       string
	acks       []ack
	err        error // no complete answer (connection refused or cut)
}

// post sends a signed request to s and reads the answer whole.
func post(client *http.Client, s string, sig *entente.Signed) reply {
	body, err := json.Marshal(sig)
	if err != nil {
		return reply{err: err}
	}
	resp, err := client.Post("http://"+s+"/api/requests", "application/json", bytes.NewReader(body))
	if err != nil {
		return reply{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), body: string(b), err: err}
	if err != nil || resp.StatusCode/100 != 2 {
		return r
	}
	var res struct{ Events []json.RawMessage }
	if err := json.Unmarshal(b, &res); err != nil || len(res.Events) == 0 {
		r.err = fmt.Errorf("acknowledged with a body that names no events (%v): %s", err, b)
		return r
	}
	for _, raw := range res.Events {
		var e event
		var compact bytes.Buffer
		if err := json.Unmarshal(raw, &e); err != nil {
			r.err = err
			return r
		}
		json.Compact(&compact, raw)
		r.acks = append(r.acks, ack{e.Seq, compact.String()})
	}
	return r
}

// allEntries reads every entry of log from the server at addr, page by
// page. A 503 is waited out as its Retry-After says, as any client must
// (a database just restarted may still be recovering), up to a minute.
func allEntries(tb testing.TB, client *http.Client, addr, log string) []logEntry {
	tb.Helper()
	var out []logEntry
	for waited := 0; ; {
		resp, err := client.Get(fmt.Sprintf("http://%s/api/logs/%s/entries?from=%d", addr, log, len(out)))
		if err != nil {
			tb.Fatalf("GET entries: %v", err)
		}
		if resp.StatusCode == http.StatusServiceUnavailable && waited < 60 {
			resp.Body.Close()
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil || secs < 1 {
				secs = 1
			}
			time.Sleep(time.Duration(secs) * time.Second)
			waited += secs
			continue
		}
		var page []logEntry
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			tb.Fatalf("GET entries of %s from %s: status %d, %v", log, addr, resp.StatusCode, err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
	}
}

// entryAt reads entry seq of log from the server at addr.
func entryAt(client *http.Client, addr, log string, seq int64) (string, error) {
	resp, err := client.Get(fmt.Sprintf("http://%s/api/logs/%s/entries?from=%d&to=%d", addr, log, seq, seq+1))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var page []logEntry
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d, %v", resp.StatusCode, err)
	}
	if len(page) != 1 {
		return "", fmt.Errorf("no entry %d", seq)
	}
	return page[0].Raw, nil
}

// ledgerCheck holds what clients were told, to check against the logs.
type ledgerCheck struct {
	mu    sync.Mutex
	acks  map[string][]ack  // by log
	maybe map[string]string // nonce to log, for requests whose outcome a client never learnt
	sent  map[string]string // every nonce sent, to its log
	fails []string
}

func newLedgerCheck() *ledgerCheck {
	return &ledgerCheck{acks: map[string][]ack{}, maybe: map[string]string{}, sent: map[string]string{}}
}

func (c *ledgerCheck) failf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fails) < 20 {
		c.fails = append(c.fails, fmt.Sprintf(format, args...))
	}
}

// verifyLogs checks, from the server at addr, that each log's indices run
// 0, 1, 2 ... with no gap, that every acknowledged event is there byte for
// byte at its seq, and that no request was recorded twice.
func (c *ledgerCheck) verifyLogs(t *testing.T, client *http.Client, addr string, logs []string) {
	t.Helper()
	for _, log := range logs {
		entries := allEntries(t, client, addr, log)
		nonces := map[string]int{}
		for i, e := range entries {
			if e.Index != int64(i) {
				t.Fatalf("log %s: entry at position %d has index %d", log, i, e.Index)
			}
			ev, err := entente.DecodeEvent([]byte(e.Raw))
			if err != nil {
				t.Fatalf("log %s entry %d: %v", log, i, err)
			}
			if ev.Signed != nil {
				req, err := entente.ParseRequest([]byte(ev.Signed.Request))
				if err != nil {
					t.Fatal(err)
				}
				nonces[req.Nonce]++
			}
		}
		for n, k := range nonces {
			if k > 1 {
				t.Errorf("log %s holds request %s %d times", log, n, k)
			}
		}
		for _, a := range c.acks[log] {
			switch {
			case a.seq >= int64(len(entries)):
				t.Errorf("log %s: acknowledged event %d lost: the log holds %d entries", log, a.seq, len(entries))
			case entries[a.seq].Raw != a.raw:
				t.Errorf("log %s entry %d is\n%s\nbut the server acknowledged\n%s", log, a.seq, entries[a.seq].Raw, a.raw)
			}
		}
	}
}

// TestServersShareOneDatabase runs three 'entente serve' processes on one
// PostgreSQL database and 64 clients spread over them, each sending signed
// requests to five pacts: every acknowledged write is stored exactly once
// at the seq it was acknowledged with, indices are contiguous, a read from
// another server right after the acknowledgement sees the write, all three
// serve the same signed heads, and verify passes.
func TestServersShareOneDatabase(t *testing.T) {
	base := needPostgres(t)
	if testing.Short() {
		t.Skip("starts three servers and sends 512 requests")
	}
	const clients, perClient = 64, 8
	dbURL := freshSchema(t, base)
	pacts := multiPacts(5)
	helios := seedShared(t, dbURL, pacts)
	servers := make([]*server, 3)
	addrs := make([]string, 3)
	for i := range servers {
		servers[i] = startServer(t, dbURL, "--write-rate", "-1")
		addrs[i] = servers[i].addr
	}
	client := &http.Client{Timeout: commandTimeout, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	check := newLedgerCheck()
	began := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for k := range perClient {
				log := pacts[(c+k)%len(pacts)]
				sig, err := helios.Sign(log, entente.Contribute{Resource: "eur_k", Amount: float64(c*100 + k + 1)}, entclient.Nonce(), time.Now().Add(time.Hour))
				if err != nil {
					check.failf("sign: %v", err)
					return
				}
				r := postRetrying(client, addrs[c%3], sig)
				if r.err != nil || r.status/100 != 2 {
					check.failf("client %d request %d: status %d, %v: %s", c, k, r.status, r.err, r.body)
					continue
				}
				check.mu.Lock()
				check.acks[log] = append(check.acks[log], r.acks...)
				check.mu.Unlock()
				// Read it back from another server at once.
				last := r.acks[len(r.acks)-1]
				raw, err := entryAt(client, addrs[(c+1)%3], log, last.seq)
				if err != nil || raw != last.raw {
					check.failf("a read of %s entry %d from another server right after the acknowledgement: %v (got %q)", log, last.seq, err, raw)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(began)
	for _, f := range check.fails {
		t.Error(f)
	}
	total := 0
	for _, a := range check.acks {
		total += len(a)
	}
	t.Logf("%d requests through 3 servers acknowledged in %v (%.0f/s)", clients*perClient, elapsed.Round(time.Millisecond), float64(clients*perClient)/elapsed.Seconds())
	if total != clients*perClient {
		t.Errorf("%d events acknowledged, want %d", total, clients*perClient)
	}
	check.verifyLogs(t, client, addrs[0], pacts)
	// All three serve the same signed head of each pact.
	for _, log := range pacts {
		var heads []string
		for _, a := range addrs {
			resp, err := client.Get("http://" + a + "/api/logs/" + log + "/head")
			if err != nil {
				t.Fatal(err)
			}
			var h struct {
				Size int64  `json:"size"`
				Root string `json:"root"`
			}
			json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
			heads = append(heads, fmt.Sprintf("%d/%s", h.Size, h.Root))
		}
		if heads[0] != heads[1] || heads[1] != heads[2] || strings.HasPrefix(heads[0], "0/") {
			t.Errorf("log %s: the servers serve heads %v", log, heads)
		}
	}
	for _, s := range servers {
		s.stop()
	}
	exits(t, 0, "verify", "--db", dbURL)
}

// postRetrying posts sig until an answer other than 503 comes, waiting as
// Retry-After says, and returns it. A nonce conflict after a 503 means an
// earlier attempt was stored: it comes back as it is, for the caller.
func postRetrying(client *http.Client, addr string, sig *entente.Signed) reply {
	for try := 0; ; try++ {
		r := post(client, addr, sig)
		if r.err != nil || r.status != http.StatusServiceUnavailable || try == 50 {
			return r
		}
		wait, _ := strconv.Atoi(r.retryAfter)
		time.Sleep(time.Duration(max(wait, 1)) * 100 * time.Millisecond)
	}
}
