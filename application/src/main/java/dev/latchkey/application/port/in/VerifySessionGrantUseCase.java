package dev.latchkey.application.port.in;

import dev.latchkey.domain.session.SessionGrant;

public interface VerifySessionGrantUseCase {
    /** Whether a correctly signed grant still holds: not expired, not revoked, its account not deleted. */
    boolean isLive(SessionGrant grant);
}
