-- Webhook leases: with several servers on one store, only the holder of a
-- subscription's lease delivers it, until the lease expires; where its
-- deliveries stand (the next entry, retries) is kept with the lease, so a
-- server that takes over resumes where the last holder stopped. Times are
-- Unix nanoseconds, 0 for none; holder is empty once released.
CREATE TABLE webhook_leases (
    webhook      TEXT    NOT NULL PRIMARY KEY REFERENCES webhooks (id) ON DELETE CASCADE,
    holder       TEXT    NOT NULL,
    until        INTEGER NOT NULL,
    next         INTEGER NOT NULL CHECK (next >= 0),
    delivered    INTEGER NOT NULL,
    dropped      INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    retry_at     INTEGER NOT NULL,
    last_attempt INTEGER NOT NULL,
    last_status  INTEGER NOT NULL,
    last_error   TEXT    NOT NULL
) WITHOUT ROWID;
-- The per-owner webhook limit counts a pact's subscriptions of one owner.
CREATE INDEX webhooks_pact_owner ON webhooks (pact, owner);
CREATE INDEX drafts_actor ON drafts (actor, expires);
