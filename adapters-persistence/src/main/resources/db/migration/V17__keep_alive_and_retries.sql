-- Keep-alive: when a connection's refresh token must be used by, for a connector whose provider revokes
-- refresh tokens left unused (the connector file's refresh_at_least_every). Set when tokens are stored,
-- from the connector's declaration, so the background refresher's claim stays an index scan.
ALTER TABLE connections ADD COLUMN keep_alive_at timestamptz;

-- Partial, like the two refresh indexes of V3: only active rows with a keep-alive and no schedule.
CREATE INDEX connections_refresh_by_keep_alive ON connections (keep_alive_at)
    WHERE status = 'active' AND next_refresh_at IS NULL AND keep_alive_at IS NOT NULL;

-- How many times a proxied call was sent again after a rate-limited answer (the caller's X-Latchkey-Retries).
ALTER TABLE activity_log ADD COLUMN retries smallint NOT NULL DEFAULT 0 CHECK (retries >= 0);
