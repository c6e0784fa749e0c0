-- Snapshots: per log, a cache of what the ledger derives from the log's
-- first size entries (a pact's folded state), with the Merkle root of those
-- entries, so that opening a store need not decode every event. One row per
-- log, replaced whole. It is never trusted over the log: a row whose size or
-- root does not match the log is stale and rebuilt, and verify checks every
-- row against a fresh fold.
CREATE TABLE snapshots (
    log  text   COLLATE "C" PRIMARY KEY,
    size bigint NOT NULL CHECK (size > 0),
    root bytea  NOT NULL CHECK (octet_length(root) = 32),
    data bytea  NOT NULL
);
