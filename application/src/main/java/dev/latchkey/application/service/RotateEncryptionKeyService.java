package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RotateEncryptionKeyUseCase;
import dev.latchkey.application.port.out.CredentialReencryptionPort;

/** Re-encrypts in small batches, so rows are locked only briefly and the service keeps serving. */
public final class RotateEncryptionKeyService implements RotateEncryptionKeyUseCase {
    private static final int BATCH = 100;

    private final CredentialReencryptionPort reencryption;

    public RotateEncryptionKeyService(CredentialReencryptionPort reencryption) {
        this.reencryption = reencryption;
    }

    @Override
    public RotationResult rotate() {
        long total = 0;
        int done;
        do {
            done = reencryption.reencryptBatch(BATCH);
            total += done;
        } while (done > 0);
        return new RotationResult(total, reencryption.remaining());
    }
}
