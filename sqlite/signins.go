package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/entente/entente/logstore"
)

// PutSignIn implements logstore.SignInStore: in one transaction on the
// one write connection, it removes the sign-ins of s's kind expired at
// lim.Now, refuses s if one with its ID is live, makes room within lim's
// bounds (the live ones that expire first go) and stores s.
func (db *DB) PutSignIn(ctx context.Context, s logstore.SignIn, lim logstore.SignInLimits) error {
	if err := logstore.CheckSignIn(s); err != nil {
		return fmt.Errorf("sqlite: sign-in: %w", err)
	}
	now := lim.Now.UnixNano()
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM signins WHERE kind = ? AND expires <= ?`, s.Kind, now); err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM signins WHERE id = ? AND expires > ?`, s.ID[:], now).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return logstore.HeldSignIn(s.ID)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM signins WHERE id = ?`, s.ID[:]); err != nil {
			return err
		}
		var held, mine int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM signins WHERE kind = ?),
			(SELECT count(*) FROM signins WHERE kind = ? AND principal = ?)`, s.Kind, s.Kind, s.Principal).Scan(&held, &mine); err != nil {
			return err
		}
		ofPrincipal, ofAll := lim.Evictions(held, mine, s.Kind)
		if ofPrincipal > 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM signins WHERE id IN (SELECT id FROM signins
				WHERE kind = ? AND principal = ? ORDER BY expires, id LIMIT ?)`, s.Kind, s.Principal, ofPrincipal); err != nil {
				return err
			}
		}
		if ofAll > 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM signins WHERE id IN (SELECT id FROM signins
				WHERE kind = ? ORDER BY expires, id LIMIT ?)`, s.Kind, ofAll); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO signins (id, kind, principal, expires, record) VALUES (?, ?, ?, ?, ?)`,
			s.ID[:], s.Kind, s.Principal, s.Expires.UnixNano(), s.Record)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: storing a %s: %w", s.Kind, ctxErr(ctx, err))
	}
	return nil
}

// SignIn implements logstore.SignInStore.
func (db *DB) SignIn(ctx context.Context, id [32]byte, kind logstore.SignInKind, now time.Time) (logstore.SignIn, bool, error) {
	s, err := scanSignIn(db.read.QueryRowContext(ctx,
		`SELECT kind, principal, expires, record FROM signins WHERE id = ? AND kind = ? AND expires > ?`, id[:], kind, now.UnixNano()), id)
	if errors.Is(err, sql.ErrNoRows) {
		return logstore.SignIn{}, false, nil
	}
	if err != nil {
		return logstore.SignIn{}, false, fmt.Errorf("sqlite: reading a %s: %w", kind, ctxErr(ctx, err))
	}
	return s, true, nil
}

// DeleteSignIn implements logstore.SignInStore.
func (db *DB) DeleteSignIn(ctx context.Context, id [32]byte) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM signins WHERE id = ?`, id[:]); err != nil {
		return fmt.Errorf("sqlite: removing a sign-in: %w", ctxErr(ctx, err))
	}
	return nil
}

func scanSignIn(row *sql.Row, id [32]byte) (logstore.SignIn, error) {
	s := logstore.SignIn{ID: id}
	var expires int64
	if err := row.Scan(&s.Kind, &s.Principal, &expires, &s.Record); err != nil {
		return logstore.SignIn{}, err
	}
	s.Expires = time.Unix(0, expires).UTC()
	return s, nil
}
