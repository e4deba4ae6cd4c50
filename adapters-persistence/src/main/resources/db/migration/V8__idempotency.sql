-- Idempotency keys: the first answer to a create sent with an Idempotency-Key, kept 24 hours so a
-- retry with the same key gets it again. scope is 'workspace:<id>' or 'admin' (the operator's API).
-- A row with a null status is a request still running ("pending"); attempt names that run, so only it
-- records or frees the key. The body may hold a secret (a session token, an API key, a webhook secret):
-- it is AES-GCM encrypted like every secret at rest (body_key_id names the key).
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    attempt         uuid        NOT NULL,
    fingerprint     bytea       NOT NULL CHECK (length(fingerprint) = 32),
    created_at      timestamptz NOT NULL,
    status          smallint CHECK (status BETWEEN 200 AND 499),
    content_type    text,
    location        text,
    body_key_id     text,
    body            bytea,
    PRIMARY KEY (scope, idempotency_key),
    CONSTRAINT idempotency_keys_answer CHECK ((status IS NULL) = (body IS NULL) AND (body IS NULL) = (body_key_id IS NULL))
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
