package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.GetPortalSessionUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The use cases the portal's pages read, in memory: live sessions by cookie value, and a linked account with no apps. */
@Singleton
class InMemoryPortalUseCases implements GetPortalSessionUseCase, ListAppsUseCase, GetAppUseCase {
    final Map<String, PortalView> liveSessions = new ConcurrentHashMap<>();

    @Override
    public Optional<PortalView> find(String sessionSecret) {
        return Optional.ofNullable(liveSessions.get(sessionSecret));
    }

    @Override
    public List<AppView> list(WorkspaceId workspaceId, LinkedAccountId accountId) {
        return List.of();
    }

    @Override
    public AppView get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug slug) {
        throw new NotFoundException("connector_not_found", "No enabled connector " + slug.value());
    }
}
