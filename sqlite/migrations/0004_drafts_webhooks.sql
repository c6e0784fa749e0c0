-- Drafts: requests gathering co-signatures, kept here so that a restart
-- does not lose them and every server on the store sees them. One row per
-- signature, keyed by (draft, key): adding one is a single INSERT that
-- keeps the first signature of a key, so two servers never lose one.
CREATE TABLE drafts (
    id      TEXT    NOT NULL PRIMARY KEY,
    actor   TEXT    NOT NULL,
    expires INTEGER NOT NULL, -- Unix nanoseconds
    request TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX drafts_expires ON drafts (expires);
CREATE TABLE draft_signatures (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    draft TEXT    NOT NULL,
    key   TEXT    NOT NULL,
    sig   BLOB    NOT NULL,
    UNIQUE (draft, key)
);
-- Webhook subscriptions; their delivery state stays in each server's memory.
CREATE TABLE webhooks (
    id      TEXT    NOT NULL PRIMARY KEY,
    pact    TEXT    NOT NULL,
    owner   TEXT    NOT NULL,
    url     TEXT    NOT NULL,
    secret  TEXT    NOT NULL,
    start   INTEGER NOT NULL CHECK (start >= 0),
    created INTEGER NOT NULL -- Unix nanoseconds
) WITHOUT ROWID;
