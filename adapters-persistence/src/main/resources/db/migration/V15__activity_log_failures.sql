-- The activity log's failures (Latchkey's answer, or the provider's or endpoint's for background work,
-- 400 or more), newest first: what the console's and GET /v1/logs's status filters read (4xx, 5xx,
-- 429...). Without it such a filter walks the workspace's whole log newest first to find the few
-- failures a healthy workspace has: 345 ms at 1,000,000 records for a status no record has
-- (bench/console-search). Partial, so a successful call — nearly every row — costs it nothing to write.
-- (V15: V13 and V14 are taken on branches in flight.)
CREATE INDEX activity_log_failures ON activity_log (workspace_id, started_at DESC, id DESC)
    WHERE COALESCE(status, provider_status) >= 400;
