-- append_batch makes several appends, to one log or many, in the caller's
-- transaction (one statement in autocommit mode: one transaction and one
-- WAL flush for all of them). Append i adds p_counts[i] entries, taken in
-- order from p_data and p_leaf_hashes, to log p_logs[i], which must hold
-- exactly p_froms[i] entries, with the head p_roots[i], p_times[i],
-- p_signatures[i]. appended[i] says whether it was written; log_sizes[i] is
-- the log's length after it (or, when refused, as found). Once an append
-- to a log is refused, every later append to that log in the batch is
-- refused without being tried: it was built on the one refused.
--
-- Rows of logs are locked in the order of the batch; callers sort the
-- batch by log (keeping each log's appends in order) so that two batches
-- never wait on each other's locks in opposite orders.
CREATE FUNCTION append_batch(
    p_logs         text[],
    p_froms        bigint[],
    p_counts       integer[],
    p_data         bytea[],
    p_leaf_hashes  bytea[],
    p_roots        bytea[],
    p_times        text[],
    p_signatures   bytea[],
    OUT appended   boolean[],
    OUT log_sizes  bigint[]
) LANGUAGE plpgsql AS $$
DECLARE
    n       integer := coalesce(cardinality(p_logs), 0);
    off     integer := 0;
    k       integer;
    ok      boolean;
    sz      bigint;
    refused text[] := '{}';
BEGIN
    IF n <> coalesce(cardinality(p_froms), 0) OR n <> coalesce(cardinality(p_counts), 0)
        OR n <> coalesce(cardinality(p_roots), 0) OR n <> coalesce(cardinality(p_times), 0)
        OR n <> coalesce(cardinality(p_signatures), 0)
        OR coalesce(cardinality(p_data), 0) <> coalesce(cardinality(p_leaf_hashes), 0) THEN
        RAISE EXCEPTION 'append_batch: arrays of different lengths'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    appended := '{}';
    log_sizes := '{}';
    FOR i IN 1 .. n LOOP
        k := p_counts[i];
        IF k IS NULL OR k < 1 OR off + k > cardinality(p_data) THEN
            RAISE EXCEPTION 'append_batch: append % has % entries', i, k
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        ok := NOT (p_logs[i] = ANY (refused));
        IF ok THEN
            IF p_froms[i] = 0 THEN
                INSERT INTO logs (log, size) VALUES (p_logs[i], k) ON CONFLICT (log) DO NOTHING;
            ELSE
                UPDATE logs SET size = size + k WHERE log = p_logs[i] AND size = p_froms[i];
            END IF;
            ok := FOUND;
        END IF;
        IF ok THEN
            INSERT INTO entries (log, idx, data, leaf_hash)
                SELECT p_logs[i], p_froms[i] + t.ord - 1, t.data, t.leaf_hash
                FROM unnest(p_data[off + 1 : off + k], p_leaf_hashes[off + 1 : off + k])
                    WITH ORDINALITY AS t(data, leaf_hash, ord);
            INSERT INTO tree_heads (log, size, root, time, signature)
                VALUES (p_logs[i], p_froms[i] + k, p_roots[i], p_times[i], p_signatures[i]);
            sz := p_froms[i] + k;
        ELSE
            refused := refused || p_logs[i];
            SELECT size INTO sz FROM logs WHERE log = p_logs[i];
            sz := coalesce(sz, 0);
        END IF;
        appended := appended || ok;
        log_sizes := log_sizes || sz;
        off := off + k;
    END LOOP;
END
$$;
