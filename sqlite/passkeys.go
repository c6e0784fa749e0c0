package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// PutPasskey stores or replaces the record of the passkey (WebAuthn
// credential) id, which belongs to actor. With Passkey it makes a DB the
// web server's passkey store (http.PasskeyStore).
func (db *DB) PutPasskey(ctx context.Context, id []byte, actor string, record []byte) error {
	_, err := db.write.ExecContext(ctx,
		`INSERT INTO passkeys (id, actor, record) VALUES (?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, record = excluded.record`, id, actor, record)
	if err != nil {
		return fmt.Errorf("sqlite: storing passkey: %w", err)
	}
	return nil
}

// Passkey returns the record of passkey id, or nil and no error when there
// is none.
func (db *DB) Passkey(ctx context.Context, id []byte) ([]byte, error) {
	var record []byte
	err := db.read.QueryRowContext(ctx, `SELECT record FROM passkeys WHERE id = ?`, id).Scan(&record)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading passkey: %w", err)
	}
	return record, nil
}
