package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;

/**
 * One request of a live portal session: the session (workspace, linked account, link scope), the
 * page's branding, frame parents, language and texts, and the CSRF token its forms carry. Every
 * portal page works from one of these ({@link PortalVisits} makes it).
 */
public record PortalVisit(PortalView portal, PortalPages.Page page, String csrf) {
    public WorkspaceId workspaceId() {
        return portal.session().workspaceId();
    }

    public LinkedAccountId accountId() {
        return portal.session().accountId();
    }

    public PortalScope scope() {
        return portal.session().scope();
    }

    public Map<String, String> texts() {
        return page.texts();
    }

    /** The config the link's {@code config_id} names, else the default one. */
    public ConfigId configId() {
        return scope().configId().map(ConfigId::new).orElse(ConfigId.DEFAULT);
    }

    public ConfigQuery configQuery(ConnectorSlug connector) {
        return new ConfigQuery(workspaceId(), accountId(), connector, configId());
    }
}
