package dev.latchkey.adapters.persistence.crypto;

/** A stored secret could not be decrypted. The message names the row and the key id, never a secret. */
public class CredentialDecryptionException extends RuntimeException {
    public CredentialDecryptionException(String message) {
        super(message);
    }
}
