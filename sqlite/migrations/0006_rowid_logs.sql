-- Entries move from a WITHOUT ROWID table clustered on (log, idx) to a
-- rowid table in append order with a unique index on (log, idx), and each
-- append's signed tree head moves onto its last entry's row. In the
-- clustered tables a group commit over 8 pacts wrote 8 leaf pages of
-- entries and 8 of heads, splitting half of them, and each interior page
-- held whole rows (a few to a page): a batch of 64 entries and 8 heads
-- wrote 61 WAL frames. In append order the rows of a batch share a few
-- pages at the end of the table and the index entries are small (34
-- frames), and a head that is a few columns of a row already written
-- costs no row and no index entry of its own (24). The index keeps the
-- length check (max idx) a seek and a log's range one index scan; a log's
-- heads are read by scanning its entries, which every reader of all the
-- heads (a load, verify, migrate) reads anyway, and its latest head is its
-- last entry's. Rows are copied in log order, so the logs already stored
-- stay clustered.
CREATE TABLE entries_in_order (
    log       TEXT    NOT NULL,
    idx       INTEGER NOT NULL CHECK (idx >= 0),
    data      BLOB    NOT NULL,
    leaf_hash BLOB    NOT NULL CHECK (length(leaf_hash) = 32),
    -- The signed head of the log's first idx+1 entries, on the last entry
    -- of each append; NULL on the others. time is RFC 3339 with nanoseconds
    -- in UTC, exactly the text the signature covers.
    root      BLOB    CHECK (root IS NULL OR length(root) = 32),
    time      TEXT,
    signature BLOB,
    CHECK ((root IS NULL) = (time IS NULL) AND (root IS NULL) = (signature IS NULL))
);
INSERT INTO entries_in_order (log, idx, data, leaf_hash, root, time, signature)
    SELECT e.log, e.idx, e.data, e.leaf_hash, h.root, h.time, h.signature
    FROM entries AS e LEFT JOIN tree_heads AS h ON h.log = e.log AND h.size = e.idx + 1
    ORDER BY e.log, e.idx;
-- Every head found its entry (a head beyond its log, which no append
-- writes, would be lost): else the migration fails and changes nothing.
CREATE TEMP TABLE migration_0006_check (heads_kept INTEGER NOT NULL CHECK (heads_kept = 1));
INSERT INTO migration_0006_check
    SELECT (SELECT count(*) FROM tree_heads) = (SELECT count(*) FROM entries_in_order WHERE root IS NOT NULL);
DROP TABLE migration_0006_check;
DROP TABLE entries;
DROP TABLE tree_heads;
ALTER TABLE entries_in_order RENAME TO entries;
CREATE UNIQUE INDEX entries_log_idx ON entries (log, idx);
