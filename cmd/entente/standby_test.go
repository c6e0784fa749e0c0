package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	entclient "github.com/entente/entente/client"
	"github.com/entente/entente/ledger"
)

// pgStandbyEnv names a streaming standby of the cluster at pgEnv
// (.ci/postgres.sh standby makes one).
const pgStandbyEnv = "ENTENTE_TEST_POSTGRES_STANDBY"

// TestReadOnlyServerOnStandby: a server started with --read-only --poll
// on a real streaming standby of the database (not a primary that merely
// refuses writes) serves what the primary held when it started, and
// follows what is written through the primary afterwards, within a few
// polls once the standby has replayed it.
func TestReadOnlyServerOnStandby(t *testing.T) {
	primary := needPostgres(t)
	standby := needURL(t, pgStandbyEnv, "a PostgreSQL standby", `eval "$(.ci/postgres.sh standby "$ENTENTE_PG_DIR")"`)
	db := freshSchema(t, primary)
	helios := seedShared(t, db, []string{"sb-0"})
	onStandby := sameSearchPath(t, standby, db)
	waitReplayed(t, primary, standby)
	srv := startServer(t, onStandby, "--read-only", "--poll", "50ms")
	defer srv.stop()
	if r := exits(t, 0, "pact", "list", "--server", srv.url("")); !strings.Contains(r.stdout, "sb-0") {
		t.Fatalf("the server on the standby does not list the pact seeded on the primary:\n%s", r.stdout)
	}

	// A write through the primary reaches the server on the standby.
	ctx := context.Background()
	store, signer, err := openStore(db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc, err := ledger.Open(ctx, store, signer, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	p := entente.Pact{ID: "sb-1", Name: "Founded on the primary", Kind: entente.Coalition}
	sig, err := helios.Sign("sb-1", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"helios"}}, entclient.Nonce(), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Submit(ctx, sig); err != nil {
		t.Fatalf("founding sb-1 on the primary: %v", err)
	}
	waitReplayed(t, primary, standby)
	waitListed(t, srv, "sb-1", 30*time.Second)
}

// waitListed waits until the server's pact listing shows pact id, and
// fails the test when it does not within patience.
func waitListed(t *testing.T, srv *server, id string, patience time.Duration) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		r := exits(t, 0, "pact", "list", "--server", srv.url(""))
		if strings.Contains(r.stdout, id) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never listed pact %s, founded on the store through another process:\n%s", id, r.stdout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sameSearchPath returns the URL base with the search_path of like.
func sameSearchPath(t *testing.T, base, like string) string {
	t.Helper()
	l, err := url.Parse(like)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", l.Query().Get("search_path"))
	u.RawQuery = q.Encode()
	return u.String()
}

// waitReplayed waits until the standby has replayed the primary's WAL as
// it stands now.
func waitReplayed(t *testing.T, primary, standby string) {
	t.Helper()
	ctx := context.Background()
	query := func(dsn, sql string, args ...any) bool {
		t.Helper()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatalf("connect: %v", err)
		}
		defer conn.Close(ctx)
		var ok bool
		if err := conn.QueryRow(ctx, sql, args...).Scan(&ok); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return ok
	}
	if !query(standby, "SELECT pg_is_in_recovery()") {
		t.Fatalf("%s is not a standby (pg_is_in_recovery is false)", pgStandbyEnv)
	}
	conn, err := pgx.Connect(ctx, primary)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	var lsn string
	err = conn.QueryRow(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&lsn)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !query(standby, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", lsn) {
		if time.Now().After(deadline) {
			t.Fatalf("the standby did not replay the primary's WAL up to %s within a minute", lsn)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
