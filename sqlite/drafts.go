package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// PutDraft implements [logstore.DraftStore]: the draft and its signatures
// in one IMMEDIATE transaction; a draft already held is kept.
func (db *DB) PutDraft(ctx context.Context, d logstore.Draft) (logstore.Draft, error) {
	if err := logstore.CheckDraft(d); err != nil {
		return logstore.Draft{}, fmt.Errorf("sqlite: draft: %w", err)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO drafts (id, actor, expires, request) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			d.ID, d.Actor, d.Expires.UnixNano(), d.Request); err != nil {
			return err
		}
		for _, g := range d.Signatures {
			if _, err := tx.ExecContext(ctx, `INSERT INTO draft_signatures (draft, key, sig) VALUES (?, ?, ?) ON CONFLICT (draft, key) DO NOTHING`,
				d.ID, g.Key, nonNil(g.Sig)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return logstore.Draft{}, fmt.Errorf("sqlite: draft %s: %w", d.ID, ctxErr(ctx, err))
	}
	held, _, err := db.Draft(ctx, d.ID)
	return held, err
}

// writeTx runs f in a transaction on the write connection.
func (db *DB) writeTx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// AddDraftSignature implements [logstore.DraftStore] with one INSERT
// that keeps the first signature of a key.
func (db *DB) AddDraftSignature(ctx context.Context, id string, sig logstore.DraftSignature) (logstore.Draft, error) {
	if sig.Key == "" {
		return logstore.Draft{}, fmt.Errorf("sqlite: draft %s: %w", id, entente.FieldErrorf(entente.EINVALID, "key", "signature has no key"))
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO draft_signatures (draft, key, sig) SELECT id, ?, ? FROM drafts WHERE id = ? ON CONFLICT (draft, key) DO NOTHING`,
		sig.Key, nonNil(sig.Sig), id)
	if err != nil {
		return logstore.Draft{}, fmt.Errorf("sqlite: signing draft %s: %w", id, ctxErr(ctx, err))
	}
	d, ok, err := db.Draft(ctx, id)
	if err == nil && !ok {
		err = entente.FieldErrorf(entente.ENOTFOUND, "draft", "no draft %q", id)
	}
	return d, err
}

// Draft implements [logstore.DraftStore].
func (db *DB) Draft(ctx context.Context, id string) (logstore.Draft, bool, error) {
	d := logstore.Draft{ID: id}
	var expires int64
	err := db.read.QueryRowContext(ctx, `SELECT actor, expires, request FROM drafts WHERE id = ?`, id).Scan(&d.Actor, &expires, &d.Request)
	if errors.Is(err, sql.ErrNoRows) {
		return logstore.Draft{}, false, nil
	}
	if err == nil {
		d.Expires = time.Unix(0, expires).UTC()
		d.Signatures, err = db.draftSignatures(ctx, id)
	}
	if err != nil {
		return logstore.Draft{}, false, fmt.Errorf("sqlite: draft %s: %w", id, ctxErr(ctx, err))
	}
	return d, true, nil
}

func (db *DB) draftSignatures(ctx context.Context, id string) (_ []logstore.DraftSignature, err error) {
	rows, err := db.read.QueryContext(ctx, `SELECT key, sig FROM draft_signatures WHERE draft = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []logstore.DraftSignature
	for rows.Next() {
		var g logstore.DraftSignature
		if err := rows.Scan(&g.Key, &g.Sig); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Drafts implements [logstore.DraftStore].
func (db *DB) Drafts(ctx context.Context, now time.Time) ([]logstore.Draft, error) {
	ids, err := db.liveDraftIDs(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("sqlite: drafts: %w", ctxErr(ctx, err))
	}
	return logstore.LiveDrafts(ctx, ids, now, db.Draft)
}

func (db *DB) liveDraftIDs(ctx context.Context, now time.Time) (_ []string, err error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM drafts WHERE expires > ? ORDER BY expires, id`, now.UnixNano())
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// DeleteDraft implements [logstore.DraftStore].
func (db *DB) DeleteDraft(ctx context.Context, id string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM draft_signatures WHERE draft = ?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: deleting draft %s: %w", id, ctxErr(ctx, err))
	}
	return nil
}

// PruneDrafts implements [logstore.DraftStore].
func (db *DB) PruneDrafts(ctx context.Context, now time.Time) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM draft_signatures WHERE draft IN (SELECT id FROM drafts WHERE expires <= ?)`, now.UnixNano()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE expires <= ?`, now.UnixNano())
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: pruning drafts: %w", ctxErr(ctx, err))
	}
	return nil
}

// PutWebhook implements [logstore.WebhookStore].
func (db *DB) PutWebhook(ctx context.Context, w logstore.Webhook) error {
	if err := logstore.CheckWebhook(w); err != nil {
		return fmt.Errorf("sqlite: webhook: %w", err)
	}
	_, err := db.write.ExecContext(ctx,
		`INSERT INTO webhooks (id, pact, owner, url, secret, start, created) VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET pact = excluded.pact, owner = excluded.owner, url = excluded.url,
		 secret = excluded.secret, start = excluded.start, created = excluded.created`,
		w.ID, w.Pact, w.Owner, w.URL, w.Secret, w.From, w.Created.UnixNano())
	if err != nil {
		return fmt.Errorf("sqlite: webhook %s: %w", w.ID, ctxErr(ctx, err))
	}
	return nil
}

// Webhooks implements [logstore.WebhookStore].
func (db *DB) Webhooks(ctx context.Context) ([]logstore.Webhook, error) {
	out, err := db.readWebhooks(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: webhooks: %w", ctxErr(ctx, err))
	}
	return out, nil
}

func (db *DB) readWebhooks(ctx context.Context) (_ []logstore.Webhook, err error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, pact, owner, url, secret, start, created FROM webhooks ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []logstore.Webhook
	for rows.Next() {
		var w logstore.Webhook
		var created int64
		if err := rows.Scan(&w.ID, &w.Pact, &w.Owner, &w.URL, &w.Secret, &w.From, &created); err != nil {
			return nil, err
		}
		w.Created = time.Unix(0, created).UTC()
		out = append(out, w)
	}
	return out, rows.Err()
}

// DeleteWebhook implements [logstore.WebhookStore].
func (db *DB) DeleteWebhook(ctx context.Context, id string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM webhooks WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: deleting webhook %s: %w", id, ctxErr(ctx, err))
	}
	return nil
}

var (
	_ logstore.DraftStore   = (*DB)(nil)
	_ logstore.WebhookStore = (*DB)(nil)
)
