package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
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

const jv = "solid-state-jv"

// logEntry is an entry as GET /api/logs/{log}/entries shows it.
type logEntry struct {
	Index int64  `json:"index"`
	Raw   string `json:"raw"`
}

// event is the part of a stored event the tests look at.
type event struct {
	Seq  int64  `json:"seq"`
	Type string `json:"type"`
	By   string `json:"by"`
}

func getEntries(tb testing.TB, client *http.Client, s *server, log string) []logEntry {
	tb.Helper()
	resp, err := client.Get(s.url("/api/logs/" + log + "/entries"))
	if err != nil {
		tb.Fatalf("GET entries: %v", err)
	}
	defer resp.Body.Close()
	var out []logEntry
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET entries: status %d, %v", resp.StatusCode, err)
	}
	return out
}

// ack is an event the server acknowledged: its seq and canonical bytes.
type ack struct {
	seq int64
	raw string
}

// contribute posts one contribution signed by helios's demo delegate and
// returns the acknowledged events, or an error when there was no complete
// 2xx answer.
func contribute(client *http.Client, s *server, helios *entente.Delegate) ([]ack, error) {
	sig, err := helios.Sign(jv, entente.Contribute{Resource: "eur_k", Amount: 1}, entclient.Nonce(), time.Now().Add(time.Hour))
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(sig)
	if err != nil {
		return nil, err
	}
	resp, err := client.Post(s.url("/api/requests"), "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, body)
	}
	var res struct{ Events []json.RawMessage }
	if err := json.Unmarshal(body, &res); err != nil || len(res.Events) == 0 {
		return nil, fmt.Errorf("acknowledged with a body that names no events (%v): %s", err, body)
	}
	var acks []ack
	for _, raw := range res.Events {
		var e event
		var compact bytes.Buffer
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, err
		}
		if err := json.Compact(&compact, raw); err != nil {
			return nil, err
		}
		acks = append(acks, ack{e.Seq, compact.String()})
	}
	return acks, nil
}

// TestCrashMidBurstKeepsEveryAcknowledgedAppend kills the server with
// SIGKILL in the middle of a burst of appends and checks that every append
// it acknowledged survives, byte for byte at its seq, and that the store
// still verifies.
func TestCrashMidBurstKeepsEveryAcknowledgedAppend(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server twice and appends hundreds of entries")
	}
	const (
		workers   = 4
		perWorker = 100 // the burst: at most 400 appends
		killAfter = 150 // acknowledged appends before SIGKILL
	)
	db := filepath.Join(t.TempDir(), "e.db")
	client := &http.Client{Timeout: commandTimeout, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	defer client.CloseIdleConnections()

	began := time.Now()
	srv := startServer(t, db, "--demo", "--write-rate", "-1")
	seeded := time.Since(began)
	helios, err := entclient.LoadKey(demoKey(db, "helios"))
	if err != nil {
		t.Fatal(err)
	}
	base := int64(len(getEntries(t, client, srv, jv)))

	var (
		mu         sync.Mutex
		acks       []ack
		nacked     int
		unexpected []error
		killNow    = make(chan struct{})
		wg         sync.WaitGroup
	)
	burst := time.Now()
	for range workers {
		wg.Go(func() {
			for range perWorker {
				got, err := contribute(client, srv, helios)
				mu.Lock()
				if err != nil {
					// Once the kill is due, a failure is the kill (the
					// process may not be reaped yet); before, it is a bug.
					if nacked < killAfter {
						unexpected = append(unexpected, err)
					}
					mu.Unlock()
					return
				}
				acks = append(acks, got...)
				if nacked++; nacked == killAfter {
					close(killNow)
				}
				mu.Unlock()
			}
		})
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-killNow:
	case <-finished:
	}
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	<-finished
	<-srv.done
	untilKilled := time.Since(burst)
	var exit *exec.ExitError
	if !errors.As(srv.err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Errorf("server ended with %v, want death by SIGKILL", srv.err)
	}
	if len(unexpected) > 0 {
		t.Fatalf("appends failed before the kill: %v", unexpected)
	}
	if nacked < killAfter || nacked >= workers*perWorker {
		t.Fatalf("%d appends acknowledged; the kill was meant to land mid-burst after %d", nacked, killAfter)
	}

	began = time.Now()
	srv = startServer(t, db, "--demo")
	restarted := time.Since(began)
	if !strings.Contains(srv.stderr.String(), "not seeding the demo") {
		t.Errorf("restart on the same store did not keep it:\n%s", srv.stderr)
	}
	entries := getEntries(t, client, srv, jv)
	for i, e := range entries {
		if e.Index != int64(i) {
			t.Fatalf("entry at position %d has index %d", i, e.Index)
		}
	}
	for _, a := range acks {
		switch {
		case a.seq >= int64(len(entries)):
			t.Errorf("acknowledged event %d lost: the log holds %d entries", a.seq, len(entries))
		case entries[a.seq].Raw != a.raw:
			t.Errorf("entry %d is\n%s\nbut the server acknowledged\n%s", a.seq, entries[a.seq].Raw, a.raw)
		}
	}
	// Appends in flight at the kill may have been committed without an
	// answer, but no more than one per worker.
	committed := 0
	for _, e := range entries[base:] {
		var ev event
		if err := json.Unmarshal([]byte(e.Raw), &ev); err != nil {
			t.Fatalf("entry %d: %v", e.Index, err)
		}
		if ev.Type == "contribution_made" && ev.By == "helios" {
			committed++
		}
	}
	if committed < nacked || committed > nacked+workers {
		t.Errorf("%d contributions in the log after %d acknowledged with %d in flight", committed, nacked, workers)
	}
	if code := srv.stop(); code != 0 {
		t.Errorf("serve after SIGTERM: exit %d\n%s", code, srv.stderr)
	}

	began = time.Now()
	r := exits(t, 0, "verify", "--db", db)
	verified := time.Since(began)
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		if !strings.HasSuffix(line, "ok") {
			t.Errorf("verify: %s", line)
		}
	}
	t.Logf("seed+start %v; %d appends acknowledged (%d committed, %d entries) in %v before SIGKILL; restart %v; verify %v",
		seeded.Round(time.Millisecond), nacked, committed, len(entries), untilKilled.Round(time.Millisecond),
		restarted.Round(time.Millisecond), verified.Round(time.Millisecond))
}
