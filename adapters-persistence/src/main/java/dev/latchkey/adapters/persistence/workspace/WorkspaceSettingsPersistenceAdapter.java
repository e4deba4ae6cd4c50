package dev.latchkey.adapters.persistence.workspace;

import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

@Singleton
@TranslatesDatabaseFailures
public class WorkspaceSettingsPersistenceAdapter implements WorkspaceSettingsStorePort {
    private final WorkspaceSettingsRepository repository;
    private final JsonColumns json;

    public WorkspaceSettingsPersistenceAdapter(WorkspaceSettingsRepository repository, JsonColumns json) {
        this.repository = repository;
        this.json = json;
    }

    @Override
    public AllowedOrigins allowedOrigins(WorkspaceId workspaceId) {
        return repository.findByWorkspaceId(workspaceId.value())
                .map(row -> new AllowedOrigins(json.strings(row.allowedOrigins())))
                .orElse(AllowedOrigins.NONE);
    }

    @Override
    public void saveAllowedOrigins(WorkspaceId workspaceId, AllowedOrigins origins) {
        repository.upsertAllowedOrigins(workspaceId.value(), json.strings(origins.origins()));
    }
}
