package dev.latchkey.application.port.in;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface UpdateBrandingUseCase {
    /** Replaces the workspace's branding as a whole. */
    BrandingView update(WorkspaceId workspaceId, Branding branding);
}
