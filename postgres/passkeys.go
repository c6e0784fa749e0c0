package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// PutPasskey stores or replaces the record of the passkey (WebAuthn
// credential) id, which belongs to actor. With Passkey it makes a DB the
// web server's passkey store (http.PasskeyStore), shared by every server
// on the database.
func (db *DB) PutPasskey(ctx context.Context, id []byte, actor string, record []byte) error {
	_, err := db.pool.Exec(ctx,
		`INSERT INTO passkeys (id, actor, record) VALUES ($1, $2, $3)
		 ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, record = excluded.record`, id, actor, nonNil(record))
	if err != nil {
		return fmt.Errorf("postgres: storing passkey: %w", classify(ctx, err))
	}
	return nil
}

// Passkey returns the record of passkey id, or nil and no error when there
// is none.
func (db *DB) Passkey(ctx context.Context, id []byte) ([]byte, error) {
	var record []byte
	err := db.pool.QueryRow(ctx, `SELECT record FROM passkeys WHERE id = $1`, id).Scan(&record)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: reading passkey: %w", classify(ctx, err))
	}
	return record, nil
}
