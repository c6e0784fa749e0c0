-- Entries and tree heads move from WITHOUT ROWID tables, clustered on
-- (log, idx) and (log, size), to rowid tables in append order with a
-- unique index on the same key. In a clustered table a group commit over
-- 8 pacts writes 8 leaf pages of entries and splits half of them, and each
-- interior page of such a table holds whole rows (a few to a page), so a
-- batch of 64 entries and 8 heads wrote 61 WAL frames; in append order the
-- rows of a batch share a few pages at the end of the table, and the index
-- entries are small: 34 frames. The index keeps the length check (max idx)
-- a seek and a log's range one index scan. Rows are copied in log order, so
-- the logs already stored stay clustered.
CREATE TABLE entries_in_order (
    log       TEXT    NOT NULL,
    idx       INTEGER NOT NULL CHECK (idx >= 0),
    data      BLOB    NOT NULL,
    leaf_hash BLOB    NOT NULL CHECK (length(leaf_hash) = 32)
);
INSERT INTO entries_in_order (log, idx, data, leaf_hash)
    SELECT log, idx, data, leaf_hash FROM entries ORDER BY log, idx;
DROP TABLE entries;
ALTER TABLE entries_in_order RENAME TO entries;
CREATE UNIQUE INDEX entries_log_idx ON entries (log, idx);

CREATE TABLE tree_heads_in_order (
    log       TEXT    NOT NULL,
    size      INTEGER NOT NULL CHECK (size > 0),
    root      BLOB    NOT NULL CHECK (length(root) = 32),
    time      TEXT    NOT NULL,
    signature BLOB    NOT NULL
);
INSERT INTO tree_heads_in_order (log, size, root, time, signature)
    SELECT log, size, root, time, signature FROM tree_heads ORDER BY log, size;
DROP TABLE tree_heads;
ALTER TABLE tree_heads_in_order RENAME TO tree_heads;
CREATE UNIQUE INDEX tree_heads_log_size ON tree_heads (log, size);
