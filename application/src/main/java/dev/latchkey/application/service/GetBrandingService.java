package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BrandingView;
import dev.latchkey.application.port.in.GetBrandingUseCase;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.domain.workspace.WorkspaceId;

/** A workspace's branding of the portal and the OAuth result pages. */
public final class GetBrandingService implements GetBrandingUseCase {
    private final BrandingStorePort store;

    public GetBrandingService(BrandingStorePort store) {
        this.store = store;
    }

    @Override
    public BrandingView get(WorkspaceId workspaceId) {
        return BrandingView.of(store.find(workspaceId));
    }
}
