package dev.latchkey.application.port.in;

public interface RotateEncryptionKeyUseCase {
    /** Re-encrypts every stored secret under the first key of LATCHKEY_ENCRYPTION_KEYS, in batches, while serving. */
    RotationResult rotate();

    record RotationResult(long reencrypted, long remaining) {
    }
}
