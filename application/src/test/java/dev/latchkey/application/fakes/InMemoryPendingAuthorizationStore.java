package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.PendingAuthorizationStorePort;
import dev.latchkey.domain.connection.PendingAuthorization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authorizations in flight by state hash. {@link #consume} takes the row out whatever happens (one
 * use only); it returns it only while {@code now} is before its expiry.
 */
public final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStorePort {
    private final Map<String, PendingAuthorization> byStateHash = new LinkedHashMap<>();

    @Override
    public synchronized void save(PendingAuthorization pending) {
        if (byStateHash.putIfAbsent(pending.stateHash(), pending) != null) {
            throw new IllegalStateException("duplicate state hash");
        }
    }

    @Override
    public synchronized Optional<PendingAuthorization> consume(String stateHash, Instant now) {
        return Optional.ofNullable(byStateHash.remove(stateHash)).filter(p -> now.isBefore(p.expiresAt()));
    }

    public synchronized List<PendingAuthorization> all() {
        return new ArrayList<>(byStateHash.values());
    }

    /** The only authorization in flight; fails when there is not exactly one. */
    public synchronized PendingAuthorization single() {
        if (byStateHash.size() != 1) {
            throw new IllegalStateException("expected one pending authorization, found " + byStateHash.size());
        }
        return byStateHash.values().iterator().next();
    }
}
