package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryWorkspaceSettingsStore;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedOriginsServicesTest {
    private final InMemoryWorkspaceSettingsStore settings = new InMemoryWorkspaceSettingsStore();
    private final GetAllowedOriginsService getOrigins = new GetAllowedOriginsService(settings);
    private final UpdateAllowedOriginsService updateOrigins = new UpdateAllowedOriginsService(settings);
    private final WorkspaceId workspace = WorkspaceId.random();

    @Test
    void a_new_workspace_allows_no_origin() {
        assertThat(getOrigins.get(workspace)).isEqualTo(AllowedOrigins.NONE);
    }

    @Test
    void update_replaces_the_allowed_origins_of_that_workspace_only() {
        updateOrigins.update(workspace, new AllowedOrigins(List.of("https://old.acme.com")));

        AllowedOrigins saved = updateOrigins.update(workspace, new AllowedOrigins(List.of("https://APP.acme.com:443", "http://localhost:3000")));

        assertThat(saved.origins()).containsExactly("https://app.acme.com", "http://localhost:3000");
        assertThat(getOrigins.get(workspace)).isEqualTo(saved);
        assertThat(getOrigins.get(workspace).allows("https://old.acme.com/x")).isFalse();
        assertThat(getOrigins.get(WorkspaceId.random())).isEqualTo(AllowedOrigins.NONE);
    }
}
