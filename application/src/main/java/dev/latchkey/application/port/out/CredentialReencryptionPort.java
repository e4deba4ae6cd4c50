package dev.latchkey.application.port.out;

/** Re-encrypts stored secrets under the current (first) encryption key, a batch at a time. */
public interface CredentialReencryptionPort {
    /** Re-encrypts up to {@code limit} secrets still under an older key; returns how many. Safe while serving. */
    int reencryptBatch(int limit);

    /** How many secrets are still under an older key. */
    long remaining();
}
