package dev.latchkey.application.port.out;

import dev.latchkey.domain.connection.PendingAuthorization;

import java.time.Instant;
import java.util.Optional;

/** OAuth authorizations in flight. */
public interface PendingAuthorizationStorePort {
    void save(PendingAuthorization pending);

    /**
     * Takes the authorization with this state hash out of the store, atomically: a second call with
     * the same hash finds nothing. Expired ones are taken out too but not returned.
     */
    Optional<PendingAuthorization> consume(String stateHash, Instant now);
}
