-- One row per log that holds entries: its length. Append locks this row, so
-- appends to one log are serialised while appends to different logs run in
-- parallel, and Len is one primary-key lookup. COLLATE "C" sorts names by
-- their bytes, which is Go's string order, whatever the database's locale.
CREATE TABLE logs (
    log  text   COLLATE "C" PRIMARY KEY,
    size bigint NOT NULL CHECK (size > 0)
);

-- Entries of every log; the primary key (log, idx) serves range reads.
CREATE TABLE entries (
    log       text   COLLATE "C" NOT NULL,
    idx       bigint NOT NULL CHECK (idx >= 0),
    data      bytea  NOT NULL,
    leaf_hash bytea  NOT NULL CHECK (octet_length(leaf_hash) = 32),
    PRIMARY KEY (log, idx)
);

-- Signed tree heads, one per append. time is RFC 3339 with nanoseconds in
-- UTC, exactly the text the signature covers (timestamptz keeps only
-- microseconds), as in the SQLite store.
CREATE TABLE tree_heads (
    log       text   COLLATE "C" NOT NULL,
    size      bigint NOT NULL CHECK (size > 0),
    root      bytea  NOT NULL CHECK (octet_length(root) = 32),
    time      text   NOT NULL,
    signature bytea  NOT NULL,
    PRIMARY KEY (log, size)
);

-- append_entries appends entries to a log holding exactly p_from entries,
-- with the head covering the log after them, in the caller's transaction
-- (one statement in autocommit mode: one transaction). It writes nothing and
-- returns appended = false, with the log's length, when the log does not
-- hold p_from entries. When p_channel is not NULL, it also notifies
-- p_channel with p_payload, delivered when the transaction commits.
--
-- For a new log (p_from = 0) the INSERT of its logs row waits for any
-- concurrent append that is creating the same log, and does nothing if that
-- one commits. For an existing log the UPDATE waits for the row lock of any
-- concurrent append to the log and then re-checks size = p_from against the
-- committed row (READ COMMITTED), so exactly one of several racing appenders
-- at one position wins.
CREATE FUNCTION append_entries(
    p_log         text,
    p_from        bigint,
    p_data        bytea[],
    p_leaf_hashes bytea[],
    p_root        bytea,
    p_time        text,
    p_signature   bytea,
    p_channel     text,
    p_payload     text,
    OUT appended  boolean,
    OUT log_size  bigint
) LANGUAGE plpgsql AS $$
DECLARE
    k bigint := cardinality(p_data);
BEGIN
    IF k IS NULL OR k = 0 OR k <> cardinality(p_leaf_hashes) THEN
        RAISE EXCEPTION 'append_entries: % entries with % leaf hashes', k, cardinality(p_leaf_hashes)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_from = 0 THEN
        INSERT INTO logs (log, size) VALUES (p_log, k) ON CONFLICT (log) DO NOTHING;
    ELSE
        UPDATE logs SET size = size + k WHERE log = p_log AND size = p_from;
    END IF;
    IF NOT FOUND THEN
        appended := false;
        SELECT size INTO log_size FROM logs WHERE log = p_log;
        log_size := coalesce(log_size, 0);
        RETURN;
    END IF;
    INSERT INTO entries (log, idx, data, leaf_hash)
        SELECT p_log, p_from + t.ord - 1, t.data, t.leaf_hash
        FROM unnest(p_data, p_leaf_hashes) WITH ORDINALITY AS t(data, leaf_hash, ord);
    INSERT INTO tree_heads (log, size, root, time, signature)
        VALUES (p_log, p_from + k, p_root, p_time, p_signature);
    IF p_channel IS NOT NULL THEN
        PERFORM pg_notify(p_channel, p_payload);
    END IF;
    appended := true;
    log_size := p_from + k;
END
$$;
