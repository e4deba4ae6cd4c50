package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.session.SessionRevocationPersistenceAdapter;
import dev.latchkey.adapters.persistence.transaction.TransactionPersistenceAdapter;
import dev.latchkey.adapters.persistence.workspace.WorkspacePersistenceAdapter;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.session.SessionTtl;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
class WorkspacePersistenceAdapterTest extends PersistenceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Inject
    WorkspacePersistenceAdapter workspaces;
    @Inject
    SessionRevocationPersistenceAdapter revocations;
    @Inject
    TransactionPersistenceAdapter transactions;

    @Test
    void workspace_names_are_unique() {
        Workspace first = new Workspace(WorkspaceId.random(), new WorkspaceName("unique"), Environment.LIVE, NOW);
        assertThat(workspaces.insert(first)).isTrue();
        assertThat(workspaces.insert(new Workspace(WorkspaceId.random(), new WorkspaceName("unique"), Environment.TEST, NOW))).isFalse();
        assertThat(workspaces.findByName(new WorkspaceName("unique"))).contains(first);
        assertThat(workspaces.find(first.id())).contains(first);
        assertThat(workspaces.anyExists()).isTrue();
    }

    @Test
    void an_api_key_is_found_by_its_hash_only() {
        Workspace workspace = new Workspace(WorkspaceId.random(), new WorkspaceName("keys"), Environment.TEST, NOW);
        workspaces.insert(workspace);
        ApiKeySecret secret = ApiKeySecret.generate(Environment.TEST, new SecureRandom());
        workspaces.insert(ApiKey.of(workspace.id(), secret, NOW));

        assertThat(workspaces.findByHash(secret.hash())).get().extracting(ApiKey::workspaceId).isEqualTo(workspace.id());
        assertThat(workspaces.findByHash(ApiKeySecret.generate(Environment.TEST, new SecureRandom()).hash())).isEmpty();
    }

    @Test
    void a_revoked_api_key_is_listed_and_found_no_more_and_only_its_own_workspace_revokes_it() {
        Workspace workspace = new Workspace(WorkspaceId.random(), new WorkspaceName("revoked-keys"), Environment.TEST, NOW);
        Workspace other = new Workspace(WorkspaceId.random(), new WorkspaceName("revoked-keys-other"), Environment.TEST, NOW);
        workspaces.insert(workspace);
        workspaces.insert(other);
        ApiKeySecret oldSecret = ApiKeySecret.generate(Environment.TEST, new SecureRandom());
        ApiKeySecret newSecret = ApiKeySecret.generate(Environment.TEST, new SecureRandom());
        ApiKey older = ApiKey.of(workspace.id(), oldSecret, NOW);
        ApiKey newer = ApiKey.of(workspace.id(), newSecret, NOW.plusSeconds(60));
        workspaces.insert(newer);
        workspaces.insert(older);
        assertThat(workspaces.listLive(workspace.id())).extracting(ApiKey::id).containsExactly(older.id(), newer.id());

        assertThat(workspaces.revoke(other.id(), older.id(), NOW)).as("another workspace's key").isEmpty();
        assertThat(workspaces.revoke(workspace.id(), older.id(), NOW.plusSeconds(120))).get().extracting(ApiKey::id).isEqualTo(older.id());
        assertThat(workspaces.revoke(workspace.id(), older.id(), NOW.plusSeconds(180))).as("revoked already").isEmpty();

        assertThat(workspaces.listLive(workspace.id())).extracting(ApiKey::id).containsExactly(newer.id());
        assertThat(workspaces.findByHash(oldSecret.hash())).isEmpty();
        assertThat(workspaces.findByHash(newSecret.hash())).isPresent();
    }

    @Test
    void a_use_is_recorded_at_most_once_a_minute() {
        Workspace workspace = new Workspace(WorkspaceId.random(), new WorkspaceName("used-keys"), Environment.TEST, NOW);
        workspaces.insert(workspace);
        ApiKey key = ApiKey.of(workspace.id(), ApiKeySecret.generate(Environment.TEST, new SecureRandom()), NOW);
        workspaces.insert(key);
        assertThat(workspaces.listLive(workspace.id()).getFirst().lastUsedAt()).isEmpty();

        workspaces.markUsed(key.id(), NOW.plusSeconds(10));
        workspaces.markUsed(key.id(), NOW.plusSeconds(40));
        assertThat(workspaces.listLive(workspace.id()).getFirst().lastUsedAt()).contains(NOW.plusSeconds(10));
        workspaces.markUsed(key.id(), NOW.plusSeconds(71));
        assertThat(workspaces.listLive(workspace.id()).getFirst().lastUsedAt()).contains(NOW.plusSeconds(71));
    }

    @Test
    void a_revocation_is_remembered_until_the_token_would_have_expired() {
        Workspace workspace = new Workspace(WorkspaceId.random(), new WorkspaceName("revocations"), Environment.TEST, NOW);
        workspaces.insert(workspace);
        SessionGrant grant = SessionGrant.issue(workspace.id(), new LinkedAccountId("cust"), LinkedAccountKey.random(), SessionTtl.DEFAULT, NOW);

        revocations.revoke(grant);
        revocations.revoke(grant);
        assertThat(revocations.isRevoked(grant.tokenId())).isTrue();
        assertThat(revocations.purgeExpired(grant.expiresAt().minusSeconds(1))).isZero();
        assertThat(revocations.purgeExpired(grant.expiresAt().plusSeconds(1))).isEqualTo(1);
        assertThat(revocations.isRevoked(grant.tokenId())).isFalse();
    }

    @Test
    void a_failing_transaction_leaves_nothing_behind() {
        WorkspaceName name = new WorkspaceName("rolled-back");
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            workspaces.insert(new Workspace(WorkspaceId.random(), name, Environment.TEST, NOW));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(workspaces.findByName(name)).isEmpty();
    }
}
