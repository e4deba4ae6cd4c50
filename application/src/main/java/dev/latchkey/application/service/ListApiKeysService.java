package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListApiKeysUseCase;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/** A workspace's live API keys, for the operator console (hints only: a key's secret is never stored). */
public final class ListApiKeysService implements ListApiKeysUseCase {
    private final ApiKeyStorePort keys;

    public ListApiKeysService(ApiKeyStorePort keys) {
        this.keys = keys;
    }

    @Override
    public List<ApiKey> list(WorkspaceId workspaceId) {
        return keys.listLive(workspaceId);
    }
}
