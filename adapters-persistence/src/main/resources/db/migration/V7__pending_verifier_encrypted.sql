-- The PKCE verifier of an authorization in flight is a secret like the others: encrypted (AES-GCM,
-- see CredentialCipher) with the workspace and the state hash as associated data. New rows never fill
-- the plain code_verifier column; rows written before this migration keep theirs and are read as they
-- are until they are consumed or expire (10 minutes), so authorizations in flight during a deploy
-- still complete. Re-encryption (POST /admin/v1/encryption/rotate) encrypts those too.
ALTER TABLE pending_authorizations
    ADD COLUMN code_verifier_key_id     text,
    ADD COLUMN code_verifier_ciphertext bytea,
    ADD CONSTRAINT pending_authorizations_verifier_sealed
        CHECK ((code_verifier_key_id IS NULL) = (code_verifier_ciphertext IS NULL)),
    ADD CONSTRAINT pending_authorizations_verifier_once
        CHECK (code_verifier IS NULL OR code_verifier_ciphertext IS NULL);

-- Expired rows are of no use to anyone: their plain verifiers go now rather than at the next sweep.
DELETE FROM pending_authorizations WHERE expires_at <= now();
