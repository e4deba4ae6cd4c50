package dev.latchkey.adapters.persistence.crypto;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM for secrets at rest: a fresh random 96-bit nonce per encryption, a 128-bit tag, and
 * associated data that names the row the secret belongs to, so a ciphertext copied to another row
 * (or another table) does not decrypt. Output is {@code nonce || ciphertext || tag}, kept with the
 * id of the key.
 */
@Singleton
public final class CredentialCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeys keys;
    private final SecureRandom random;

    @Inject
    public CredentialCipher(EncryptionKeys keys) {
        this(keys, new SecureRandom());
    }

    public CredentialCipher(EncryptionKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    /** Encrypts under the current key. */
    public Sealed encrypt(byte[] plaintext, AssociatedData aad) {
        EncryptionKeys.Key key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.bytes());
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return new Sealed(key.id(), sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /** @throws CredentialDecryptionException unknown key id, or not encrypted for this row (or altered) */
    public byte[] decrypt(Sealed sealed, AssociatedData aad) {
        EncryptionKeys.Key key = keys.find(sealed.keyId()).orElseThrow(() -> new CredentialDecryptionException(
                "the secret of " + aad + " is encrypted under key id '" + sealed.keyId() + "', which is not in "
                        + EncryptionKeys.PROPERTY + "; add that key (after the current one) to read it"));
        byte[] bytes = sealed.ciphertext();
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CredentialDecryptionException("the secret of " + aad + " is too short to be an AES-GCM ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad.bytes());
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new CredentialDecryptionException("the secret of " + aad + " does not decrypt under key id '"
                    + sealed.keyId() + "': it was encrypted for another row, or altered, or that id names another key now");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /** Whether a secret under this key id is under the current key already. */
    public boolean isCurrent(String keyId) {
        return keys.isCurrent(keyId);
    }

    public String currentKeyId() {
        return keys.current().id();
    }

    /**
     * What a ciphertext is bound to: the table (so a secret cannot move between kinds of rows), the
     * workspace and the row.
     */
    public record AssociatedData(String table, String workspaceId, String rowId) {
        public static AssociatedData connection(java.util.UUID workspaceId, java.util.UUID connectionId) {
            return new AssociatedData("connections", workspaceId.toString(), connectionId.toString());
        }

        public static AssociatedData clientSecret(java.util.UUID workspaceId, String connector) {
            return new AssociatedData("connector_settings", workspaceId.toString(), connector);
        }

        public static AssociatedData pendingVerifier(java.util.UUID workspaceId, String stateHash) {
            return new AssociatedData("pending_authorizations", workspaceId.toString(), stateHash);
        }

        byte[] bytes() {
            return (table + ":" + workspaceId + "/" + rowId).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return table + " " + workspaceId + "/" + rowId;
        }
    }
}
