package dev.latchkey.application.port.out;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface BrandingStorePort {
    /** {@link Branding#DEFAULT} until set. */
    Branding find(WorkspaceId workspaceId);

    void save(WorkspaceId workspaceId, Branding branding);
}
