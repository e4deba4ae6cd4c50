package dev.latchkey.application.port.out;

import dev.latchkey.domain.portal.PortalSession;

import java.time.Instant;
import java.util.Optional;

public interface PortalSessionStorePort {
    void save(PortalSession session);

    /** The session, if it exists, has not expired and its linked account still exists. */
    Optional<PortalSession> find(String idHash, Instant now);
}
