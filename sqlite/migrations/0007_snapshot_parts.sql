-- A snapshot of a long log is large (32 MB of leaf hashes alone at a
-- million entries), and writing it as one row held the database's write
-- lock, and so every append, for 90-190 ms. A snapshot larger than a part
-- is now written in parts, one short transaction each, and then made the
-- log's snapshot in one small transaction that points its row at them
-- (parts_of, the parts' generation, and parts, their number; data is then
-- empty). Readers see the old snapshot or the new one, never a mix, or,
-- when a part is missing, none (a cache the reader rebuilds); parts no row
-- points at (of a snapshot replaced, or of one whose writer died) are
-- removed a part at a time by the next snapshot of the log.
ALTER TABLE snapshots ADD COLUMN parts_of INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN parts INTEGER NOT NULL DEFAULT 0 CHECK (parts >= 0);
CREATE TABLE snapshot_parts (
    log  TEXT    NOT NULL,
    gen  INTEGER NOT NULL,
    part INTEGER NOT NULL CHECK (part >= 0),
    data BLOB    NOT NULL,
    UNIQUE (log, gen, part)
);
