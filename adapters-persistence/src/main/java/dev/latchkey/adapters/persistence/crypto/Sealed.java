package dev.latchkey.adapters.persistence.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encrypted secret as stored: the id of the key it is encrypted under and {@code nonce || ciphertext || tag}.
 */
public record Sealed(String keyId, byte[] ciphertext) {
    public Sealed {
        Objects.requireNonNull(keyId, "keyId");
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sealed that && keyId.equals(that.keyId) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
