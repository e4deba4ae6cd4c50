-- The connect flow: connections with their credentials (encrypted), OAuth authorizations in flight,
-- a workspace's settings per connector (its own OAuth app, client secret encrypted), its private
-- connectors and its allowed origins.
--
-- Rows that belong to a linked account reference it by (workspace_id, account_key), not by
-- account_key alone: the database itself then refuses a connection whose account lives in another
-- workspace, and deleting the account or the workspace cascades to them.

ALTER TABLE linked_accounts ADD CONSTRAINT linked_accounts_workspace_key UNIQUE (workspace_id, account_key);

-- credentials_ciphertext is AES-256-GCM (nonce || ciphertext || tag) of the credentials as JSON, under
-- the key named by credentials_key_id, with the workspace id and connection id as associated data.
CREATE TABLE connections (
    id                     uuid PRIMARY KEY,
    workspace_id           uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_key            uuid        NOT NULL,
    connector              text        NOT NULL,
    auth_type              text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('active', 'expired', 'revoked')),
    identifier             text,
    scopes                 jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(scopes) = 'array'),
    params                 jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
    token_values           jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(token_values) = 'object'),
    credentials_key_id     text        NOT NULL,
    credentials_ciphertext bytea       NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    last_refreshed_at      timestamptz,
    last_error             text,
    CONSTRAINT connections_account FOREIGN KEY (workspace_id, account_key)
        REFERENCES linked_accounts (workspace_id, account_key) ON DELETE CASCADE
);
-- An account's connections oldest first; also serves the cascade from linked_accounts and workspaces.
CREATE INDEX connections_workspace_account ON connections (workspace_id, account_key, created_at);

-- Found by the hash of the OAuth state (the state itself is never stored); single use, short lived.
CREATE TABLE pending_authorizations (
    state_hash    text PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_key   uuid        NOT NULL,
    account_id    text        NOT NULL,
    connector     text        NOT NULL,
    auth_type     text        NOT NULL,
    params        jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
    code_verifier text,
    mode          text        NOT NULL CHECK (mode IN ('popup', 'redirect')),
    return_url    text,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT pending_authorizations_account FOREIGN KEY (workspace_id, account_key)
        REFERENCES linked_accounts (workspace_id, account_key) ON DELETE CASCADE
);
CREATE INDEX pending_authorizations_expiry ON pending_authorizations (expires_at);
CREATE INDEX pending_authorizations_account ON pending_authorizations (workspace_id, account_key);

-- The client secret is encrypted like credentials, with the workspace id and connector slug as
-- associated data. A client is all three columns or none.
CREATE TABLE connector_settings (
    workspace_id             uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector                text        NOT NULL,
    enabled                  boolean     NOT NULL,
    client_id                text,
    client_secret_key_id     text,
    client_secret_ciphertext bytea,
    scopes                   jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(scopes) = 'array'),
    updated_at               timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, connector),
    CONSTRAINT connector_settings_client CHECK (
        (client_id IS NULL) = (client_secret_ciphertext IS NULL)
        AND (client_secret_key_id IS NULL) = (client_secret_ciphertext IS NULL))
);

-- A private connector's definition as the workspace sent it (JSON), read again on load.
CREATE TABLE private_connectors (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug         text COLLATE "C" NOT NULL,
    source       jsonb       NOT NULL CHECK (jsonb_typeof(source) = 'object'),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, slug)
);

CREATE TABLE workspace_settings (
    workspace_id    uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    allowed_origins jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(allowed_origins) = 'array'),
    updated_at      timestamptz NOT NULL
);
