package sqlite

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/entente/entente/internal/cputime"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// signedLog appends entries to one log the way the server does: each batch
// gets real leaf hashes and a signed head over the whole log, so the
// benchmarks include the hashing and signing an append really costs.
type signedLog struct {
	db     *DB
	name   string
	signer tlog.Signer
	tree   tlog.Builder
	n      int64
}

func newSignedLog(tb testing.TB, db *DB) *signedLog {
	tb.Helper()
	signer, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{'b'}))
	if err != nil {
		tb.Fatal(err)
	}
	return &signedLog{db: db, name: "pact-bench", signer: signer}
}

// appendBatch appends size entries of about 150 bytes (a typical event) in
// one transaction, and returns the bytes of entry data written.
func (l *signedLog) appendBatch(tb testing.TB, size int) int {
	tb.Helper()
	a := l.nextAppend(size)
	if err := l.db.Append(tb.Context(), l.name, l.n, a.Entries, a.Head); err != nil {
		tb.Fatal(err)
	}
	l.n += int64(size)
	written := 0
	for _, e := range a.Entries {
		written += len(e.Data)
	}
	return written
}

// nextAppend returns the append of the next size entries of the log, with
// real leaf hashes and a signed head; the log's tree takes them in, and
// the caller counts them into l.n once stored.
func (l *signedLog) nextAppend(size int) logstore.Append {
	entries := make([]logstore.Entry, size)
	for i := range entries {
		idx := l.n + int64(i)
		data := fmt.Appendf(nil, `{"seq":%d,"type":"vote_cast","at":"2026-03-02T09:00:00Z","data":{"proposal":"p-%d","actor":"actor-%d","vote":"yes"}}`, idx, idx/10, idx%97)
		entries[i] = logstore.Entry{Index: idx, Data: data, LeafHash: tlog.LeafHash(data)}
		l.tree.Append(entries[i].LeafHash)
	}
	head := l.signer.Sign(tlog.TreeHead{Log: l.name, Size: l.tree.Size(), Root: l.tree.Root(), Time: time.Now().UTC()})
	return logstore.Append{Log: l.name, From: l.n, Entries: entries, Head: head}
}

// BenchmarkAppend measures durable appends (one fsync per transaction) of
// one entry per transaction against batches of 100 entries per transaction.
func BenchmarkAppend(b *testing.B) {
	for _, size := range []int{1, 100} {
		b.Run(fmt.Sprintf("entries=%d", size), func(b *testing.B) {
			l := newSignedLog(b, MustOpenDB(b))
			written := 0
			for b.Loop() {
				written += l.appendBatch(b, size)
			}
			b.ReportMetric(float64(l.n)/b.Elapsed().Seconds(), "entries/s")
			b.ReportMetric(float64(written)/float64(l.n), "B/entry")
		})
	}
}

// BenchmarkEntries measures reading a whole log of 100,000 entries back.
func BenchmarkEntries(b *testing.B) {
	const total, batch = 100_000, 1000
	l := newSignedLog(b, MustOpenDB(b))
	written := 0
	for range total / batch {
		written += l.appendBatch(b, batch)
	}
	b.SetBytes(int64(written))
	reads := 0
	for b.Loop() {
		entries, err := l.db.Entries(b.Context(), l.name, 0, -1)
		if err != nil || len(entries) != total {
			b.Fatalf("Entries = %d entries, %v; want %d", len(entries), err, total)
		}
		reads++
	}
	b.ReportMetric(float64(reads*total)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkAppendBatch measures group commits as the ledger makes them at
// 64 clients on 8 pacts: one transaction of 8 appends, one per log, of 8
// entries each with one signed head, and reports the CPU time per entry
// (the fsync's wait is not CPU).
func BenchmarkAppendBatch(b *testing.B) {
	const logs, per = 8, 8
	db := MustOpenDB(b)
	ls := make([]*signedLog, logs)
	for i := range ls {
		ls[i] = newSignedLog(b, db)
		ls[i].name = fmt.Sprintf("pact-%d", i)
	}
	cpu := cputime.Process()
	for b.Loop() {
		batch := make([]logstore.Append, logs)
		for i, l := range ls {
			batch[i] = l.nextAppend(per)
		}
		results, err := db.AppendBatch(b.Context(), batch)
		if err != nil {
			b.Fatal(err)
		}
		for i, err := range results {
			if err != nil {
				b.Fatal(err)
			}
			ls[i].n += per
		}
	}
	b.ReportMetric(float64((cputime.Process()-cpu).Nanoseconds())/1e3/float64(b.N*logs*per), "cpu-µs/entry")
}

// BenchmarkEntriesInterleaved measures reading one whole log of 12,500
// entries out of 8 written as a group commit writes them (8 entries of
// each log per transaction), so that in a table in append order the log's
// rows are spread over the others'.
func BenchmarkEntriesInterleaved(b *testing.B) {
	const logs, per, rounds = 8, 8, 12_500 / 8
	db := MustOpenDB(b)
	ls := make([]*signedLog, logs)
	for i := range ls {
		ls[i] = newSignedLog(b, db)
		ls[i].name = fmt.Sprintf("pact-%d", i)
	}
	for range rounds {
		batch := make([]logstore.Append, logs)
		for i, l := range ls {
			batch[i] = l.nextAppend(per)
		}
		if _, err := db.AppendBatch(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
		for _, l := range ls {
			l.n += per
		}
	}
	b.ResetTimer()
	for b.Loop() {
		entries, err := db.Entries(b.Context(), "pact-3", 0, -1)
		if err != nil || len(entries) != rounds*per {
			b.Fatalf("Entries = %d entries, %v; want %d", len(entries), err, rounds*per)
		}
	}
	b.ReportMetric(float64(b.N*rounds*per)/b.Elapsed().Seconds(), "entries/s")
}
