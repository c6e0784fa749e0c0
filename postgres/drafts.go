package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// checkText refuses text PostgreSQL cannot hold (invalid UTF-8, NUL).
func checkText(field string, values ...string) error {
	for _, v := range values {
		if !validName(v) {
			return entente.FieldErrorf(entente.EINVALID, field, "%q is not UTF-8 text without NUL bytes", v)
		}
	}
	return nil
}

// PutDraft implements [logstore.DraftStore]: the draft and its signatures
// in one transaction; a draft already held is kept.
func (db *DB) PutDraft(ctx context.Context, d logstore.Draft) (logstore.Draft, error) {
	err := logstore.CheckDraft(d)
	if err == nil {
		err = checkText("draft", d.ID, d.Actor, d.Request)
	}
	for _, g := range d.Signatures {
		if err == nil {
			err = checkText("signatures", g.Key)
		}
	}
	if err != nil {
		return logstore.Draft{}, fmt.Errorf("postgres: draft: %w", err)
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO drafts (id, actor, expires, request) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
			d.ID, d.Actor, d.Expires.UnixNano(), d.Request); err != nil {
			return err
		}
		for _, g := range d.Signatures {
			if _, err := tx.Exec(ctx, `INSERT INTO draft_signatures (draft, key, sig) VALUES ($1, $2, $3) ON CONFLICT (draft, key) DO NOTHING`,
				d.ID, g.Key, nonNil(g.Sig)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return logstore.Draft{}, fmt.Errorf("postgres: draft %s: %w", d.ID, classify(ctx, err))
	}
	held, _, err := db.Draft(ctx, d.ID)
	return held, err
}

// AddDraftSignature implements [logstore.DraftStore] with one INSERT that
// keeps the first signature of a key.
func (db *DB) AddDraftSignature(ctx context.Context, id string, sig logstore.DraftSignature) (logstore.Draft, error) {
	if sig.Key == "" {
		return logstore.Draft{}, fmt.Errorf("postgres: draft %s: %w", id, entente.FieldErrorf(entente.EINVALID, "key", "signature has no key"))
	}
	if err := checkText("key", id, sig.Key); err != nil {
		return logstore.Draft{}, fmt.Errorf("postgres: draft: %w", err)
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO draft_signatures (draft, key, sig) SELECT id, $1, $2 FROM drafts WHERE id = $3 ON CONFLICT (draft, key) DO NOTHING`,
		sig.Key, nonNil(sig.Sig), id)
	if err != nil {
		return logstore.Draft{}, fmt.Errorf("postgres: signing draft %s: %w", id, classify(ctx, err))
	}
	d, ok, err := db.Draft(ctx, id)
	if err == nil && !ok {
		err = entente.FieldErrorf(entente.ENOTFOUND, "draft", "no draft %q", id)
	}
	return d, err
}

// Draft implements [logstore.DraftStore].
func (db *DB) Draft(ctx context.Context, id string) (logstore.Draft, bool, error) {
	if err := ctx.Err(); err != nil {
		return logstore.Draft{}, false, fmt.Errorf("postgres: draft %s: %w", id, err)
	}
	if !validName(id) {
		return logstore.Draft{}, false, nil
	}
	d := logstore.Draft{ID: id}
	var expires int64
	err := db.pool.QueryRow(ctx, `SELECT actor, expires, request FROM drafts WHERE id = $1`, id).Scan(&d.Actor, &expires, &d.Request)
	if errors.Is(err, pgx.ErrNoRows) {
		return logstore.Draft{}, false, nil
	}
	if err == nil {
		d.Expires = time.Unix(0, expires).UTC()
		var rows pgx.Rows
		rows, err = db.pool.Query(ctx, `SELECT key, sig FROM draft_signatures WHERE draft = $1 ORDER BY seq`, id)
		if err == nil {
			d.Signatures, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (logstore.DraftSignature, error) {
				var g logstore.DraftSignature
				err := r.Scan(&g.Key, &g.Sig)
				return g, err
			})
		}
	}
	if err != nil {
		return logstore.Draft{}, false, fmt.Errorf("postgres: draft %s: %w", id, classify(ctx, err))
	}
	return d, true, nil
}

// Drafts implements [logstore.DraftStore].
func (db *DB) Drafts(ctx context.Context, now time.Time) ([]logstore.Draft, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("postgres: drafts: %w", err)
	}
	rows, err := db.pool.Query(ctx, `SELECT id FROM drafts WHERE expires > $1 ORDER BY expires, id`, now.UnixNano())
	var ids []string
	if err == nil {
		ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: drafts: %w", classify(ctx, err))
	}
	return logstore.LiveDrafts(ctx, ids, now, db.Draft)
}

// DeleteDraft implements [logstore.DraftStore]; its signatures go with it
// (ON DELETE CASCADE).
func (db *DB) DeleteDraft(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("postgres: deleting draft %s: %w", id, err)
	}
	if !validName(id) {
		return nil
	}
	if _, err := db.pool.Exec(ctx, `DELETE FROM drafts WHERE id = $1`, id); err != nil {
		return fmt.Errorf("postgres: deleting draft %s: %w", id, classify(ctx, err))
	}
	return nil
}

// PruneDrafts implements [logstore.DraftStore].
func (db *DB) PruneDrafts(ctx context.Context, now time.Time) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM drafts WHERE expires <= $1`, now.UnixNano()); err != nil {
		return fmt.Errorf("postgres: pruning drafts: %w", classify(ctx, err))
	}
	return nil
}

// PutWebhook implements [logstore.WebhookStore].
func (db *DB) PutWebhook(ctx context.Context, w logstore.Webhook) error {
	err := logstore.CheckWebhook(w)
	if err == nil {
		err = checkText("webhook", w.ID, w.Pact, w.Owner, w.URL, w.Secret)
	}
	if err != nil {
		return fmt.Errorf("postgres: webhook: %w", err)
	}
	_, err = db.pool.Exec(ctx,
		`INSERT INTO webhooks (id, pact, owner, url, secret, start, created) VALUES ($1, $2, $3, $4, $5, $6, $7)
		 ON CONFLICT (id) DO UPDATE SET pact = excluded.pact, owner = excluded.owner, url = excluded.url,
		 secret = excluded.secret, start = excluded.start, created = excluded.created`,
		w.ID, w.Pact, w.Owner, w.URL, w.Secret, w.From, w.Created.UnixNano())
	if err != nil {
		return fmt.Errorf("postgres: webhook %s: %w", w.ID, classify(ctx, err))
	}
	return nil
}

// Webhooks implements [logstore.WebhookStore].
func (db *DB) Webhooks(ctx context.Context) ([]logstore.Webhook, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("postgres: webhooks: %w", err)
	}
	rows, err := db.pool.Query(ctx, `SELECT id, pact, owner, url, secret, start, created FROM webhooks ORDER BY id`)
	var out []logstore.Webhook
	if err == nil {
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (logstore.Webhook, error) {
			var w logstore.Webhook
			var created int64
			err := r.Scan(&w.ID, &w.Pact, &w.Owner, &w.URL, &w.Secret, &w.From, &created)
			w.Created = time.Unix(0, created).UTC()
			return w, err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: webhooks: %w", classify(ctx, err))
	}
	return out, nil
}

// DeleteWebhook implements [logstore.WebhookStore].
func (db *DB) DeleteWebhook(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("postgres: deleting webhook %s: %w", id, err)
	}
	if !validName(id) {
		return nil
	}
	if _, err := db.pool.Exec(ctx, `DELETE FROM webhooks WHERE id = $1`, id); err != nil {
		return fmt.Errorf("postgres: deleting webhook %s: %w", id, classify(ctx, err))
	}
	return nil
}

var (
	_ logstore.DraftStore   = (*DB)(nil)
	_ logstore.WebhookStore = (*DB)(nil)
)
