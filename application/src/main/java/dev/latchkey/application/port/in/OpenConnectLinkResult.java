package dev.latchkey.application.port.in;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.portal.PortalSession;

/** What the first visit of a connect link gives. */
public sealed interface OpenConnectLinkResult {
    /** @param sessionSecret the cookie's value (stored only hashed) */
    record Opened(String sessionSecret, PortalSession session) implements OpenConnectLinkResult {
        @Override
        public String toString() {
            return "Opened[" + session.accountId() + "]";
        }
    }

    /** Used already, expired, or never issued; branded when the link's workspace is still known. */
    record Refused(Branding branding) implements OpenConnectLinkResult {
    }
}
