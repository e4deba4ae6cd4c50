package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The apps (and their connections) a portal visit may see: its linked account's, within the link's connectors. */
@Singleton
public class PortalApps {
    private final ListAppsUseCase listApps;
    private final GetAppUseCase getApp;

    public PortalApps(ListAppsUseCase listApps, GetAppUseCase getApp) {
        this.listApps = listApps;
        this.getApp = getApp;
    }

    public List<AppView> visible(PortalVisit visit) {
        return listApps.list(visit.workspaceId(), visit.accountId()).stream().filter(a -> visit.scope().allows(a.definition().slug()))
                .toList();
    }

    /** The visible apps with an active connection, comma-separated: what Done reports. */
    public String connected(PortalVisit visit) {
        return connected(visible(visit));
    }

    static String connected(List<AppView> apps) {
        return String.join(",", apps.stream().filter(a -> a.status().filter(s -> s == ConnectionStatus.ACTIVE).isPresent())
                .map(a -> a.definition().slug().value()).toList());
    }

    /** The app a path names, if it is a slug within the visit's scope and enabled. */
    public Optional<AppView> find(PortalVisit visit, String slug) {
        ConnectorSlug connector;
        try {
            connector = new ConnectorSlug(slug);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!visit.scope().allows(connector)) {
            return Optional.empty();
        }
        try {
            return Optional.of(getApp.get(visit.workspaceId(), visit.accountId(), connector));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The app a path names; else the 404 page. */
    public AppView require(PortalVisit visit, String slug) {
        return find(visit, slug).orElseThrow(() -> PortalRefusedException.notFound(visit));
    }

    /** The app's connection a path names (anything but one of its connection ids finds nothing). */
    public static Optional<Connection> connection(AppView app, String id) {
        try {
            ConnectionId connectionId = ConnectionId.parse(id);
            return app.connections().stream().filter(c -> c.id().equals(connectionId)).findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
