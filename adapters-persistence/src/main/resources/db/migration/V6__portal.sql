-- The hosted portal: a workspace's branding, single-use connect links and the portal sessions they
-- open. Links and sessions are found by the SHA-256 hash of their secret (the secret itself is never
-- stored) and hang off their linked account, so deleting the account deletes them.

-- branding: the fields that are set, as JSON with the API's snake_case names.
CREATE TABLE workspace_branding (
    workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    branding     jsonb       NOT NULL CHECK (jsonb_typeof(branding) = 'object'),
    updated_at   timestamptz NOT NULL
);

-- scope: {"connectors": [...], "config_id", "return_url", "branding": {...overrides}}.
-- used_at is set by the one visit that opens the link; a used or expired row stays a day so its
-- refusal page can carry the workspace's branding, then is swept.
CREATE TABLE connect_links (
    code_hash    text PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_key  uuid        NOT NULL,
    account_id   text        NOT NULL,
    scope        jsonb       NOT NULL CHECK (jsonb_typeof(scope) = 'object'),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    CONSTRAINT connect_links_lifetime CHECK (expires_at > created_at AND expires_at <= created_at + interval '7 days'),
    CONSTRAINT connect_links_account FOREIGN KEY (workspace_id, account_key)
        REFERENCES linked_accounts (workspace_id, account_key) ON DELETE CASCADE
);
CREATE INDEX connect_links_expiry ON connect_links (expires_at);
CREATE INDEX connect_links_account ON connect_links (workspace_id, account_key);

CREATE TABLE portal_sessions (
    id_hash      text PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_key  uuid        NOT NULL,
    account_id   text        NOT NULL,
    scope        jsonb       NOT NULL CHECK (jsonb_typeof(scope) = 'object'),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    CONSTRAINT portal_sessions_account FOREIGN KEY (workspace_id, account_key)
        REFERENCES linked_accounts (workspace_id, account_key) ON DELETE CASCADE
);
CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at);
CREATE INDEX portal_sessions_account ON portal_sessions (workspace_id, account_key);
