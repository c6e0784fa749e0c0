-- Drafts: requests gathering co-signatures, kept here so that a restart
-- does not lose them and every server on the database sees them. One row
-- per signature, keyed by (draft, key): adding one is a single INSERT that
-- keeps the first signature of a key, so two servers never lose one.
CREATE TABLE drafts (
    id      text   COLLATE "C" PRIMARY KEY,
    actor   text   NOT NULL,
    expires bigint NOT NULL, -- Unix nanoseconds
    request text   NOT NULL
);
CREATE INDEX drafts_expires ON drafts (expires);
CREATE TABLE draft_signatures (
    seq   bigserial PRIMARY KEY,
    draft text      COLLATE "C" NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    key   text      NOT NULL,
    sig   bytea     NOT NULL,
    UNIQUE (draft, key)
);
-- Webhook subscriptions; their delivery state stays in each server's memory.
CREATE TABLE webhooks (
    id      text   COLLATE "C" PRIMARY KEY,
    pact    text   NOT NULL,
    owner   text   NOT NULL,
    url     text   NOT NULL,
    secret  text   NOT NULL,
    start   bigint NOT NULL CHECK (start >= 0),
    created bigint NOT NULL -- Unix nanoseconds
);
