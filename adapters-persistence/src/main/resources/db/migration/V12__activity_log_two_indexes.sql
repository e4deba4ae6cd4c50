-- The activity log is written once per proxied request, and each index it has costs every one of them
-- (bench/RESULTS.md: the log's cost). Two indexes serve every read:
--  * activity_log_newest (workspace, newest first) lists a workspace's records, and finds one record
--    by its id: a record's id is time-ordered (UUIDv7) and names the millisecond it started in, so no
--    primary key is needed for GET /v1/logs/{id};
--  * activity_log_account (workspace, account, newest first) lists an account's records, and a
--    connection's: the application looks up the connection's account and scans that account's records.
ALTER TABLE activity_log DROP CONSTRAINT activity_log_pkey;
DROP INDEX activity_log_connection;
