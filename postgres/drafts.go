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

// PutDraft implements [logstore.DraftStore]: the limits' count, the draft
// and its signatures in one transaction, which first takes the drafts
// table in EXCLUSIVE mode (readers go on; other writers of drafts wait),
// so that no other server inserts a draft between the count and the
// insert; a draft already held is kept.
func (db *DB) PutDraft(ctx context.Context, d logstore.Draft, lim logstore.DraftLimits) (logstore.Draft, error) {
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
		if err := draftLimits(ctx, tx, d, lim); err != nil {
			return err
		}
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

// draftLimits refuses d, inside tx, when it is new and lim's bounds are
// reached.
func draftLimits(ctx context.Context, tx pgx.Tx, d logstore.Draft, lim logstore.DraftLimits) error {
	if lim.Total <= 0 && lim.PerActor <= 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE drafts IN EXCLUSIVE MODE`); err != nil {
		return err
	}
	var held, live, mine int
	err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM drafts WHERE id = $1),
		(SELECT count(*) FROM drafts WHERE expires > $2), (SELECT count(*) FROM drafts WHERE actor = $3 AND expires > $2)`,
		d.ID, lim.Now.UnixNano(), d.Actor).Scan(&held, &live, &mine)
	if err != nil || held > 0 {
		return err
	}
	return lim.Check(live, mine, d.Actor)
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

// PutWebhook implements [logstore.WebhookStore]: the checks and the
// insert in one transaction holding the webhooks table in EXCLUSIVE mode.
func (db *DB) PutWebhook(ctx context.Context, w logstore.Webhook, lim logstore.WebhookLimits) error {
	err := logstore.CheckWebhook(w)
	if err == nil {
		err = checkText("webhook", w.ID, w.Pact, w.Owner, w.URL, w.Secret)
	}
	if err != nil {
		return fmt.Errorf("postgres: webhook: %w", err)
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := webhookLimits(ctx, tx, w, lim); err != nil {
			return err
		}
		_, err := tx.Exec(ctx,
			`INSERT INTO webhooks (id, pact, owner, url, secret, start, created) VALUES ($1, $2, $3, $4, $5, $6, $7)
			 ON CONFLICT (id) DO UPDATE SET pact = excluded.pact, owner = excluded.owner, url = excluded.url,
			 secret = excluded.secret, start = excluded.start, created = excluded.created`,
			w.ID, w.Pact, w.Owner, w.URL, w.Secret, w.From, w.Created.UnixNano())
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: webhook %s: %w", w.ID, classify(ctx, err))
	}
	return nil
}

// webhookLimits refuses w, inside tx, when it is new and its URL is
// another's of its pact and owner, or lim's bounds are reached.
func webhookLimits(ctx context.Context, tx pgx.Tx, w logstore.Webhook, lim logstore.WebhookLimits) error {
	if _, err := tx.Exec(ctx, `LOCK TABLE webhooks IN EXCLUSIVE MODE`); err != nil {
		return err
	}
	var held, all, mine int
	var dup *string
	err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM webhooks WHERE id = $1), (SELECT count(*) FROM webhooks),
		(SELECT count(*) FROM webhooks WHERE pact = $2 AND owner = $3), (SELECT min(id) FROM webhooks WHERE pact = $2 AND owner = $3 AND url = $4)`,
		w.ID, w.Pact, w.Owner, w.URL).Scan(&held, &all, &mine, &dup)
	switch {
	case err != nil || held > 0:
		return err
	case dup != nil:
		return logstore.DuplicateWebhook(w, *dup)
	}
	return lim.Check(all, mine, w.Pact, w.Owner)
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

// LeaseWebhook implements [logstore.WebhookStore] with one INSERT: a first
// lease starts at the subscription's From, and ON CONFLICT DO UPDATE
// (which locks the row and checks its WHERE against the row as it then
// stands) hands an existing one over only when free or already the
// holder's.
func (db *DB) LeaseWebhook(ctx context.Context, id, holder string, now, until time.Time) (logstore.WebhookLease, bool, error) {
	err := logstore.CheckLease(id, holder, now, until)
	if err == nil {
		err = checkText("webhook", id, holder)
	}
	if err != nil {
		return logstore.WebhookLease{}, false, fmt.Errorf("postgres: lease: %w", err)
	}
	var l logstore.WebhookLease
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO webhook_leases (`+logstore.LeaseColumns+`)
			SELECT id, $1, $2, start, 0, 0, 0, 0, 0, 0, '' FROM webhooks WHERE id = $3
			ON CONFLICT (webhook) DO UPDATE SET holder = excluded.holder, until = excluded.until
			WHERE webhook_leases.holder = excluded.holder OR webhook_leases.holder = '' OR webhook_leases.until <= $4`,
			holder, until.UnixNano(), id, now.UnixNano())
		if err != nil {
			return err
		}
		l, err = logstore.ScanLease(tx.QueryRow(ctx, `SELECT `+logstore.LeaseColumns+` FROM webhook_leases WHERE webhook = $1`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return logstore.NoWebhook(id)
		}
		return err
	})
	if err != nil {
		return logstore.WebhookLease{}, false, fmt.Errorf("postgres: leasing webhook %s: %w", id, classify(ctx, err))
	}
	return l, l.HeldBy(holder, now), nil
}

// SaveWebhookState implements [logstore.WebhookStore] with one UPDATE that
// matches only a lease holder holds at now.
func (db *DB) SaveWebhookState(ctx context.Context, id, holder string, st logstore.WebhookState, now, until time.Time) error {
	err := logstore.CheckLease(id, holder, now, until)
	if err == nil {
		err = checkText("webhook", id, holder, st.LastError)
	}
	if err != nil {
		return fmt.Errorf("postgres: lease: %w", err)
	}
	tag, err := db.pool.Exec(ctx, `UPDATE webhook_leases SET until = $1, next = $2, delivered = $3, dropped = $4, attempts = $5,
		retry_at = $6, last_attempt = $7, last_status = $8, last_error = $9 WHERE webhook = $10 AND holder = $11 AND until > $12`,
		until.UnixNano(), st.Next, st.Delivered, st.Dropped, st.Attempts, logstore.NanosOf(st.RetryAt), logstore.NanosOf(st.LastAttempt),
		st.LastStatus, st.LastError, id, holder, now.UnixNano())
	if err != nil {
		return fmt.Errorf("postgres: saving webhook %s: %w", id, classify(ctx, err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: %w", logstore.LeaseLost(id, holder))
	}
	return nil
}

// ReleaseWebhook implements [logstore.WebhookStore].
func (db *DB) ReleaseWebhook(ctx context.Context, id, holder string) error {
	if !validName(id) || !validName(holder) {
		return nil
	}
	if _, err := db.pool.Exec(ctx, `UPDATE webhook_leases SET holder = '', until = 0 WHERE webhook = $1 AND holder = $2`, id, holder); err != nil {
		return fmt.Errorf("postgres: releasing webhook %s: %w", id, classify(ctx, err))
	}
	return nil
}

// WebhookLeases implements [logstore.WebhookStore].
func (db *DB) WebhookLeases(ctx context.Context) ([]logstore.WebhookLease, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("postgres: webhook leases: %w", err)
	}
	rows, err := db.pool.Query(ctx, `SELECT `+logstore.LeaseColumns+` FROM webhook_leases ORDER BY webhook`)
	var out []logstore.WebhookLease
	if err == nil {
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (logstore.WebhookLease, error) { return logstore.ScanLease(r) })
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: webhook leases: %w", classify(ctx, err))
	}
	return out, nil
}

var (
	_ logstore.DraftStore   = (*DB)(nil)
	_ logstore.WebhookStore = (*DB)(nil)
)
