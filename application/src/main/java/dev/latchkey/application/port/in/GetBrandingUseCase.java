package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetBrandingUseCase {
    /** The workspace's branding (every field absent until set), with its warnings. */
    BrandingView get(WorkspaceId workspaceId);
}
