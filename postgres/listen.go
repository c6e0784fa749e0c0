package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Appended is one message from [DB.Listen]: log, appended to by this or
// another process, now holds Size entries. A message with an empty Log is a
// resync: any log may have changed without a message for it, so a listener
// that caches logs should check them all (their lengths, say).
type Appended struct {
	Log  string
	Size int64
	// Err is set on a resync that follows a lost connection or a payload
	// that did not parse: it says why messages may have been missed.
	Err error
}

// Resync reports whether a asks the listener to check every log.
func (a Appended) Resync() bool {
	return a.Log == ""
}

// Listen calls fn for each append committed to the store by any process
// that uses this package, until ctx is done, and then returns ctx's error.
// It holds one connection of its own (outside the pool) with LISTEN on the
// store's channel.
//
// The first call of fn is a resync, made as soon as the LISTEN is in place:
// appends committed before it are not announced, so a listener should
// (re)load what it caches after that call, not before. When the connection
// breaks (the database restarts, say), Listen reconnects with backoff, and
// calls fn with a resync whose Err says what broke, since appends made in
// between were announced to no one. Messages for one log may arrive out
// of commit order (a store sends at most one every few milliseconds,
// merging the commits between, and a single Append and a group commit
// announce themselves apart), so a listener keeps the largest Size it has
// seen: an append announces itself after its commit, not atomically with
// it.
//
// fn runs on Listen's goroutine: while it runs, messages wait in
// PostgreSQL's queue.
func (db *DB) Listen(ctx context.Context, fn func(Appended)) error {
	const minBackoff, maxBackoff = 100 * time.Millisecond, 5 * time.Second
	backoff := minBackoff
	var broken error // why the last connection ended, if it did
	for {
		err := db.listenOnce(ctx, func(a Appended) {
			backoff = minBackoff // connected: the next failure starts afresh
			if a.Resync() && a.Err == nil {
				a.Err, broken = broken, nil
			}
			fn(a)
		})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		broken = fmt.Errorf("postgres: listen on %s: %w", db.url, classify(ctx, err))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// listenOnce connects, listens and reports appends until the connection
// fails or ctx is done, and returns why.
func (db *DB) listenOnce(ctx context.Context, fn func(Appended)) error {
	conn, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{db.channel}.Sanitize()); err != nil {
		return err
	}
	fn(Appended{})
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn(parsePayload(n.Payload))
	}
}

// parsePayload reads the payload Append sends: "SIZE LOG", or "SIZE" alone
// when the log's name was too long for a payload.
func parsePayload(payload string) Appended {
	num, log, _ := strings.Cut(payload, " ")
	size, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return Appended{Err: fmt.Errorf("postgres: notification payload %.40q: %w", payload, err)}
	}
	return Appended{Log: log, Size: size}
}
