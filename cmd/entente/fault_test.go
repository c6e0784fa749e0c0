package main

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/entente/entente"
	entclient "github.com/entente/entente/client"
)

// burst sends clients×each signed contributions to the pacts, through the
// server that pick returns for each attempt. A request without a complete
// answer (its server died under it) is sent again, the same signed bytes,
// through the next server pick gives; a 503 is sent again after
// Retry-After. Acknowledged events are recorded in check; a nonce conflict
// on a resent request means an earlier attempt was stored, which the final
// check accepts. Any other answer is a failure, and so is a 503 without
// Retry-After. midway is called once, after the first trigger answers.
func burst(t *testing.T, client *http.Client, helios *entente.Delegate, pacts []string, clients, each, trigger int,
	pick func(c, attempt int) string, midway func(), check *ledgerCheck) (unavailable int) {
	var (
		mu       sync.Mutex
		answered int
		once     sync.Once
		wg       sync.WaitGroup
	)
	for c := range clients {
		wg.Go(func() {
			for k := range each {
				log := pacts[(c+k)%len(pacts)]
				nonce := entclient.Nonce()
				sig, err := helios.Sign(log, entente.Contribute{Resource: "eur_k", Amount: 1}, nonce, time.Now().Add(time.Hour))
				if err != nil {
					check.failf("sign: %v", err)
					return
				}
				uncertain := false
				for attempt := 0; ; attempt++ {
					if attempt == 200 {
						check.failf("request %s: no answer after 200 attempts", nonce)
						break
					}
					r := post(client, pick(c, attempt), sig)
					switch {
					case r.err != nil:
						uncertain = true // the server may have stored it before dying
						time.Sleep(50 * time.Millisecond)
						continue
					case r.status == http.StatusServiceUnavailable:
						if r.retryAfter == "" {
							check.failf("503 without Retry-After: %s", r.body)
						}
						mu.Lock()
						unavailable++
						mu.Unlock()
						uncertain = true
						time.Sleep(100 * time.Millisecond)
						continue
					case r.status/100 == 2:
						check.mu.Lock()
						check.acks[log] = append(check.acks[log], r.acks...)
						check.mu.Unlock()
					case r.status == http.StatusConflict && uncertain && strings.Contains(r.body, nonce):
						check.mu.Lock()
						check.maybe[nonce] = log
						check.mu.Unlock()
					default:
						check.failf("request %s: status %d: %s", nonce, r.status, r.body)
					}
					break
				}
				mu.Lock()
				answered++
				if answered == trigger {
					once.Do(func() { go midway() })
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	once.Do(midway) // a burst that ended before the trigger still runs it
	return unavailable
}

// TestKillOneServerMidBurst runs three servers on one PostgreSQL database
// and, in each of 20 rounds, kills one with SIGKILL in the middle of a
// burst of writes, then starts it again. Clients whose server died resend
// their request through another. No acknowledged write may be lost or
// stored twice, and the store must verify.
func TestKillOneServerMidBurst(t *testing.T) {
	base := needPostgres(t)
	if testing.Short() {
		t.Skip("kills and restarts a server 20 times")
	}
	const rounds, clients, each = 20, 12, 4
	dbURL := freshSchema(t, base)
	pacts := multiPacts(5)
	helios := seedShared(t, dbURL, pacts)
	var mu sync.Mutex
	servers := make([]*server, 3)
	alive := []bool{true, true, true}
	for i := range servers {
		servers[i] = startServer(t, dbURL, "--write-rate", "-1")
	}
	pick := func(c, attempt int) string {
		mu.Lock()
		defer mu.Unlock()
		for i := range 3 {
			j := (c + attempt + i) % 3
			if alive[j] {
				return servers[j].addr
			}
		}
		return servers[0].addr
	}
	client := &http.Client{Timeout: commandTimeout, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	check := newLedgerCheck()
	began := time.Now()
	for round := range rounds {
		victim := round % 3
		killed := make(chan struct{})
		burst(t, client, helios, pacts, clients, each, clients*each/3, pick, func() {
			mu.Lock()
			alive[victim] = false
			s := servers[victim]
			mu.Unlock()
			s.cmd.Process.Signal(syscall.SIGKILL)
			<-s.done
			close(killed)
		}, check)
		<-killed
		s := startServer(t, dbURL, "--write-rate", "-1")
		mu.Lock()
		servers[victim], alive[victim] = s, true
		mu.Unlock()
	}
	for _, f := range check.fails {
		t.Error(f)
	}
	acked := 0
	for _, a := range check.acks {
		acked += len(a)
	}
	t.Logf("%d rounds: %d writes acknowledged, %d stored without an answer, in %v", rounds, acked, len(check.maybe), time.Since(began).Round(time.Millisecond))
	check.verifyLogs(t, client, servers[0].addr, pacts)
	for _, s := range servers {
		s.stop()
	}
	exits(t, 0, "verify", "--db", dbURL)
}

// ownCluster starts a PostgreSQL cluster of the test's own with
// .ci/postgres.sh, stopped at cleanup, and returns its URL and directory:
// a test that restarts its database must not take the shared one away
// from tests running beside it.
func ownCluster(t *testing.T) (string, string) {
	t.Helper()
	// Not under t.TempDir, whose parents the cluster's unprivileged owner
	// may not be able to enter; postgres.sh hands the directory over.
	dir, err := os.MkdirTemp("", "entente-fault-pg-")
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("../../.ci/postgres.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(script, "start", dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	t.Cleanup(func() { exec.Command(script, "stop", dir).Run() })
	if err != nil {
		t.Fatalf("starting a PostgreSQL cluster: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "export "+pgEnv+"='"); ok {
			return strings.TrimSuffix(v, "'"), dir
		}
	}
	t.Fatalf("postgres.sh printed no %s:\n%s", pgEnv, out)
	return "", ""
}

// TestDatabaseRestartMidBurst crash-restarts PostgreSQL (pg_ctl restart -m
// immediate) in the middle of a burst of writes through two servers, five
// times. While the database is away clients get 503 with Retry-After,
// never a 500 or a cut connection; the servers reconnect by themselves;
// no acknowledged write is lost or stored twice; the store verifies.
func TestDatabaseRestartMidBurst(t *testing.T) {
	needPostgres(t) // PostgreSQL is installed
	if testing.Short() {
		t.Skip("restarts a PostgreSQL cluster five times")
	}
	const rounds, clients, each = 5, 12, 6
	base, dir := ownCluster(t)
	script, _ := filepath.Abs("../../.ci/postgres.sh")
	dbURL := freshSchema(t, base)
	pacts := multiPacts(5)
	helios := seedShared(t, dbURL, pacts)
	servers := []*server{startServer(t, dbURL, "--write-rate", "-1"), startServer(t, dbURL, "--write-rate", "-1")}
	pick := func(c, attempt int) string { return servers[(c+attempt)%2].addr }
	client := &http.Client{Timeout: commandTimeout, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	check := newLedgerCheck()
	unavailable := 0
	for range rounds {
		unavailable += burst(t, client, helios, pacts, clients, each, clients*each/4, pick, func() {
			if out, err := exec.Command(script, "restart", dir).CombinedOutput(); err != nil {
				check.failf("pg_ctl restart: %v\n%s", err, out)
			}
		}, check)
	}
	for _, f := range check.fails {
		t.Error(f)
	}
	for i, s := range servers {
		select {
		case <-s.done:
			t.Fatalf("server %d died: %v\n%s", i, s.err, s.stderr)
		default:
		}
	}
	acked := 0
	for _, a := range check.acks {
		acked += len(a)
	}
	t.Logf("%d restarts: %d writes acknowledged, %d answers 503, %d stored without an answer", rounds, acked, unavailable, len(check.maybe))
	check.verifyLogs(t, client, servers[0].addr, pacts)
	for _, s := range servers {
		s.stop()
	}
	exits(t, 0, "verify", "--db", dbURL)
}
