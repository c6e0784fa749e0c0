package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/entente/entente"
)

// ECodeUnavailable is the [entente.Error] code of a failure that says
// nothing about the request, only that the database cannot serve it now: it
// cannot be reached, is shutting down or starting, is a read-only standby,
// has no connection slot, disk or memory left, or lost the connection
// mid-call. The HTTP layer should answer 503 with Retry-After, and the
// caller may retry. The root package has no code for this yet; the value
// is chosen so that it can become entente.EUNAVAILABLE unchanged.
//
// An Append that fails with it may, exceptionally, have been committed: when
// the connection is lost after the commit was sent, PostgreSQL may have
// committed it without the reply arriving. Append resolves the common case
// itself (see [DB.Append]); a caller that retries learns the rest from an
// ECONFLICT and the log's length, as it would after losing a race.
const ECodeUnavailable = entente.EUNAVAILABLE

// unavailableStates are the SQLSTATE codes and classes (two characters) that
// mean the database cannot serve the call now, whatever the call.
var unavailableStates = map[string]bool{
	"08":    true, // connection exception
	"53":    true, // insufficient resources: disk full, out of memory, too many connections
	"57P01": true, // admin_shutdown
	"57P02": true, // crash_shutdown
	"57P03": true, // cannot_connect_now: starting up or in recovery
	"57P04": true, // database_dropped
	"57P05": true, // idle_session_timeout
	"25006": true, // read_only_sql_transaction: a standby after a failover
	"40001": true, // serialization_failure
	"40P01": true, // deadlock_detected
	"55P03": true, // lock_not_available (lock_timeout)
	"57014": true, // query_canceled, by statement_timeout when ctx is not done
}

// classify turns an error of pgx into the one callers see: the context's
// error when ctx is done (so errors.Is(err, ctx.Err()) holds), an
// ECodeUnavailable [entente.Error] when the database is away or overloaded,
// and otherwise err itself, which callers treat as EINTERNAL. The original
// error stays in the chain for errors.As.
func classify(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil {
		if errors.Is(err, cerr) {
			return err
		}
		return fmt.Errorf("%w: %w", cerr, err)
	}
	if unavailable(err) {
		return fmt.Errorf("%w: %w", entente.Errorf(ECodeUnavailable, "the database is unavailable (%s); try again later", cause(err)), err)
	}
	return err
}

// unavailable reports whether err says that the database cannot serve any
// call now, rather than something about this call.
func unavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return unavailableStates[pgErr.Code] || (len(pgErr.Code) == 5 && unavailableStates[pgErr.Code[:2]])
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr),
		pgconn.Timeout(err), pgconn.SafeToRetry(err),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed):
		return true
	}
	// pgx reports a connection that died under a query with these words and
	// no typed error.
	return strings.Contains(err.Error(), "conn closed")
}

// cause returns the innermost message of err: what went wrong, without the
// layers of context that may name hosts and users, so that it can be shown
// to a client.
func cause(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	for {
		inner := errors.Unwrap(err)
		if inner == nil {
			return err.Error()
		}
		err = inner
	}
}
