-- Foundation: workspaces (tenants), their API keys, linked accounts, revoked session tokens.
-- Every tenant-owned row carries workspace_id; deleting a workspace or a linked account cascades.

CREATE TABLE workspaces (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    environment text        NOT NULL CHECK (environment IN ('test', 'live')),
    created_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    key_hash     text        NOT NULL UNIQUE,
    hint         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

-- account_key is Latchkey's own id of one incarnation of an account; external_id is the company's.
-- external_id uses the "C" collation so paging by it is stable whatever the database's locale.
CREATE TABLE linked_accounts (
    account_key  uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    external_id  text COLLATE "C" NOT NULL,
    name         text,
    metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT linked_accounts_external_id UNIQUE (workspace_id, external_id)
);
CREATE INDEX linked_accounts_name_prefix ON linked_accounts (workspace_id, lower(name) text_pattern_ops);

CREATE TABLE revoked_session_tokens (
    token_id     text PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX revoked_session_tokens_expiry ON revoked_session_tokens (expires_at);
