package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryApiKeyStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryWorkspaceStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CreateWorkspaceServiceTest {

    private static final Instant T0 = Instant.parse("2025-03-03T03:03:03Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(workspaces);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(keys, clock, Runnable::run);
    private final CreateWorkspaceService service = new CreateWorkspaceService(workspaces, keys, transactions, new SecureRandom(), clock,
            authenticate);
    private final CreateApiKeyService createKey = new CreateApiKeyService(workspaces, keys, new SecureRandom(), clock, authenticate);
    private final ListWorkspacesService listWorkspaces = new ListWorkspacesService(workspaces);

    private WorkspaceWithKey create(String name, Environment environment) {
        return service.create(new CreateWorkspaceCommand(new WorkspaceName(name), environment));
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void create_makes_the_workspace_and_a_key_with_the_environment_s_prefix(Environment environment) {
        WorkspaceWithKey made = create("acme", environment);

        assertThat(made.workspace().name()).isEqualTo(new WorkspaceName("acme"));
        assertThat(made.workspace().environment()).isEqualTo(environment);
        assertThat(made.workspace().createdAt()).isEqualTo(T0);
        assertThat(made.secret().reveal()).startsWith(environment.keyPrefix());
        assertThat(workspaces.findByName(new WorkspaceName("acme"))).contains(made.workspace());
    }

    /** Always the same bytes: the key a service will generate can be known (and presented) before it exists. */
    private static final class FixedRandom extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, (byte) 7);
        }
    }

    @Test
    void a_key_refused_as_unknown_a_moment_before_it_was_created_works_at_once() {
        String upcoming = dev.latchkey.domain.workspace.ApiKeySecret.generate(Environment.TEST, new FixedRandom()).reveal();
        assertThat(authenticate.authenticate(upcoming)).isEmpty();
        CreateWorkspaceService predictable = new CreateWorkspaceService(workspaces, keys, transactions, new FixedRandom(), clock, authenticate);

        WorkspaceWithKey made = predictable.create(new CreateWorkspaceCommand(new WorkspaceName("acme"), Environment.TEST));

        assertThat(made.secret().reveal()).isEqualTo(upcoming);
        assertThat(authenticate.authenticate(upcoming)).map(ApiKeyPrincipal::workspaceId).contains(made.workspace().id());
    }

    @Test
    void the_stored_key_holds_the_hash_not_the_plaintext_and_authenticates_to_the_workspace() {
        WorkspaceWithKey made = create("acme", Environment.LIVE);

        assertThat(keys.all()).singleElement().satisfies(stored -> {
            assertThat(stored).isEqualTo(made.key());
            assertThat(stored.workspaceId()).isEqualTo(made.workspace().id());
            assertThat(stored.hash()).isEqualTo(made.secret().hash());
            assertThat(stored.toString()).doesNotContain(made.secret().reveal());
            assertThat(stored.createdAt()).isEqualTo(T0);
        });
        assertThat(authenticate.authenticate(made.secret().reveal()))
                .contains(new ApiKeyPrincipal(made.workspace().id(), made.key().id(), made.secret().hint()));
    }

    @Test
    void a_taken_name_is_workspace_exists_and_adds_neither_workspace_nor_key() {
        WorkspaceWithKey first = create("acme", Environment.TEST);

        ConflictException conflict = catchThrowableOfType(ConflictException.class, () -> create("acme", Environment.LIVE));

        assertThat(conflict.code()).isEqualTo("workspace_exists");
        assertThat(conflict.getMessage()).contains("acme");
        assertThat(workspaces.listAll()).containsExactly(first.workspace());
        assertThat(keys.all()).containsExactly(first.key());
    }

    @Test
    void create_runs_in_a_transaction() {
        create("acme", Environment.TEST);

        assertThat(transactions.committed()).isEqualTo(1);
    }

    @Test
    void an_extra_key_is_added_to_an_existing_workspace_and_both_keys_work() {
        WorkspaceWithKey made = create("acme", Environment.LIVE);
        clock.advance(Duration.ofDays(30));

        WorkspaceWithKey rotated = createKey.create(made.workspace().id());

        assertThat(rotated.workspace()).isEqualTo(made.workspace());
        assertThat(rotated.secret().reveal()).startsWith("lk_live_").isNotEqualTo(made.secret().reveal());
        assertThat(rotated.key().createdAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(keys.of(made.workspace().id())).hasSize(2);
        assertThat(authenticate.authenticate(made.secret().reveal())).map(ApiKeyPrincipal::workspaceId).contains(made.workspace().id());
        assertThat(authenticate.authenticate(rotated.secret().reveal())).map(ApiKeyPrincipal::workspaceId).contains(made.workspace().id());
    }

    @Test
    void an_extra_key_for_an_unknown_workspace_is_workspace_not_found() {
        WorkspaceId unknown = WorkspaceId.random();

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> createKey.create(unknown));

        assertThat(notFound.code()).isEqualTo("workspace_not_found");
        assertThat(keys.all()).isEmpty();
    }

    @Test
    void list_returns_every_workspace() {
        Workspace acme = create("acme", Environment.TEST).workspace();
        Workspace acmeLive = create("acme-live", Environment.LIVE).workspace();

        assertThat(listWorkspaces.list()).containsExactlyInAnyOrder(acme, acmeLive);
    }
}
