package ledger_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/sqlite"
)

// BenchmarkDurableCommands measures durable appends/s, with the p50 and
// p99 latency of one, the CPU time and the appends per store transaction,
// at 1, 16 and 64 concurrent clients. Each client's command runs, is
// appended with its signed head and is answered once durable; the ledger
// batches concurrent commands into one store transaction. Beside it, in
// the same run and on the same database with the same durability:
//
//   - raw-batched: a raw INSERT loop, to which clients hand rows; one
//     loop inserts whatever is waiting, up to 512 rows, in one
//     transaction (group commit without a ledger);
//   - raw-gathered: the same loop, waiting as the ledger's committer does
//     for every client's row before it takes a batch;
//   - raw-schema: the raw batched loop writing the store's own rows into
//     the store's own schema (made by its migrations): each client's
//     entry, as the ledger encodes a contribution, at the next index of its
//     pact, and one tree head per pact per transaction (on SQLite, the head
//     columns of the pact's last entry of the batch), with prepared
//     statements on SQLite and, on PostgreSQL, the logs rows' sizes too.
//     It checks no lengths, runs no command and signs nothing: the rows
//     alone. The plain raw loop appends short rows to one rowid table
//     without an index; raw-schema is the fair "raw INSERT loop of the
//     same database";
//   - ledger-nogather: the ledger with its committer taking what is
//     queued at once, as before it waited for a fuller batch;
//   - ledger-head-each (SQLite): the ledger signing a head per command,
//     as before it signed one per log per transaction;
//   - ledger-snap1000 and ledger-nosnap (SQLite): the ledger writing a
//     pact's snapshot every 1,000 entries, as before stop 23, and writing
//     none. Snapshots fall due only in long runs (at 64 clients over 8
//     pacts, every 32,768 appends, or 8,000 at 1,000): compare them at
//     -benchtime 100000x.
//
// SQLite always; PostgreSQL when ENTENTE_TEST_POSTGRES names a server.
//
//	go test -run '^$' -bench DurableCommands -benchtime 2000x ./ledger/
func BenchmarkDurableCommands(b *testing.B) {
	type target struct {
		name string
		open func(b *testing.B) benchOp
	}
	targets := []target{
		{"sqlite/ledger", sqliteLedger(ledgerMode{})},
		{"sqlite/ledger-head-each", sqliteLedger(ledgerMode{signEach: true})},
		{"sqlite/ledger-nogather", sqliteLedger(ledgerMode{noGather: true})},
		{"sqlite/ledger-snap1000", sqliteLedger(ledgerMode{snapEvery: 1000})},
		{"sqlite/ledger-nosnap", sqliteLedger(ledgerMode{snapEvery: -1})},
		{"sqlite/raw-batched", func(b *testing.B) benchOp { return sqliteBatched(b, false) }},
		{"sqlite/raw-gathered", func(b *testing.B) benchOp { return sqliteBatched(b, true) }},
		{"sqlite/raw-schema", sqliteSchemaBatched},
	}
	if os.Getenv("ENTENTE_TEST_POSTGRES") != "" {
		targets = append(targets,
			target{"postgres/ledger", postgresLedger(ledgerMode{})},
			target{"postgres/ledger-nogather", postgresLedger(ledgerMode{noGather: true})},
			target{"postgres/raw-batched", func(b *testing.B) benchOp { return postgresBatched(b, false) }},
			target{"postgres/raw-gathered", func(b *testing.B) benchOp { return postgresBatched(b, true) }},
			target{"postgres/raw-schema", postgresSchemaBatched})
	}
	for _, n := range []int{1, 16, 64} {
		for _, tg := range targets {
			b.Run(fmt.Sprintf("%s/clients=%d", tg.name, n), func(b *testing.B) {
				runClients(b, tg.open(b), n)
			})
		}
	}
}

// sqliteLedger opens the ledger, run as mode says, on a new SQLite file.
func sqliteLedger(mode ledgerMode) func(b *testing.B) benchOp {
	return func(b *testing.B) benchOp {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return ledgerCommands(b, db, mode)
	}
}

// postgresLedger opens the ledger, run as mode says, on a new schema of
// the test database.
func postgresLedger(mode ledgerMode) func(b *testing.B) benchOp {
	return func(b *testing.B) benchOp {
		db, err := postgres.Open(b.Context(), benchSchema(b))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return ledgerCommands(b, db, mode)
	}
}

// benchOp is what a benchmark's clients run: do makes one durable append
// for client; batches, when set, counts the store transactions made and
// the appends they carried so far.
type benchOp struct {
	do      func(ctx context.Context, client int) error
	batches func() (transactions, appends int64)
	// phases, when set, says where the ledger's committer spent its time.
	phases func() ledger.WritePhases
}

// runClients has n goroutines make b.N appends in all and reports
// appends/s with the p50 and p99 latency of one, and the process's CPU
// time per append (user and system, GC included; on PostgreSQL the
// server's own CPU is not counted).
func runClients(b *testing.B, op benchOp, n int) {
	b.ResetTimer()
	r, err := driveClients(op, n, b.N)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(r.rate, "appends/s")
	b.ReportMetric(float64(r.p50.Microseconds()), "p50-µs")
	b.ReportMetric(float64(r.p99.Microseconds()), "p99-µs")
	b.ReportMetric(r.cpu, "cpu-µs/op")
	if r.perTx > 0 {
		b.ReportMetric(r.perTx, "appends/tx")
	}
	if r.phases.Batches > 0 {
		perTx := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(r.phases.Batches) }
		b.ReportMetric(perTx(r.phases.Gathering), "gather-µs/tx")
		b.ReportMetric(perTx(r.phases.Signing), "sign-µs/tx")
		b.ReportMetric(perTx(r.phases.Storing), "store-µs/tx")
		b.ReportMetric(float64(r.elapsed.Microseconds())/float64(r.phases.Batches), "µs/tx")
	}
	b.ReportMetric(0, "ns/op")
}

// clientRun is what driveClients measured: appends/s, the p50 and p99
// latency of one append, CPU µs per append and appends per store
// transaction (0 when op does not count them).
type clientRun struct {
	rate, cpu, perTx float64
	p50, p99         time.Duration
	// elapsed is the run's wall time; phases, the committer's time in it
	// (see ledger.WritePhases), when op reports it.
	elapsed time.Duration
	phases  ledger.WritePhases
}

// driveClients has n goroutines make count appends in all through op.
func driveClients(op benchOp, n, count int) (clientRun, error) {
	ctx := context.Background()
	var tx0, appends0 int64
	if op.batches != nil {
		tx0, appends0 = op.batches()
	}
	var phases0 ledger.WritePhases
	if op.phases != nil {
		phases0 = op.phases()
	}
	var (
		next      atomic.Int64
		wg        sync.WaitGroup
		mu        sync.Mutex
		latencies []time.Duration
		failed    atomic.Value
	)
	start := time.Now()
	cpu := processCPU()
	for g := range n {
		wg.Go(func() {
			var mine []time.Duration
			for next.Add(1) <= int64(count) {
				start := time.Now()
				if err := op.do(ctx, g); err != nil {
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
	cpu = processCPU() - cpu
	elapsed := time.Since(start)
	if err, ok := failed.Load().(error); ok {
		return clientRun{}, err
	}
	slices.Sort(latencies)
	r := clientRun{
		rate:    float64(len(latencies)) / elapsed.Seconds(),
		cpu:     float64(cpu.Microseconds()) / float64(len(latencies)),
		p50:     latencies[len(latencies)/2],
		p99:     latencies[len(latencies)*99/100],
		elapsed: elapsed,
	}
	if op.phases != nil {
		p := op.phases()
		r.phases = ledger.WritePhases{Batches: p.Batches - phases0.Batches, Gathering: p.Gathering - phases0.Gathering,
			Signing: p.Signing - phases0.Signing, Storing: p.Storing - phases0.Storing}
	}
	if op.batches != nil {
		if tx, appends := op.batches(); tx > tx0 {
			r.perTx = float64(appends-appends0) / float64(tx-tx0)
		}
	}
	return r, nil
}

// BenchmarkDurablePaired runs the ledger and the two raw batched loops
// (raw-schema and raw-batched, see BenchmarkDurableCommands) in
// alternating rounds of b.N appends each, in one process, on one database
// each, and reports per round ratios (min, median and max over the
// rounds): ledger appends/s over each loop's, and each loop's CPU per
// append over the ledger's. Rounds a second apart see the same load on a
// shared machine, where separate runs do not; the order alternates so
// that neither side always goes first.
//
//	go test -run '^$' -bench DurablePaired -benchtime 2000x ./ledger/
func BenchmarkDurablePaired(b *testing.B) {
	type backend struct {
		name                    string
		ledger, schema, batched func(b *testing.B) benchOp
	}
	backends := []backend{{"sqlite", sqliteLedger(ledgerMode{}), sqliteSchemaBatched, func(b *testing.B) benchOp { return sqliteBatched(b, false) }}}
	if os.Getenv("ENTENTE_TEST_POSTGRES") != "" {
		backends = append(backends, backend{"postgres", postgresLedger(ledgerMode{}), postgresSchemaBatched, func(b *testing.B) benchOp { return postgresBatched(b, false) }})
	}
	const rounds = 7
	for _, n := range []int{1, 16, 64} {
		for _, be := range backends {
			b.Run(fmt.Sprintf("%s/clients=%d", be.name, n), func(b *testing.B) {
				ops := []benchOp{be.ledger(b), be.schema(b), be.batched(b)}
				runs := make([][]clientRun, len(ops))
				b.ResetTimer()
				for r := range rounds {
					for k := range ops {
						i := k
						if r%2 == 1 {
							i = len(ops) - 1 - k
						}
						res, err := driveClients(ops[i], n, b.N)
						if err != nil {
							b.Fatal(err)
						}
						runs[i] = append(runs[i], res)
					}
				}
				b.StopTimer()
				for i, name := range []string{"schema", "batched"} {
					rate := make([]float64, rounds)
					cpu := make([]float64, rounds)
					for r := range rounds {
						rate[r] = runs[0][r].rate / runs[i+1][r].rate
						cpu[r] = runs[i+1][r].cpu / runs[0][r].cpu
					}
					reportSpread(b, rate, "ledger/"+name)
					reportSpread(b, cpu, "cpu-"+name+"/ledger")
				}
				for i, name := range []string{"ledger", "schema", "batched"} {
					b.ReportMetric(median(runs[i], func(c clientRun) float64 { return c.cpu }), name+"-cpu-µs")
					b.ReportMetric(median(runs[i], func(c clientRun) float64 { return float64(c.p50.Microseconds()) }), name+"-p50-µs")
					b.ReportMetric(median(runs[i], func(c clientRun) float64 { return float64(c.p99.Microseconds()) }), name+"-p99-µs")
				}
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// reportSpread reports the min, median and max of xs as unit-min,
// unit-med and unit-max.
func reportSpread(b *testing.B, xs []float64, unit string) {
	xs = slices.Sorted(slices.Values(xs))
	b.ReportMetric(xs[0], unit+"-min")
	b.ReportMetric(xs[len(xs)/2], unit+"-med")
	b.ReportMetric(xs[len(xs)-1], unit+"-max")
}

// median returns the median of f over runs.
func median(runs []clientRun, f func(clientRun) float64) float64 {
	xs := make([]float64, len(runs))
	for i, r := range runs {
		xs[i] = f(r)
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// ledgerMode names the baselines a benchmark can run the ledger as:
// signEach signs a head per command ("ledger-head-each", as before the
// heads of a transaction's appends to one log were joined); noGather has
// the committer take what is queued at once ("ledger-nogather", as before
// it waited for a fuller batch); snapEvery is Options.SnapshotEvery (0 for
// the default).
type ledgerMode struct {
	signEach, noGather bool
	snapEvery          int
}

// ledgerCommands opens a service on st, run as mode says, with 8 pacts of
// the operator's record and returns a command that contributes to
// client's pact.
func ledgerCommands(b *testing.B, st logstore.Store, mode ledgerMode) benchOp {
	ctx := b.Context()
	svc, err := ledger.OpenWith(ctx, st, testSigner(b, 3), time.Now, ledger.Options{SnapshotEvery: mode.snapEvery})
	if err != nil {
		b.Fatal(err)
	}
	ledger.SignEachForBenchmark(svc, mode.signEach)
	ledger.GatherForBenchmark(svc, !mode.noGather)
	if _, err := svc.RegisterActor(ctx, entente.Actor{ID: "a", Name: "A", Kind: entente.NGO}); err != nil {
		b.Fatal(err)
	}
	const pacts = 8
	for i := range pacts {
		id := entente.PactID(fmt.Sprintf("p%d", i))
		p := entente.Pact{ID: id, Name: string(id), Kind: entente.Coalition,
			Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
		if _, _, err := svc.Do(ctx, id, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a"}}); err != nil {
			b.Fatal(err)
		}
	}
	do := func(ctx context.Context, client int) error {
		_, _, err := svc.Do(ctx, entente.PactID(fmt.Sprintf("p%d", client%pacts)), "a", entente.Contribute{Resource: "hours", Amount: 1})
		return err
	}
	return benchOp{do: do, batches: svc.WriteStats, phases: svc.WritePhases}
}

// benchSchema returns the URL of a fresh schema in the test database.
func benchSchema(b *testing.B) string {
	base := os.Getenv("ENTENTE_TEST_POSTGRES")
	buf := make([]byte, 8)
	rand.Read(buf)
	schema := "bench_" + hex.EncodeToString(buf)
	conn, err := pgx.Connect(b.Context(), base)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(b.Context(), "CREATE SCHEMA "+schema); err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// benchRow is one row a client hands to a batched loop.
type benchRow struct {
	log  string
	data []byte
	done chan error
}

// batcher runs commit over whatever rows are waiting, one transaction at a
// time, answering each row's client once its transaction is committed.
// With gather, it first waits, as the ledger's committer does, until
// every client in do has handed its row over (at most the last
// transaction's time, at most 5 ms), rather than take what is waiting.
func batcher(gather bool, commit func(rows []benchRow) error) benchOp {
	return batcherOf(gather, nil, commit)
}

// batcherOf is batcher handing over data as each row's bytes, or when
// data is nil a short JSON row of its own.
func batcherOf(gather bool, data []byte, commit func(rows []benchRow) error) benchOp {
	var (
		mu      sync.Mutex
		waiting []benchRow
		running bool
		inside  int // clients in do
		asleep  bool
		wake    = make(chan struct{}, 1)
		last    time.Duration // used by loop only
		txs     atomic.Int64
		rowsIn  atomic.Int64
	)
	wakeIfAll := func() { // called with mu held
		if asleep && len(waiting) >= inside {
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	}
	gatherRows := func() {
		mu.Lock()
		select {
		case <-wake:
		default:
		}
		asleep = len(waiting) > 0 && len(waiting) < min(inside, 512)
		mu.Unlock()
		if asleep {
			select {
			case <-wake:
			case <-time.After(min(last, 5*time.Millisecond)):
			}
			mu.Lock()
			asleep = false
			mu.Unlock()
		}
	}
	loop := func() {
		for {
			if gather {
				gatherRows()
			}
			mu.Lock()
			rows := waiting[:min(len(waiting), 512)]
			waiting = waiting[len(rows):]
			if len(rows) == 0 {
				running = false
				mu.Unlock()
				return
			}
			mu.Unlock()
			start := time.Now()
			err := commit(rows)
			last = time.Since(start)
			txs.Add(1)
			rowsIn.Add(int64(len(rows)))
			for _, r := range rows {
				r.done <- err
			}
		}
	}
	var seq atomic.Int64
	do := func(ctx context.Context, client int) error {
		r := benchRow{log: fmt.Sprintf("p%d", client%8), data: data, done: make(chan error, 1)}
		if data == nil {
			r.data = fmt.Appendf(nil, `{"seq":%d,"type":"contributed","data":{"resource":"hours","amount":1}}`, seq.Add(1))
		}
		mu.Lock()
		inside++
		waiting = append(waiting, r)
		wakeIfAll()
		start := !running
		running = true
		mu.Unlock()
		if start {
			go loop()
		}
		err := <-r.done
		mu.Lock()
		inside--
		wakeIfAll()
		mu.Unlock()
		return err
	}
	return benchOp{do: do, batches: func() (int64, int64) { return txs.Load(), rowsIn.Load() }}
}

// sqliteBatched is the raw batched loop on a SQLite file with the store's
// durability (WAL, synchronous=FULL).
func sqliteBatched(b *testing.B, gather bool) benchOp {
	path := filepath.Join(b.TempDir(), "raw.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE raw (id INTEGER PRIMARY KEY, log TEXT, data BLOB NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	return batcher(gather, func(rows []benchRow) error {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := tx.Exec(`INSERT INTO raw (log, data) VALUES (?, ?)`, r.log, r.data); err != nil {
				tx.Rollback()
				return err
			}
		}
		return tx.Commit()
	})
}

// postgresBatched is the raw batched loop on PostgreSQL with synchronous
// commit: one INSERT of all waiting rows per transaction.
func postgresBatched(b *testing.B, gather bool) benchOp {
	pool, err := pgxpool.New(b.Context(), benchSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	if _, err := pool.Exec(b.Context(), `CREATE TABLE raw (id bigserial PRIMARY KEY, log text, data bytea NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	return batcher(gather, func(rows []benchRow) error {
		logs := make([]string, len(rows))
		data := make([][]byte, len(rows))
		for i, r := range rows {
			logs[i], data[i] = r.log, r.data
		}
		_, err := pool.Exec(context.Background(), `INSERT INTO raw (log, data) SELECT * FROM unnest($1::text[], $2::bytea[])`, logs, data)
		return err
	})
}

// storeRow is one entry as the ledger writes it for a benchmark client's
// contribution, and the head it writes with it.
type storeRow struct {
	data, leafHash  []byte
	root, signature []byte
	time            string
}

// contribution runs one client's command of ledgerCommands on a new
// SQLite store and returns the entry and head the ledger wrote for it, for
// the raw-schema loops to write the same bytes.
func contribution(b *testing.B) storeRow {
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "row.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	op := ledgerCommands(b, db, ledgerMode{})
	if err := op.do(b.Context(), 0); err != nil {
		b.Fatal(err)
	}
	entries, err := db.Entries(b.Context(), "p0", 0, -1)
	if err != nil || len(entries) < 2 {
		b.Fatalf("entries of p0: %d, %v", len(entries), err)
	}
	head, ok, err := db.LatestHead(b.Context(), "p0")
	if err != nil || !ok {
		b.Fatalf("latest head of p0: %v, %v", ok, err)
	}
	e := entries[len(entries)-1]
	return storeRow{data: e.Data, leafHash: e.LeafHash[:], root: head.Root[:], signature: head.Signature,
		time: head.Time.UTC().Format(time.RFC3339Nano)}
}

// schemaLogs gives each row of a batch its index in its log, counting on
// from sizes, and returns the logs the batch touched, in order, with their
// sizes after it.
func schemaLogs(rows []benchRow, sizes map[string]int64) (idx []int64, logs []string, after []int64) {
	idx = make([]int64, len(rows))
	seen := map[string]bool{}
	for i, r := range rows {
		idx[i] = sizes[r.log]
		sizes[r.log]++
		if !seen[r.log] {
			seen[r.log] = true
			logs = append(logs, r.log)
		}
	}
	for _, l := range logs {
		after = append(after, sizes[l])
	}
	return idx, logs, after
}

// sqliteSchemaBatched is the raw batched loop writing the store's rows
// into the store's schema on SQLite, with its durability (WAL,
// synchronous=FULL) and its prepared statements.
func sqliteSchemaBatched(b *testing.B) benchOp {
	row := contribution(b)
	path := filepath.Join(b.TempDir(), "schema.db")
	st, err := sqlite.Open(path) // the store's schema, by its migrations
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	entry, err := db.Prepare(`INSERT INTO entries (log, idx, data, leaf_hash, root, time, signature) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	sizes := map[string]int64{}
	return batcherOf(false, row.data, func(rows []benchRow) error {
		idx, logs, after := schemaLogs(rows, sizes)
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		e := tx.Stmt(entry)
		for i, r := range rows {
			// A log's head goes on its last entry of the batch, as the
			// store keeps it.
			var root, sig []byte
			var at any
			if idx[i] == after[slices.Index(logs, r.log)]-1 {
				root, sig, at = row.root, row.signature, row.time
			}
			if _, err := e.Exec(r.log, idx[i], r.data, row.leafHash, root, at, sig); err != nil {
				tx.Rollback()
				return err
			}
		}
		return tx.Commit()
	})
}

// postgresSchemaBatched is the raw batched loop writing the store's rows
// into the store's schema on PostgreSQL with synchronous commit: per
// transaction, one INSERT of the entries, one of the heads (one per log)
// and one upsert of the logs' sizes, sent together.
func postgresSchemaBatched(b *testing.B) benchOp {
	row := contribution(b)
	url := benchSchema(b)
	st, err := postgres.Open(b.Context(), url) // the store's schema, by its migrations
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	pool, err := pgxpool.New(b.Context(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	sizes := map[string]int64{}
	return batcherOf(false, row.data, func(rows []benchRow) error {
		idx, logs, after := schemaLogs(rows, sizes)
		entryLogs := make([]string, len(rows))
		data, leaves := make([][]byte, len(rows)), make([][]byte, len(rows))
		for i, r := range rows {
			entryLogs[i], data[i], leaves[i] = r.log, r.data, row.leafHash
		}
		roots, times, sigs := make([][]byte, len(logs)), make([]string, len(logs)), make([][]byte, len(logs))
		for i := range logs {
			roots[i], times[i], sigs[i] = row.root, row.time, row.signature
		}
		var batch pgx.Batch
		batch.Queue(`INSERT INTO logs (log, size) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (log) DO UPDATE SET size = excluded.size`, logs, after)
		batch.Queue(`INSERT INTO entries (log, idx, data, leaf_hash) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::bytea[])`, entryLogs, idx, data, leaves)
		batch.Queue(`INSERT INTO tree_heads (log, size, root, time, signature) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::text[], $5::bytea[])`, logs, after, roots, times, sigs)
		return pool.SendBatch(context.Background(), &batch).Close() // one implicit transaction
	})
}
