package dev.latchkey.application.port.in;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.AllowedOrigins;

/**
 * A live portal session with what its pages need.
 *
 * @param branding the workspace's branding with the link's overrides applied
 */
public record PortalView(PortalSession session, Branding branding, AllowedOrigins allowedOrigins) {
}
