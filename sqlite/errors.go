package sqlite

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/entente/entente"
)

// busy reports whether err is SQLite's refusal to wait any longer for a
// lock another connection holds (SQLITE_BUSY, past the busy timeout, or
// SQLITE_LOCKED), with any extended code.
func busy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}

// unavailable wraps a lock that was not released in time as an
// EUNAVAILABLE [entente.Error]: it says nothing about the request, only
// that another process (a CLI verb, a backup, another server) holds the
// database for now, so the HTTP layer answers 503 with Retry-After rather
// than 500. The driver's error stays in the chain.
func unavailable(err error) error {
	if !busy(err) {
		return err
	}
	return fmt.Errorf("%w: %w", entente.Errorf(entente.EUNAVAILABLE, "the database is locked by another connection; try again later"), err)
}
