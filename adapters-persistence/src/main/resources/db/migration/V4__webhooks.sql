-- Webhooks: a workspace's endpoints (signing secret encrypted), the outbox of events (written in the
-- transaction of the change that caused them), and one delivery per event and matching endpoint.

-- secret_ciphertext is AES-256-GCM (nonce || ciphertext || tag) of the whsec_ secret, under the key
-- named by secret_key_id, with 'webhook_endpoints:{workspace id}/{endpoint id}' as associated data.
-- events: a JSON array of event types, or ["*"] for all.
CREATE TABLE webhook_endpoints (
    id                uuid PRIMARY KEY,
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    url               text        NOT NULL,
    events            jsonb       NOT NULL CHECK (jsonb_typeof(events) = 'array'),
    secret_key_id     text        NOT NULL,
    secret_ciphertext bytea       NOT NULL,
    created_at        timestamptz NOT NULL,
    disabled_at       timestamptz
);
CREATE INDEX webhook_endpoints_workspace ON webhook_endpoints (workspace_id, created_at);

-- The outbox. id is the event id (evt_...), the webhook-id every attempt carries.
CREATE TABLE webhook_events (
    id           text PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    payload      jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object')
);
CREATE INDEX webhook_events_workspace ON webhook_events (workspace_id, created_at);

-- A pending delivery is due at next_attempt_at. Claiming one pushes next_attempt_at to the end of a
-- lease and sets lease_id; only the holder of that lease records the outcome. give_up_at ends the
-- retries (24 hours after the event, or after a redelivery request).
CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY,
    event_id         text        NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz,
    give_up_at       timestamptz NOT NULL,
    lease_id         uuid,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_once UNIQUE (event_id, endpoint_id),
    CONSTRAINT webhook_deliveries_due CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
);
-- What the dispatcher claims: pending deliveries in the order they are due.
CREATE INDEX webhook_deliveries_claim ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- An endpoint's deliveries, newest first.
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);
