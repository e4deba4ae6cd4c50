package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryApiKeyStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryWorkspaceStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnsureDefaultWorkspaceServiceTest {

    private static final Instant T0 = Instant.parse("2025-07-07T07:07:07Z");
    private static final WorkspaceName DEFAULT = new WorkspaceName("default");

    private final MutableClock clock = new MutableClock(T0);
    private final SecureRandom random = new SecureRandom();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(workspaces);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(keys, java.time.Clock.systemUTC(), Runnable::run);
    private final EnsureDefaultWorkspaceService service = new EnsureDefaultWorkspaceService(workspaces, keys, transactions, random, clock,
            authenticate);

    private Optional<WorkspaceId> workspaceOf(ApiKeySecret secret) {
        return authenticate.authenticate(secret.reveal()).map(ApiKeyPrincipal::workspaceId);
    }

    @Test
    void with_no_workspace_and_no_key_it_creates_default_and_returns_a_key_to_show_once() {
        Optional<WorkspaceWithKey> made = service.ensure(Optional.empty());

        assertThat(made).hasValueSatisfying(m -> {
            assertThat(m.workspace().name()).isEqualTo(DEFAULT);
            assertThat(m.workspace().environment()).isEqualTo(Environment.TEST);
            assertThat(m.workspace().createdAt()).isEqualTo(T0);
            assertThat(m.secret().reveal()).startsWith("lk_test_");
            assertThat(workspaceOf(m.secret())).contains(m.workspace().id());
        });
        assertThat(workspaces.findByName(DEFAULT)).contains(made.orElseThrow().workspace());
        assertThat(transactions.committed()).isEqualTo(1);
    }

    @Test
    void the_second_call_without_a_key_returns_nothing_and_creates_nothing() {
        WorkspaceWithKey first = service.ensure(Optional.empty()).orElseThrow();

        Optional<WorkspaceWithKey> second = service.ensure(Optional.empty());

        assertThat(second).isEmpty();
        assertThat(workspaces.listAll()).containsExactly(first.workspace());
        assertThat(keys.all()).containsExactly(first.key());
    }

    @Test
    void without_a_key_it_creates_nothing_when_another_workspace_already_exists() {
        new CreateWorkspaceService(workspaces, keys, transactions, random, clock, authenticate)
                .create(new CreateWorkspaceCommand(new WorkspaceName("acme"), Environment.LIVE));

        assertThat(service.ensure(Optional.empty())).isEmpty();
        assertThat(workspaces.findByName(DEFAULT)).isEmpty();
        assertThat(keys.all()).hasSize(1);
    }

    @Test
    void a_bootstrap_key_presented_before_it_was_stored_is_accepted_as_soon_as_it_is() {
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.TEST, random);
        assertThat(workspaceOf(bootstrap)).as("not stored yet: refused, and remembered as unknown").isEmpty();

        service.ensure(Optional.of(bootstrap));

        assertThat(workspaceOf(bootstrap)).isEqualTo(workspaces.findByName(DEFAULT).map(Workspace::id));
    }

    @Test
    void a_bootstrap_key_creates_default_holding_that_key_and_returns_nothing_to_show() {
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.TEST, random);

        Optional<WorkspaceWithKey> result = service.ensure(Optional.of(bootstrap));

        assertThat(result).isEmpty();
        Workspace created = workspaces.findByName(DEFAULT).orElseThrow();
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(workspaceOf(bootstrap)).contains(created.id());
    }

    @Test
    void a_bootstrap_key_is_idempotent_across_calls() {
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.TEST, random);

        service.ensure(Optional.of(bootstrap));
        service.ensure(Optional.of(bootstrap));
        service.ensure(Optional.of(ApiKeySecret.parse(bootstrap.reveal())));

        assertThat(workspaces.listAll()).extracting(Workspace::name).containsExactly(DEFAULT);
        assertThat(keys.all()).singleElement().satisfies(k -> assertThat(k.hash()).isEqualTo(bootstrap.hash()));
        assertThat(workspaceOf(bootstrap)).contains(workspaces.findByName(DEFAULT).orElseThrow().id());
    }

    @Test
    void a_live_bootstrap_key_makes_a_live_default_workspace() {
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.LIVE, random);

        service.ensure(Optional.of(bootstrap));

        assertThat(workspaces.findByName(DEFAULT)).hasValueSatisfying(w -> assertThat(w.environment()).isEqualTo(Environment.LIVE));
    }

    @Test
    void a_bootstrap_key_given_after_default_was_generated_is_added_to_that_workspace() {
        WorkspaceWithKey generated = service.ensure(Optional.empty()).orElseThrow();
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.TEST, random);

        Optional<WorkspaceWithKey> result = service.ensure(Optional.of(bootstrap));

        assertThat(result).isEmpty();
        assertThat(workspaces.listAll()).containsExactly(generated.workspace());
        assertThat(keys.of(generated.workspace().id())).hasSize(2);
        assertThat(workspaceOf(bootstrap)).contains(generated.workspace().id());
        assertThat(workspaceOf(generated.secret())).contains(generated.workspace().id());
    }

    @Test
    void a_bootstrap_key_creates_default_even_when_other_workspaces_exist() {
        new CreateWorkspaceService(workspaces, keys, transactions, random, clock, authenticate)
                .create(new CreateWorkspaceCommand(new WorkspaceName("acme"), Environment.TEST));
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.TEST, random);

        service.ensure(Optional.of(bootstrap));

        Workspace created = workspaces.findByName(DEFAULT).orElseThrow();
        assertThat(workspaceOf(bootstrap)).contains(created.id());
        assertThat(workspaces.listAll()).hasSize(2);
    }

    @Test
    void a_bootstrap_key_joins_the_default_workspace_another_instance_created_at_the_same_moment() {
        Workspace theirs = new Workspace(WorkspaceId.random(), DEFAULT, Environment.TEST, T0);
        workspaces.beforeNextInsert(() -> workspaces.insert(theirs));
        ApiKeySecret bootstrap = ApiKeySecret.generate(Environment.TEST, random);

        service.ensure(Optional.of(bootstrap));

        assertThat(workspaces.listAll()).containsExactly(theirs);
        assertThat(workspaceOf(bootstrap)).contains(theirs.id());
    }

    @Test
    void a_generated_key_belongs_to_the_default_workspace_another_instance_created_at_the_same_moment() {
        Workspace theirs = new Workspace(WorkspaceId.random(), DEFAULT, Environment.TEST, T0);
        workspaces.beforeNextInsert(() -> workspaces.insert(theirs));

        Optional<WorkspaceWithKey> made = service.ensure(Optional.empty());

        assertThat(workspaces.listAll()).containsExactly(theirs);
        made.ifPresent(m -> {
            assertThat(m.workspace()).isEqualTo(theirs);
            assertThat(workspaceOf(m.secret())).contains(theirs.id());
        });
    }

    @Test
    void a_live_bootstrap_key_for_a_test_default_workspace_is_refused_with_the_prefix_to_use() {
        service.ensure(Optional.empty()).orElseThrow();
        ApiKeySecret live = ApiKeySecret.generate(Environment.LIVE, random);

        assertThatThrownBy(() -> service.ensure(Optional.of(live)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("lk_test_")
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("bootstrap_key_environment");
        assertThat(workspaceOf(live)).isEmpty();
    }

    @Test
    void a_bootstrap_key_that_belongs_to_another_workspace_is_refused_not_silently_ignored() {
        WorkspaceWithKey acme = new CreateWorkspaceService(workspaces, keys, transactions, random, clock, authenticate)
                .create(new CreateWorkspaceCommand(new WorkspaceName("acme"), Environment.TEST));

        assertThatThrownBy(() -> service.ensure(Optional.of(acme.secret())))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo("bootstrap_key_in_use");
        assertThat(workspaceOf(acme.secret())).contains(acme.workspace().id());
    }
}
