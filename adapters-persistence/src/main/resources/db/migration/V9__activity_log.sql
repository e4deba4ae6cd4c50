-- The activity log: one row per proxied request, refresh attempt and webhook delivery attempt
-- (README: Activity log). Never a header, a body, a token or a query value: path is cut at the query,
-- error is the provider's own words, truncated. Partitioned by UTC day on started_at: the partitions
-- (activity_log_pYYYYMMDD) are made ahead by the application, and a day past the retention
-- (LATCHKEY_LOG_RETENTION_DAYS) is dropped whole. No foreign keys: a record outlives what it names,
-- and writing it must never wait on another table's lock.
CREATE TABLE activity_log (
    id                uuid        NOT NULL,
    started_at        timestamptz NOT NULL,
    workspace_id      uuid        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('proxy', 'refresh', 'webhook')),
    linked_account_id text,
    connector         text,
    connection_id     uuid,
    method            text,
    path              text,
    provider_status   smallint,
    status            smallint,
    problem_code      text,
    duration_us       bigint      NOT NULL CHECK (duration_us >= 0),
    request_bytes     bigint      NOT NULL CHECK (request_bytes >= 0),
    response_bytes    bigint      NOT NULL CHECK (response_bytes >= 0),
    refreshed         boolean     NOT NULL,
    replayed          boolean     NOT NULL,
    error             text,
    request_id        text,
    PRIMARY KEY (id, started_at)
) PARTITION BY RANGE (started_at);

-- GET /v1/logs: a workspace's records newest first (keyset on started_at, id), by connection, by account.
CREATE INDEX activity_log_newest ON activity_log (workspace_id, started_at DESC, id DESC);
CREATE INDEX activity_log_connection ON activity_log (workspace_id, connection_id, started_at DESC, id DESC)
    WHERE connection_id IS NOT NULL;
CREATE INDEX activity_log_account ON activity_log (workspace_id, linked_account_id, started_at DESC, id DESC)
    WHERE linked_account_id IS NOT NULL;
