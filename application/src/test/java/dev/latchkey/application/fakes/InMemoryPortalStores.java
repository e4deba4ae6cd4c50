package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Branding, connect links and portal sessions in memory, with the same single-use rule as the database. */
public final class InMemoryPortalStores implements BrandingStorePort, ConnectLinkStorePort, PortalSessionStorePort {
    private final Map<WorkspaceId, Branding> branding = new HashMap<>();
    private final Map<String, ConnectLink> links = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, PortalSession> sessions = new HashMap<>();

    @Override
    public Branding find(WorkspaceId workspaceId) {
        return branding.getOrDefault(workspaceId, Branding.DEFAULT);
    }

    @Override
    public void save(WorkspaceId workspaceId, Branding value) {
        branding.put(workspaceId, value);
    }

    @Override
    public synchronized void save(ConnectLink link) {
        links.put(link.codeHash(), link);
    }

    @Override
    public synchronized Optional<ConnectLink> take(String codeHash, Instant now) {
        ConnectLink link = links.get(codeHash);
        if (link == null || used.contains(codeHash) || !link.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        used.add(codeHash);
        return Optional.of(link);
    }

    @Override
    public synchronized Optional<WorkspaceId> workspaceOf(String codeHash) {
        return Optional.ofNullable(links.get(codeHash)).map(ConnectLink::workspaceId);
    }

    @Override
    public synchronized void save(PortalSession session) {
        sessions.put(session.idHash(), session);
    }

    @Override
    public synchronized Optional<PortalSession> find(String idHash, Instant now) {
        return Optional.ofNullable(sessions.get(idHash)).filter(s -> s.liveAt(now));
    }

    public synchronized List<ConnectLink> links() {
        return List.copyOf(links.values());
    }

    public synchronized List<PortalSession> sessions() {
        return List.copyOf(sessions.values());
    }
}
