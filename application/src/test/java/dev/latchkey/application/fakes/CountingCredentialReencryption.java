package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.CredentialReencryptionPort;

import java.util.ArrayList;
import java.util.List;

/** Counts the secrets still under an old key and re-encrypts them a batch at a time; remembers each batch. */
public final class CountingCredentialReencryption implements CredentialReencryptionPort {
    private long underOldKey;
    private final List<Integer> limits = new ArrayList<>();
    private final List<Integer> batches = new ArrayList<>();

    public CountingCredentialReencryption(long underOldKey) {
        this.underOldKey = underOldKey;
    }

    @Override
    public int reencryptBatch(int limit) {
        int done = (int) Math.min(limit, underOldKey);
        underOldKey -= done;
        limits.add(limit);
        batches.add(done);
        return done;
    }

    @Override
    public long remaining() {
        return underOldKey;
    }

    /** Secrets written under an old key meanwhile (an instance that has not got the new key yet). */
    public void addUnderOldKey(long rows) {
        underOldKey += rows;
    }

    public List<Integer> limits() {
        return List.copyOf(limits);
    }

    public List<Integer> batches() {
        return List.copyOf(batches);
    }
}
