-- Entries in append order. 0001 clustered them by (log, idx) in a WITHOUT
-- ROWID table: a range of one log was one contiguous scan, but every group
-- commit over several logs inserted into the middle of that B-tree at one
-- place per log, and SQLite rebalances a full page in the middle with its
-- siblings (a page appended at the end of a rowid table gets a fresh page
-- instead), so a batch of 8 logs x 8 entries wrote some 50 pages of WAL.
-- Here rows are appended at the end of a rowid table, and the unique index
-- on (log, idx), whose entries are a few bytes, is what keeps each log in
-- order and finds its length by one seek.
CREATE TABLE entries_by_seq (
    seq       INTEGER PRIMARY KEY,
    log       TEXT    NOT NULL,
    idx       INTEGER NOT NULL CHECK (idx >= 0),
    data      BLOB    NOT NULL,
    leaf_hash BLOB    NOT NULL CHECK (length(leaf_hash) = 32)
);
INSERT INTO entries_by_seq (log, idx, data, leaf_hash)
    SELECT log, idx, data, leaf_hash FROM entries ORDER BY log, idx;
DROP TABLE entries;
ALTER TABLE entries_by_seq RENAME TO entries;
CREATE UNIQUE INDEX entries_log_idx ON entries (log, idx);

-- Tree heads likewise: one per log per transaction, appended at the end.
CREATE TABLE tree_heads_by_seq (
    seq       INTEGER PRIMARY KEY,
    log       TEXT    NOT NULL,
    size      INTEGER NOT NULL CHECK (size > 0),
    root      BLOB    NOT NULL CHECK (length(root) = 32),
    time      TEXT    NOT NULL,
    signature BLOB    NOT NULL
);
INSERT INTO tree_heads_by_seq (log, size, root, time, signature)
    SELECT log, size, root, time, signature FROM tree_heads ORDER BY log, size;
DROP TABLE tree_heads;
ALTER TABLE tree_heads_by_seq RENAME TO tree_heads;
CREATE UNIQUE INDEX tree_heads_log_size ON tree_heads (log, size);
