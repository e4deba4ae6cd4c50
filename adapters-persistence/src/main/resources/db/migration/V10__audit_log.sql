-- The audit log (README: Audit log): one row per change made through the API (POST, PUT, PATCH and
-- DELETE on /v1/** and /admin/v1/**, the proxy excepted) or the console: who (actor_kind, actor_id:
-- an API key's id, a linked account's id, a console user's subject; actor_label: the key's hint, the
-- user's email), what (action: the API operation's id), to what (target_path without its query,
-- target_ids), how it ended (status), when, from where (client_address) and the request id. Never a
-- body, never a secret.
--
-- Append-only: the application has no UPDATE or DELETE for it, and the triggers below refuse both (and
-- TRUNCATE) to every session, whatever it runs. No retention: entries are kept until an operator
-- archives them deliberately (disabling the trigger is a visible, owner-only act). No foreign keys: an
-- entry outlives the workspace, account or key it names, and its writing never waits on their locks.
CREATE TABLE audit_log (
    id             uuid        PRIMARY KEY,
    at             timestamptz NOT NULL,
    workspace_id   uuid,
    actor_kind     text        NOT NULL CHECK (actor_kind IN ('api_key', 'session', 'operator', 'console_user')),
    actor_id       text,
    actor_label    text,
    action         text        NOT NULL,
    target_path    text,
    target_ids     jsonb       NOT NULL DEFAULT '{}',
    status         smallint    NOT NULL CHECK (status BETWEEN 100 AND 599),
    client_address text,
    request_id     text
);

-- GET /v1/audit: a workspace's entries newest first (keyset on at, id); the admin API reads across workspaces.
CREATE INDEX audit_log_newest ON audit_log (workspace_id, at DESC, id DESC);
CREATE INDEX audit_log_all_newest ON audit_log (at DESC, id DESC);
-- ?action= and ?actor=kind:id, which name few entries among many (a rare action among a million takes a
-- full walk of the newest-first index without them).
CREATE INDEX audit_log_action ON audit_log (workspace_id, action, at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (workspace_id, actor_kind, actor_id, at DESC, id DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
