package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente/logstore"
)

// PutSignIn implements logstore.SignInStore: in one transaction, which
// first takes the signins table in EXCLUSIVE mode (readers go on; other
// writers of sign-ins wait) so that the bounds hold across servers and
// of two servers storing one ID only one succeeds, it removes the
// sign-ins of s's kind expired at lim.Now, refuses s if one with its ID
// is live, makes room within lim's bounds (the live ones that expire
// first go) and stores s.
func (db *DB) PutSignIn(ctx context.Context, s logstore.SignIn, lim logstore.SignInLimits) error {
	err := logstore.CheckSignIn(s)
	if err == nil {
		err = checkText("principal", s.Principal)
	}
	if err != nil {
		return fmt.Errorf("postgres: sign-in: %w", err)
	}
	kind := string(s.Kind)
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE signins IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM signins WHERE (kind = $1 OR id = $3) AND expires <= $2`, kind, lim.Now.UnixNano(), s.ID[:]); err != nil {
			return err
		}
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM signins WHERE id = $1)`, s.ID[:]).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return logstore.HeldSignIn(s.ID)
		}
		var held, mine int
		if err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM signins WHERE kind = $1),
			(SELECT count(*) FROM signins WHERE kind = $1 AND principal = $2)`, kind, s.Principal).Scan(&held, &mine); err != nil {
			return err
		}
		ofPrincipal, ofAll := lim.Evictions(held, mine, s.Kind)
		if ofPrincipal > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM signins WHERE id IN (SELECT id FROM signins
				WHERE kind = $1 AND principal = $2 ORDER BY expires, id LIMIT $3)`, kind, s.Principal, ofPrincipal); err != nil {
				return err
			}
		}
		if ofAll > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM signins WHERE id IN (SELECT id FROM signins
				WHERE kind = $1 ORDER BY expires, id LIMIT $2)`, kind, ofAll); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO signins (id, kind, principal, expires, record) VALUES ($1, $2, $3, $4, $5)`,
			s.ID[:], kind, s.Principal, s.Expires.UnixNano(), s.Record)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: storing a %s: %w", s.Kind, classify(ctx, err))
	}
	return nil
}

// SignIn implements logstore.SignInStore.
func (db *DB) SignIn(ctx context.Context, id [32]byte, kind logstore.SignInKind, now time.Time) (logstore.SignIn, bool, error) {
	s, err := scanSignIn(db.pool.QueryRow(ctx,
		`SELECT kind, principal, expires, record FROM signins WHERE id = $1 AND kind = $2 AND expires > $3`, id[:], string(kind), now.UnixNano()), id)
	if errors.Is(err, pgx.ErrNoRows) {
		return logstore.SignIn{}, false, nil
	}
	if err != nil {
		return logstore.SignIn{}, false, fmt.Errorf("postgres: reading a %s: %w", kind, classify(ctx, err))
	}
	return s, true, nil
}

// DeleteSignIn implements logstore.SignInStore.
func (db *DB) DeleteSignIn(ctx context.Context, id [32]byte) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM signins WHERE id = $1`, id[:]); err != nil {
		return fmt.Errorf("postgres: removing a sign-in: %w", classify(ctx, err))
	}
	return nil
}

func scanSignIn(row pgx.Row, id [32]byte) (logstore.SignIn, error) {
	s := logstore.SignIn{ID: id}
	var kind string
	var expires int64
	if err := row.Scan(&kind, &s.Principal, &expires, &s.Record); err != nil {
		return logstore.SignIn{}, err
	}
	s.Kind, s.Expires = logstore.SignInKind(kind), time.Unix(0, expires).UTC()
	return s, nil
}
