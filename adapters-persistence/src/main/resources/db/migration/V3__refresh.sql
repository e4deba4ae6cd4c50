-- Token refresh: when a connection's token expires (mirrored from its encrypted credentials on every
-- write, so the background refresher can find due rows without decrypting), and its refresh schedule:
-- next_refresh_at with refresh_failures > 0 is a backoff after a provider failure (nobody calls the
-- provider before it); with refresh_failures = 0 it is a background refresher's lease or reminder.
ALTER TABLE connections
    ADD COLUMN token_expires_at timestamptz,
    ADD COLUMN next_refresh_at  timestamptz,
    ADD COLUMN refresh_failures integer NOT NULL DEFAULT 0 CHECK (refresh_failures >= 0);

-- What the background refresher claims: active rows whose token expires soon, or whose scheduled
-- time has come. Partial, so expired and revoked rows and tokens without expiry cost nothing.
CREATE INDEX connections_refresh_by_expiry ON connections (token_expires_at)
    WHERE status = 'active' AND next_refresh_at IS NULL AND token_expires_at IS NOT NULL;
CREATE INDEX connections_refresh_by_schedule ON connections (next_refresh_at)
    WHERE status = 'active' AND next_refresh_at IS NOT NULL;
