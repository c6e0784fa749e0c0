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

// PutDraft implements [logstore.DraftStore]: the limits' count, the
// draft and its signatures in one IMMEDIATE transaction, which holds the
// database's write lock from its start, so that no other process can
// insert a draft between the count and the insert; a draft already held
// is kept.
func (db *DB) PutDraft(ctx context.Context, d logstore.Draft, lim logstore.DraftLimits) (logstore.Draft, error) {
	if err := logstore.CheckDraft(d); err != nil {
		return logstore.Draft{}, fmt.Errorf("sqlite: draft: %w", err)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := draftLimits(ctx, tx, d, lim); err != nil {
			return err
		}
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

// draftLimits refuses d, inside tx, when it is new and lim's bounds are
// reached.
func draftLimits(ctx context.Context, tx *sql.Tx, d logstore.Draft, lim logstore.DraftLimits) error {
	if lim.Total <= 0 && lim.PerActor <= 0 {
		return nil
	}
	var held, live, mine int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM drafts WHERE id = ?),
		(SELECT count(*) FROM drafts WHERE expires > ?), (SELECT count(*) FROM drafts WHERE actor = ? AND expires > ?)`,
		d.ID, lim.Now.UnixNano(), d.Actor, lim.Now.UnixNano()).Scan(&held, &live, &mine)
	if err != nil || held > 0 {
		return err
	}
	return lim.Check(live, mine, d.Actor)
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

// PutWebhook implements [logstore.WebhookStore]: the checks and the
// insert in one IMMEDIATE transaction.
func (db *DB) PutWebhook(ctx context.Context, w logstore.Webhook, lim logstore.WebhookLimits) error {
	if err := logstore.CheckWebhook(w); err != nil {
		return fmt.Errorf("sqlite: webhook: %w", err)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := webhookLimits(ctx, tx, w, lim); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`INSERT INTO webhooks (id, pact, owner, url, secret, start, created) VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (id) DO UPDATE SET pact = excluded.pact, owner = excluded.owner, url = excluded.url,
			 secret = excluded.secret, start = excluded.start, created = excluded.created`,
			w.ID, w.Pact, w.Owner, w.URL, w.Secret, w.From, w.Created.UnixNano())
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: webhook %s: %w", w.ID, ctxErr(ctx, err))
	}
	return nil
}

// webhookLimits refuses w, inside tx, when it is new and its URL is
// another's of its pact and owner, or lim's bounds are reached.
func webhookLimits(ctx context.Context, tx *sql.Tx, w logstore.Webhook, lim logstore.WebhookLimits) error {
	var held, all, mine int
	var dup sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM webhooks WHERE id = ?), (SELECT count(*) FROM webhooks),
		(SELECT count(*) FROM webhooks WHERE pact = ? AND owner = ?), (SELECT min(id) FROM webhooks WHERE pact = ? AND owner = ? AND url = ?)`,
		w.ID, w.Pact, w.Owner, w.Pact, w.Owner, w.URL).Scan(&held, &all, &mine, &dup)
	switch {
	case err != nil || held > 0:
		return err
	case dup.Valid:
		return logstore.DuplicateWebhook(w, dup.String)
	}
	return lim.Check(all, mine, w.Pact, w.Owner)
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

// DeleteWebhook implements [logstore.WebhookStore]; its lease goes with
// it (ON DELETE CASCADE).
func (db *DB) DeleteWebhook(ctx context.Context, id string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM webhooks WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: deleting webhook %s: %w", id, ctxErr(ctx, err))
	}
	return nil
}

// LeaseWebhook implements [logstore.WebhookStore] in one IMMEDIATE
// transaction: a first lease starts at the subscription's From, and an
// existing one changes hands only when free or already the holder's.
func (db *DB) LeaseWebhook(ctx context.Context, id, holder string, now, until time.Time) (logstore.WebhookLease, bool, error) {
	if err := logstore.CheckLease(id, holder, now, until); err != nil {
		return logstore.WebhookLease{}, false, fmt.Errorf("sqlite: lease: %w", err)
	}
	var l logstore.WebhookLease
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO webhook_leases (`+logstore.LeaseColumns+`)
			SELECT id, ?, ?, start, 0, 0, 0, 0, 0, 0, '' FROM webhooks WHERE id = ?
			ON CONFLICT (webhook) DO UPDATE SET holder = excluded.holder, until = excluded.until
			WHERE webhook_leases.holder = excluded.holder OR webhook_leases.holder = '' OR webhook_leases.until <= ?`,
			holder, until.UnixNano(), id, now.UnixNano())
		if err != nil {
			return err
		}
		l, err = logstore.ScanLease(tx.QueryRowContext(ctx, `SELECT `+logstore.LeaseColumns+` FROM webhook_leases WHERE webhook = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return logstore.NoWebhook(id)
		}
		return err
	})
	if err != nil {
		return logstore.WebhookLease{}, false, fmt.Errorf("sqlite: leasing webhook %s: %w", id, ctxErr(ctx, err))
	}
	return l, l.HeldBy(holder, now), nil
}

// SaveWebhookState implements [logstore.WebhookStore] with one UPDATE
// that matches only a lease holder holds at now.
func (db *DB) SaveWebhookState(ctx context.Context, id, holder string, st logstore.WebhookState, now, until time.Time) error {
	if err := logstore.CheckLease(id, holder, now, until); err != nil {
		return fmt.Errorf("sqlite: lease: %w", err)
	}
	res, err := db.write.ExecContext(ctx, `UPDATE webhook_leases SET until = ?, next = ?, delivered = ?, dropped = ?, attempts = ?,
		retry_at = ?, last_attempt = ?, last_status = ?, last_error = ? WHERE webhook = ? AND holder = ? AND until > ?`,
		until.UnixNano(), st.Next, st.Delivered, st.Dropped, st.Attempts, logstore.NanosOf(st.RetryAt), logstore.NanosOf(st.LastAttempt),
		st.LastStatus, st.LastError, id, holder, now.UnixNano())
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return fmt.Errorf("sqlite: saving webhook %s: %w", id, ctxErr(ctx, err))
	}
	if n == 0 {
		return fmt.Errorf("sqlite: %w", logstore.LeaseLost(id, holder))
	}
	return nil
}

// ReleaseWebhook implements [logstore.WebhookStore].
func (db *DB) ReleaseWebhook(ctx context.Context, id, holder string) error {
	if _, err := db.write.ExecContext(ctx, `UPDATE webhook_leases SET holder = '', until = 0 WHERE webhook = ? AND holder = ?`, id, holder); err != nil {
		return fmt.Errorf("sqlite: releasing webhook %s: %w", id, ctxErr(ctx, err))
	}
	return nil
}

// WebhookLeases implements [logstore.WebhookStore].
func (db *DB) WebhookLeases(ctx context.Context) (_ []logstore.WebhookLease, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlite: webhook leases: %w", ctxErr(ctx, err))
		}
	}()
	rows, err := db.read.QueryContext(ctx, `SELECT `+logstore.LeaseColumns+` FROM webhook_leases ORDER BY webhook`)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []logstore.WebhookLease
	for rows.Next() {
		l, err := logstore.ScanLease(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

var (
	_ logstore.DraftStore   = (*DB)(nil)
	_ logstore.WebhookStore = (*DB)(nil)
)
