package backend

import (
	"cmp"
	"context"
	"strconv"
	"time"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/tlog"
)

// Listing is a read as the command line prints it: V as JSON, or the
// rows of a table under Header.
type Listing struct {
	V      any
	Header []string
	Rows   [][]string
}

// LogQuery is what 'entente log' shows of a log, with the API's names:
// its entries (from From, before To, at most Limit), its latest signed
// tree head, or a proof. Proofs are the store's (StoreSource).
type LogQuery struct {
	From        int64 `flag:"from" usage:"first entry to show"`
	Limit       int64 `flag:"limit" arg:"N" usage:"show at most N entries from --from (0: all), as the API's limit" min:"0"`
	Head        bool  `flag:"head" usage:"show the latest signed tree head"`
	Inclusion   int64 `flag:"inclusion" arg:"INDEX" usage:"print the inclusion proof of entry INDEX"`
	Consistency int64 `flag:"consistency" arg:"SIZE" usage:"print the consistency proof from tree SIZE"`
	To          int64 `flag:"to" arg:"N" usage:"entries: stop before entry N; with --consistency: the newer tree size (0: the log's size), as the API's to" min:"0"`
	Size        int64 `flag:"size" arg:"SIZE" usage:"with --inclusion: the tree SIZE the proof is for (0: the log's size), as the API's size" min:"0"`
}

// NewLogQuery is a query for every entry of a log: no proof.
func NewLogQuery() LogQuery { return LogQuery{Inclusion: -1, Consistency: -1} }

// Proof reports whether q asks for a proof.
func (q LogQuery) Proof() bool { return q.Inclusion >= 0 || q.Consistency >= 0 }

// ReadLog reads what q asks of log from src, as a listing: the head and
// the key it is signed under, a proof (src must then be a StoreSource), or
// the entries, an entry the reader may not read marked as redacted. A
// --from past the log's end is bad usage naming the flag.
func ReadLog(ctx context.Context, src Source, log string, q LogQuery) (Listing, error) {
	size, err := src.Size(ctx, log)
	switch {
	case err != nil:
		return Listing{}, err
	case q.Head:
		return readHead(ctx, src, log)
	case q.Proof():
		return readProof(src.(StoreSource), log, size, q)
	case q.From < 0 || q.From > size:
		return Listing{}, cmdline.Usagef("--from: expected 0 to %d, got %d", size, q.From)
	}
	entries, err := src.Entries(ctx, log, q.From, logEnd(size, q.From, q.To, q.Limit))
	if err != nil {
		return Listing{}, err
	}
	l := Listing{V: entries, Header: []string{"INDEX", "LEAF", "EVENT"}}
	for _, e := range entries {
		event := string(e.Data)
		if e.Data == nil {
			event = "(redacted: you may not read this entry)"
		}
		l.Rows = append(l.Rows, []string{strconv.FormatInt(e.Index, 10), e.LeafHash.String()[:16], event})
	}
	return l, nil
}

// readHead reads a log's latest signed tree head and the key it is
// signed under.
func readHead(ctx context.Context, src Source, log string) (Listing, error) {
	h, err := src.Head(ctx, log)
	if err != nil {
		return Listing{}, err
	}
	key, err := src.Key(ctx)
	if err != nil {
		return Listing{}, err
	}
	return Listing{V: h, Header: []string{"LOG", "SIZE", "ROOT", "TIME", "KEY"},
		Rows: [][]string{{h.Log, strconv.FormatUint(h.Size, 10), h.Root.String(), h.Time.Format(time.RFC3339Nano), key.KeyID()}}}, nil
}

// logEnd is where a listing from from, before to and with at most limit
// entries (0: no bound) ends in a log of size entries.
func logEnd(size, from, to, limit int64) int64 {
	if to > 0 {
		size = min(size, to)
	}
	if limit == 0 || from+limit > size {
		return size
	}
	return from + limit
}

// readProof reads the proof q asks for in a log of size entries, its
// size (inclusion) or to (consistency) defaulting to the log's size.
func readProof(s StoreSource, log string, size int64, q LogQuery) (Listing, error) {
	var p []tlog.Hash
	var err error
	if q.Inclusion >= 0 {
		p, err = s.InclusionProof(log, uint64(q.Inclusion), uint64(cmp.Or(q.Size, size)))
	} else {
		p, err = s.ConsistencyProof(log, uint64(q.Consistency), uint64(cmp.Or(q.To, size)))
	}
	if err != nil {
		return Listing{}, err
	}
	l := Listing{V: p, Header: []string{"STEP", "HASH"}}
	for i, h := range p {
		l.Rows = append(l.Rows, []string{strconv.Itoa(i), h.String()})
	}
	return l, nil
}
