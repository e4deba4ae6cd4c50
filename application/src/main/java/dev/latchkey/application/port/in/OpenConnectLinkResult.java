package dev.latchkey.application.port.in;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.AllowedOrigins;

/** What the first visit of a connect link gives. */
public sealed interface OpenConnectLinkResult {
    /** @param sessionSecret the cookie's value (stored only hashed) */
    record Opened(String sessionSecret, PortalSession session) implements OpenConnectLinkResult {
        @Override
        public String toString() {
            return "Opened[" + session.accountId() + "]";
        }
    }

    /**
     * Used already, expired, or never issued. When the link's workspace is still known: its branding,
     * and its allowed origins, which may frame the refusal page (a link opened in an iframe shows it
     * there, not a browser error); otherwise the defaults and no framing.
     */
    record Refused(Branding branding, AllowedOrigins frameParents) implements OpenConnectLinkResult {
        public static final Refused UNKNOWN = new Refused(Branding.DEFAULT, AllowedOrigins.NONE);
    }
}
