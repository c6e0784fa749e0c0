-- Entries of every log. The primary key (log, idx) is also the only index:
-- WITHOUT ROWID stores rows in key order, so a range of one log is a single
-- contiguous B-tree scan and the length check of Append (max idx) is a seek.
CREATE TABLE entries (
    log       TEXT    NOT NULL,
    idx       INTEGER NOT NULL CHECK (idx >= 0),
    data      BLOB    NOT NULL,
    leaf_hash BLOB    NOT NULL CHECK (length(leaf_hash) = 32),
    PRIMARY KEY (log, idx)
) WITHOUT ROWID;

-- Signed tree heads, one per append. time is RFC 3339 with nanoseconds in
-- UTC: exactly the text the signature covers, so no precision can be lost
-- and the stored head can be re-verified as is.
CREATE TABLE tree_heads (
    log       TEXT    NOT NULL,
    size      INTEGER NOT NULL CHECK (size > 0),
    root      BLOB    NOT NULL CHECK (length(root) = 32),
    time      TEXT    NOT NULL,
    signature BLOB    NOT NULL,
    PRIMARY KEY (log, size)
) WITHOUT ROWID;
