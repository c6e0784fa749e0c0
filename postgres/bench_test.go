package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// BenchmarkDurableAppends measures durable appends of one event per
// transaction by 1, 16 and 64 concurrent appenders, each on a log of its
// own (as clients of different pacts), through the Store and through a raw
// loop of one-row INSERT transactions on the same database with the same
// durability (synchronous commit on PostgreSQL; WAL with synchronous=FULL
// on SQLite). It reports appends/s and the p50 and p99 latency of one
// append. On PostgreSQL it also measures the Store with the notification
// sent inside the append's transaction, which is why Append sends it after.
//
//	eval "$(.ci/postgres.sh start)"
//	go test -run '^$' -bench DurableAppends -benchtime 3s ./postgres/
func BenchmarkDurableAppends(b *testing.B) {
	type target struct {
		name string
		open func(b *testing.B) appender
	}
	targets := []target{
		{"postgres/store", func(b *testing.B) appender { return newStoreAppender(b, MustOpenDB(b)) }},
		{"postgres/store-notify-in-tx", func(b *testing.B) appender {
			notifyInTx = true
			b.Cleanup(func() { notifyInTx = false })
			return newStoreAppender(b, MustOpenDB(b))
		}},
		{"postgres/raw-insert", newPostgresRaw},
		{"sqlite/store", func(b *testing.B) appender {
			db, err := sqlite.Open(filepath.Join(b.TempDir(), "entente.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			return newStoreAppender(b, db)
		}},
		{"sqlite/raw-insert", newSQLiteRaw},
	}
	for _, tg := range targets {
		for _, n := range []int{1, 16, 64} {
			b.Run(fmt.Sprintf("%s/appenders=%d", tg.name, n), func(b *testing.B) {
				runAppenders(b, tg.open(b), n)
			})
		}
	}
}

// appender appends the i-th event of the appender-th log, durably.
type appender interface {
	append(ctx context.Context, appender int, i int64) error
}

// runAppenders has n goroutines append b.N events in all, and reports
// appends/s with the p50 and p99 latency.
func runAppenders(b *testing.B, a appender, n int) {
	ctx := b.Context()
	var (
		next      atomic.Int64
		wg        sync.WaitGroup
		mu        sync.Mutex
		latencies []time.Duration
		failed    atomic.Value
	)
	b.ResetTimer()
	for g := range n {
		wg.Go(func() {
			var mine []time.Duration
			for i := int64(0); next.Add(1) <= int64(b.N); i++ {
				start := time.Now()
				if err := a.append(ctx, g, i); err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	b.StopTimer()
	if err, ok := failed.Load().(error); ok {
		b.Fatal(err)
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(len(latencies))/b.Elapsed().Seconds(), "appends/s")
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(0, "ns/op") // per-op time over n goroutines says little
}

// event returns a typical event of about 150 bytes.
func event(appender int, i int64) []byte {
	return fmt.Appendf(nil, `{"seq":%d,"type":"vote_cast","at":"2026-03-02T09:00:00Z","data":{"proposal":"p-%d","actor":"actor-%d","vote":"yes"}}`, i, i/10, appender)
}

// storeAppender appends through an logstore.Store as the server does: real
// leaf hashes and a signed head over the whole log with each append.
type storeAppender struct {
	st     logstore.Store
	signer tlog.Signer
	trees  []tlog.Builder // by appender; each goroutine touches only its own
}

func newStoreAppender(b *testing.B, st logstore.Store) *storeAppender {
	signer, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{'b'}))
	if err != nil {
		b.Fatal(err)
	}
	return &storeAppender{st: st, signer: signer, trees: make([]tlog.Builder, 64)}
}

func (s *storeAppender) append(ctx context.Context, appender int, i int64) error {
	log := fmt.Sprintf("pact-%02d", appender)
	data := event(appender, i)
	e := logstore.Entry{Index: i, Data: data, LeafHash: tlog.LeafHash(data)}
	tree := &s.trees[appender]
	tree.Append(e.LeafHash)
	head := s.signer.Sign(tlog.TreeHead{Log: log, Size: tree.Size(), Root: tree.Root(), Time: time.Now().UTC()})
	return s.st.Append(ctx, log, i, []logstore.Entry{e}, head)
}

// postgresRaw inserts one row per autocommit transaction.
type postgresRaw struct{ pool *pgxpool.Pool }

func newPostgresRaw(b *testing.B) appender {
	db := MustOpenDB(b) // a fresh schema, and the same pool settings as the store
	_, err := db.pool.Exec(b.Context(), `CREATE TABLE raw (log text COLLATE "C", idx bigint, data bytea NOT NULL, PRIMARY KEY (log, idx))`)
	if err != nil {
		b.Fatal(err)
	}
	return postgresRaw{db.pool}
}

func (r postgresRaw) append(ctx context.Context, appender int, i int64) error {
	_, err := r.pool.Exec(ctx, `INSERT INTO raw (log, idx, data) VALUES ($1, $2, $3)`, fmt.Sprintf("pact-%02d", appender), i, event(appender, i))
	return err
}

// sqliteRaw inserts one row per transaction through one connection, with
// the SQLite store's durability settings.
type sqliteRaw struct{ db *sql.DB }

func newSQLiteRaw(b *testing.B) appender {
	path := filepath.Join(b.TempDir(), "raw.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE raw (log TEXT, idx INTEGER, data BLOB NOT NULL, PRIMARY KEY (log, idx)) WITHOUT ROWID`); err != nil {
		b.Fatal(err)
	}
	return sqliteRaw{db}
}

func (r sqliteRaw) append(ctx context.Context, appender int, i int64) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO raw (log, idx, data) VALUES (?, ?, ?)`, fmt.Sprintf("pact-%02d", appender), i, event(appender, i))
	return err
}
