-- The activity log in blocks: one row per batch the writer takes (up to 1,000 records of one workspace
-- and one UTC day) instead of one row per record. A row and its index entries cost PostgreSQL about as
-- much CPU as the proxied request the record describes (bench/RESULTS.md: the log's cost); a block costs
-- that once for a thousand records. The records themselves are a byte string the application encodes
-- and decodes (ActivityBlock: the layout is written out there and in activity_record_bytes below); the
-- columns beside it say which accounts, connections, connectors, kinds and statuses the block holds, so
-- a filtered read opens only the blocks that can match. Partitioned by UTC day on first_at, made ahead
-- and dropped whole past the retention as before (activity_blocks_pYYYYMMDD).
CREATE TABLE activity_blocks (
    workspace_id       uuid        NOT NULL,
    first_at           timestamptz NOT NULL,
    last_at            timestamptz NOT NULL CHECK (last_at >= first_at),
    record_count       integer     NOT NULL CHECK (record_count > 0),
    linked_account_ids text[]      NOT NULL,
    connection_ids     uuid[]      NOT NULL,
    connectors         text[]      NOT NULL,
    kinds              text[]      NOT NULL,
    -- Latchkey's own answer when there was one, else the provider's or the endpoint's (as the status filter reads).
    statuses           smallint[]  NOT NULL,
    records            bytea       NOT NULL
) PARTITION BY RANGE (first_at);

-- Stored out of line and not compressed: the records compress, but compressing them costs more CPU
-- than the disk it saves is worth on the write path (partitions take the column's storage from here).
ALTER TABLE activity_blocks ALTER COLUMN records SET STORAGE EXTERNAL;

-- A workspace's blocks newest first: GET /v1/logs reads blocks in this order and merges their records.
CREATE INDEX activity_blocks_newest ON activity_blocks (workspace_id, last_at DESC);
-- An account's blocks (and a connection's, through its account): one entry per account a block holds.
CREATE INDEX activity_blocks_accounts ON activity_blocks USING gin (linked_account_ids);

-- One record in the block layout (ActivityBlock), for this migration and for loading test data in SQL.
CREATE FUNCTION activity_text_bytes(value text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1)
                ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
$$;

CREATE FUNCTION activity_record_bytes(id uuid, started_at timestamptz, kind text, linked_account_id text, connector text,
                                      connection_id uuid, method text, path text, provider_status integer, status integer,
                                      problem_code text, duration_us bigint, request_bytes bigint, response_bytes bigint,
                                      refreshed boolean, replayed boolean, error text, request_id text, retries integer,
                                      provider_duration_us bigint) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT uuid_send(id)
        || int8send((extract(epoch FROM started_at) * 1000000)::bigint)
        || CASE kind WHEN 'proxy' THEN '\x00'::bytea WHEN 'refresh' THEN '\x01'::bytea WHEN 'webhook' THEN '\x02'::bytea
                     WHEN 'mcp' THEN '\x03'::bytea END
        || activity_text_bytes(linked_account_id)
        || activity_text_bytes(connector)
        || CASE WHEN connection_id IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || uuid_send(connection_id) END
        || activity_text_bytes(method)
        || activity_text_bytes(path)
        || int2send(COALESCE(provider_status, -1)::smallint)
        || int2send(COALESCE(status, -1)::smallint)
        || activity_text_bytes(problem_code)
        || int8send(duration_us)
        || int8send(request_bytes)
        || int8send(response_bytes)
        || set_byte('\x00'::bytea, 0, CASE WHEN refreshed THEN 1 ELSE 0 END + CASE WHEN replayed THEN 2 ELSE 0 END)
        || activity_text_bytes(error)
        || activity_text_bytes(request_id)
        || int2send(retries::smallint)
        || int8send(COALESCE(provider_duration_us, -1))
$$;

-- The records written so far move into blocks of at most 1,000 (per workspace and day), oldest first.
DO $$
DECLARE
    day date;
BEGIN
    FOR day IN SELECT DISTINCT (started_at AT TIME ZONE 'UTC')::date FROM activity_log LOOP
        EXECUTE format('CREATE TABLE activity_blocks_p%s PARTITION OF activity_blocks FOR VALUES FROM (%L) TO (%L)',
                       to_char(day, 'YYYYMMDD'), day || ' 00:00:00+00', (day + 1) || ' 00:00:00+00');
    END LOOP;
END
$$;

INSERT INTO activity_blocks (workspace_id, first_at, last_at, record_count, linked_account_ids, connection_ids, connectors, kinds,
                             statuses, records)
SELECT workspace_id, min(started_at), max(started_at), count(*),
       COALESCE(array_agg(DISTINCT linked_account_id) FILTER (WHERE linked_account_id IS NOT NULL), '{}'),
       COALESCE(array_agg(DISTINCT connection_id) FILTER (WHERE connection_id IS NOT NULL), '{}'),
       COALESCE(array_agg(DISTINCT connector) FILTER (WHERE connector IS NOT NULL), '{}'),
       array_agg(DISTINCT kind),
       COALESCE(array_agg(DISTINCT COALESCE(status, provider_status)) FILTER (WHERE COALESCE(status, provider_status) IS NOT NULL), '{}'),
       '\x01'::bytea || int4send(count(*)::integer)
           || string_agg(activity_record_bytes(id, started_at, kind, linked_account_id, connector, connection_id, method, path,
                                               provider_status, status, problem_code, duration_us, request_bytes, response_bytes,
                                               refreshed, replayed, error, request_id, retries, NULL), ''::bytea
                         ORDER BY started_at, id)
FROM (SELECT *, (started_at AT TIME ZONE 'UTC')::date AS day,
             (row_number() OVER (PARTITION BY workspace_id, (started_at AT TIME ZONE 'UTC')::date ORDER BY started_at, id) - 1) / 1000 AS block
      FROM activity_log) records
GROUP BY workspace_id, day, block;

DROP TABLE activity_log;
