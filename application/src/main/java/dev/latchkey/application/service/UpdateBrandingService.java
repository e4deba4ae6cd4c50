package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BrandingView;
import dev.latchkey.application.port.in.UpdateBrandingUseCase;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Replaces a workspace's branding of the portal and the OAuth result pages. */
public final class UpdateBrandingService implements UpdateBrandingUseCase {
    private final BrandingStorePort store;

    public UpdateBrandingService(BrandingStorePort store) {
        this.store = store;
    }

    @Override
    public BrandingView update(WorkspaceId workspaceId, Branding branding) {
        store.save(workspaceId, branding);
        return BrandingView.of(branding);
    }
}
