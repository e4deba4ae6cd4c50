-- Config fields: a workspace's own definitions per connector (overriding the connector file's), and
-- the values a linked account saved per connector and config id. Values do not hang off connections:
-- they survive a disconnect and reconnect. Deleting the linked account deletes them.

-- fields: the JSON array of definitions as the API takes them.
CREATE TABLE config_field_definitions (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector    text        NOT NULL,
    fields       jsonb       NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, connector)
);

-- config_values holds the plain values (a JSON object by field key). The values of secret fields are
-- not in it: secret_ciphertext is AES-256-GCM (nonce || ciphertext || tag) of a JSON object of them,
-- under the key named by secret_key_id, with
-- 'config_values:{workspace id}/{account key}/{connector}/{config id}' as associated data.
CREATE TABLE config_values (
    workspace_id      uuid        NOT NULL,
    account_key       uuid        NOT NULL,
    connector         text        NOT NULL,
    config_id         text        NOT NULL,
    plain_values      jsonb       NOT NULL CHECK (jsonb_typeof(plain_values) = 'object'),
    secret_key_id     text,
    secret_ciphertext bytea,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, account_key, connector, config_id),
    FOREIGN KEY (workspace_id, account_key) REFERENCES linked_accounts (workspace_id, account_key) ON DELETE CASCADE,
    CONSTRAINT config_values_secret_sealed CHECK ((secret_key_id IS NULL) = (secret_ciphertext IS NULL))
);
