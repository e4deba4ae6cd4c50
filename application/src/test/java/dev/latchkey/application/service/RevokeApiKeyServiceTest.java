package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryApiKeyStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryWorkspaceStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RevokeApiKeyServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(workspaces);
    private final AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(keys, clock, Runnable::run);
    private final CreateWorkspaceService createWorkspace = new CreateWorkspaceService(workspaces, keys, new InMemoryTransactions(),
            new SecureRandom(), clock, authenticate);
    private final CreateApiKeyService createKey = new CreateApiKeyService(workspaces, keys, new SecureRandom(), clock, authenticate);
    private final ListApiKeysService list = new ListApiKeysService(keys);
    private final RevokeApiKeyService revoke = new RevokeApiKeyService(keys, clock, authenticate);

    private WorkspaceWithKey workspace(String name) {
        return createWorkspace.create(new CreateWorkspaceCommand(new WorkspaceName(name), Environment.TEST));
    }

    @Test
    void a_revoked_key_is_refused_at_once_though_it_was_remembered_and_the_others_keep_working() {
        WorkspaceWithKey acme = workspace("acme");
        clock.advance(Duration.ofSeconds(1));
        WorkspaceWithKey second = createKey.create(acme.workspace().id());
        assertThat(authenticate.authenticate(second.secret().reveal())).isPresent();

        revoke.revoke(acme.workspace().id(), second.key().id());

        assertThat(authenticate.authenticate(second.secret().reveal())).as("remembered a moment ago, refused now").isEmpty();
        assertThat(authenticate.authenticate(acme.secret().reveal())).isPresent();
        assertThat(list.list(acme.workspace().id())).extracting(ApiKey::id).containsExactly(acme.key().id());
    }

    @Test
    void another_workspace_s_key_an_unknown_one_or_a_revoked_one_is_not_found() {
        WorkspaceWithKey acme = workspace("acme");
        WorkspaceWithKey globex = workspace("globex");

        for (ApiKeyId id : new ApiKeyId[]{globex.key().id(), ApiKeyId.random()}) {
            NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> revoke.revoke(acme.workspace().id(), id));
            assertThat(e.code()).isEqualTo("api_key_not_found");
        }
        assertThat(authenticate.authenticate(globex.secret().reveal())).as("untouched").isPresent();

        revoke.revoke(acme.workspace().id(), acme.key().id());
        assertThat(catchThrowableOfType(NotFoundException.class, () -> revoke.revoke(acme.workspace().id(), acme.key().id()))).isNotNull();
    }

    @Test
    void a_key_that_authenticates_a_request_is_listed_with_when_it_was_last_used() {
        WorkspaceWithKey acme = workspace("acme");
        assertThat(list.list(acme.workspace().id()).getFirst().lastUsedAt()).isEmpty();
        clock.advance(Duration.ofMinutes(5));

        assertThat(authenticate.authenticate(acme.secret().reveal())).isPresent();

        assertThat(list.list(acme.workspace().id()).getFirst().lastUsedAt()).contains(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void the_list_is_the_workspace_s_live_keys_oldest_first() {
        WorkspaceWithKey acme = workspace("acme");
        workspace("globex");
        clock.advance(Duration.ofMinutes(1));
        WorkspaceWithKey newer = createKey.create(acme.workspace().id());

        assertThat(list.list(acme.workspace().id())).extracting(ApiKey::id).containsExactly(acme.key().id(), newer.key().id());
    }
}
