package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryApiKeyStore;
import dev.latchkey.application.fakes.InMemoryWorkspaceStore;
import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticateApiKeyServiceTest {

    private static final Instant NOW = Instant.parse("2025-02-02T02:02:02Z");

    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(workspaces);
    private final AuthenticateApiKeyService service = new AuthenticateApiKeyService(keys, java.time.Clock.systemUTC(), Runnable::run);
    private final SecureRandom random = new SecureRandom();
    private Workspace acme;

    @BeforeEach
    void a_workspace_exists() {
        acme = new Workspace(WorkspaceId.random(), new WorkspaceName("acme"), Environment.TEST, NOW);
        workspaces.insert(acme);
    }

    private ApiKeySecret storedKeyOf(Workspace workspace) {
        ApiKeySecret secret = ApiKeySecret.generate(workspace.environment(), random);
        keys.insert(ApiKey.of(workspace.id(), secret, NOW));
        return secret;
    }

    @Test
    void a_valid_key_authenticates_to_its_workspace_and_names_the_key() {
        ApiKeySecret secret = storedKeyOf(acme);
        ApiKey stored = keys.findByHash(secret.hash()).orElseThrow();

        Optional<ApiKeyPrincipal> principal = service.authenticate(secret.reveal());

        assertThat(principal).contains(new ApiKeyPrincipal(acme.id(), stored.id(), secret.hint()));
    }

    @Test
    void only_a_key_found_moments_ago_is_remembered_without_a_lookup() {
        ApiKeySecret secret = storedKeyOf(acme);
        assertThat(service.remembered(secret.reveal())).isEmpty();
        assertThat(service.remembered("not a key")).isEmpty();

        Optional<ApiKeyPrincipal> found = service.authenticate(secret.reveal());

        assertThat(service.remembered(secret.reveal())).isEqualTo(found).isPresent();
        assertThat(service.remembered(storedKeyOf(acme).reveal())).isEmpty();
    }

    @Test
    void a_remembered_key_is_looked_up_again_ahead_once_and_forgotten_when_it_is_gone() {
        ApiKeySecret secret = storedKeyOf(acme);
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
        dev.latchkey.application.port.out.ApiKeyStorePort watched = new dev.latchkey.application.port.out.ApiKeyStorePort() {
            @Override
            public boolean insert(ApiKey key) {
                return keys.insert(key);
            }

            @Override
            public Optional<ApiKey> findByHash(String hash) {
                lookups.incrementAndGet();
                return revoked.get() ? Optional.empty() : keys.findByHash(hash);
            }

            @Override
            public java.util.List<ApiKey> listLive(dev.latchkey.domain.workspace.WorkspaceId workspaceId) {
                return keys.listLive(workspaceId);
            }

            @Override
            public Optional<ApiKey> revoke(dev.latchkey.domain.workspace.WorkspaceId workspaceId, dev.latchkey.domain.workspace.ApiKeyId keyId,
                                           java.time.Instant now) {
                return keys.revoke(workspaceId, keyId, now);
            }

            @Override
            public void markUsed(dev.latchkey.domain.workspace.ApiKeyId keyId, java.time.Instant now) {
                keys.markUsed(keyId, now);
            }
        };
        dev.latchkey.application.fakes.MutableClock clock = new dev.latchkey.application.fakes.MutableClock(NOW);
        AuthenticateApiKeyService remembering = new AuthenticateApiKeyService(watched, clock, Runnable::run);
        Optional<ApiKeyPrincipal> found = remembering.authenticate(secret.reveal());

        clock.advance(java.time.Duration.ofSeconds(22));
        assertThat(remembering.remembered(secret.reveal())).isEqualTo(found);
        assertThat(lookups).hasValue(1);

        revoked.set(true); // by another instance
        clock.advance(java.time.Duration.ofSeconds(1)); // the last quarter of 30 s
        assertThat(remembering.remembered(secret.reveal())).as("this request still uses what it found").isEqualTo(found);
        assertThat(lookups).hasValue(2);
        assertThat(remembering.remembered(secret.reveal())).as("the look-up ahead found it gone").isEmpty();
    }

    /** Counts the database reads a flood of bad keys costs. */
    private static final class CountingKeyStore implements dev.latchkey.application.port.out.ApiKeyStorePort {
        private final dev.latchkey.application.port.out.ApiKeyStorePort store;
        private final java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();

        CountingKeyStore(dev.latchkey.application.port.out.ApiKeyStorePort store) {
            this.store = store;
        }

        @Override
        public boolean insert(ApiKey key) {
            return store.insert(key);
        }

        @Override
        public Optional<ApiKey> findByHash(String hash) {
            lookups.incrementAndGet();
            return store.findByHash(hash);
        }

        @Override
        public java.util.List<ApiKey> listLive(dev.latchkey.domain.workspace.WorkspaceId workspaceId) {
            return store.listLive(workspaceId);
        }

        @Override
        public Optional<ApiKey> revoke(dev.latchkey.domain.workspace.WorkspaceId workspaceId, dev.latchkey.domain.workspace.ApiKeyId keyId,
                                       java.time.Instant now) {
            return store.revoke(workspaceId, keyId, now);
        }

        @Override
        public void markUsed(dev.latchkey.domain.workspace.ApiKeyId keyId, java.time.Instant now) {
            store.markUsed(keyId, now);
        }
    }

    @Test
    void a_flood_of_one_unknown_key_costs_one_lookup_per_30_seconds() {
        CountingKeyStore counted = new CountingKeyStore(keys);
        dev.latchkey.application.fakes.MutableClock clock = new dev.latchkey.application.fakes.MutableClock(NOW);
        AuthenticateApiKeyService guarded = new AuthenticateApiKeyService(counted, clock, Runnable::run);
        String unknown = ApiKeySecret.generate(Environment.TEST, random).reveal();
        assertThat(guarded.refusedMomentsAgo(unknown)).isFalse();

        for (int i = 0; i < 2_000; i++) {
            assertThat(guarded.authenticate(unknown)).isEmpty();
        }

        assertThat(counted.lookups).hasValue(1);
        assertThat(guarded.refusedMomentsAgo(unknown)).as("answered without I/O on the event loop").isTrue();
        assertThat(guarded.refusedMomentsAgo("garbage")).isFalse();
        clock.advance(java.time.Duration.ofSeconds(29));
        guarded.authenticate(unknown);
        assertThat(counted.lookups).hasValue(1);
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(guarded.refusedMomentsAgo(unknown)).isFalse();
        guarded.authenticate(unknown);
        assertThat(counted.lookups).as("looked up again once its 30 s are over").hasValue(2);
    }

    @Test
    void a_key_refused_as_unknown_is_accepted_at_once_when_it_is_created_through_this_instance() {
        dev.latchkey.application.fakes.MutableClock clock = new dev.latchkey.application.fakes.MutableClock(NOW);
        AuthenticateApiKeyService guarded = new AuthenticateApiKeyService(keys, clock, Runnable::run);
        ApiKeySecret secret = ApiKeySecret.generate(Environment.TEST, random);
        assertThat(guarded.authenticate(secret.reveal())).isEmpty();

        keys.insert(ApiKey.of(acme.id(), secret, NOW));
        assertThat(guarded.authenticate(secret.reveal())).as("stored behind its back: still refused for a while").isEmpty();
        guarded.forgetUnknown(secret.hash());

        assertThat(guarded.authenticate(secret.reveal())).map(ApiKeyPrincipal::workspaceId).contains(acme.id());
    }

    @Test
    void each_key_authenticates_to_its_own_workspace() {
        Workspace globex = new Workspace(WorkspaceId.random(), new WorkspaceName("globex"), Environment.LIVE, NOW);
        workspaces.insert(globex);
        ApiKeySecret acmeKey = storedKeyOf(acme);
        ApiKeySecret globexKey = storedKeyOf(globex);

        assertThat(service.authenticate(acmeKey.reveal())).map(ApiKeyPrincipal::workspaceId).contains(acme.id());
        assertThat(service.authenticate(globexKey.reveal())).map(ApiKeyPrincipal::workspaceId).contains(globex.id());
    }

    @Test
    void a_well_formed_but_unknown_key_is_refused() {
        storedKeyOf(acme);
        ApiKeySecret unknown = ApiKeySecret.generate(Environment.TEST, random);

        assertThat(service.authenticate(unknown.reveal())).isEmpty();
    }

    @Test
    void a_stored_key_with_one_character_changed_is_refused() {
        String key = storedKeyOf(acme).reveal();
        char last = key.charAt(key.length() - 1);
        String tampered = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(service.authenticate(tampered)).isEmpty();
    }

    @Test
    void the_key_s_hash_is_not_accepted_as_a_key() {
        ApiKeySecret secret = storedKeyOf(acme);

        assertThat(service.authenticate(secret.hash())).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "Bearer lk_test_x", "lk_test_short", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"})
    void garbage_is_refused_without_an_error(String presented) {
        storedKeyOf(acme);

        assertThat(service.authenticate(presented)).isEmpty();
    }

    @Test
    void answers_from_memory_count_as_cache_hits_and_lookups_as_misses() {
        ApiKeySecret secret = storedKeyOf(acme);

        service.authenticate(secret.reveal());
        service.authenticate(secret.reveal());
        service.remembered(secret.reveal());
        service.authenticate("lk_test_" + "A".repeat(43));
        service.authenticate("lk_test_" + "A".repeat(43));

        assertThat(service.cacheMisses()).isEqualTo(2);
        assertThat(service.cacheHits()).isEqualTo(3);
    }
}
