package dev.latchkey.application.port.in;

import java.util.Optional;

public interface GetPortalSessionUseCase {
    /** The live session behind a portal cookie's value; empty when unknown or expired. */
    Optional<PortalView> find(String sessionSecret);
}
