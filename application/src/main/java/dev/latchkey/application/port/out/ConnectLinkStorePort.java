package dev.latchkey.application.port.out;

import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Optional;

public interface ConnectLinkStorePort {
    void save(ConnectLink link);

    /**
     * Marks the link used and returns it, if it exists, is unused and has not expired: in one
     * statement, so of two concurrent visits only one gets it.
     */
    Optional<ConnectLink> take(String codeHash, Instant now);

    /** The workspace of a link that exists (used or expired, not yet swept): to brand the refusal page. */
    Optional<WorkspaceId> workspaceOf(String codeHash);
}
