package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BrandingView;
import dev.latchkey.application.port.in.GetBrandingUseCase;
import dev.latchkey.application.port.in.UpdateBrandingUseCase;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.WorkspaceId;

/** A workspace's branding of the portal and the OAuth result pages. */
public final class BrandingService implements GetBrandingUseCase, UpdateBrandingUseCase {
    private final BrandingStorePort store;

    public BrandingService(BrandingStorePort store) {
        this.store = store;
    }

    @Override
    public BrandingView get(WorkspaceId workspaceId) {
        return BrandingView.of(store.find(workspaceId));
    }

    @Override
    public BrandingView update(WorkspaceId workspaceId, Branding branding) {
        store.save(workspaceId, branding);
        return BrandingView.of(branding);
    }
}
