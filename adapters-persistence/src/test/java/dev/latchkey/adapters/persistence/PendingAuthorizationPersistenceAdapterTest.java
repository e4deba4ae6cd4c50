package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.PendingAuthorizationPersistenceAdapter;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class PendingAuthorizationPersistenceAdapterTest extends EncryptedPersistenceTest {
    @Inject
    PendingAuthorizationPersistenceAdapter pending;
    @Inject
    dev.latchkey.adapters.persistence.rotation.ReencryptionPersistenceAdapter reencryption;

    private PendingAuthorization authorization(WorkspaceId ws, LinkedAccount account, Instant expiresAt) {
        return new PendingAuthorization("hash-" + UUID.randomUUID(), ws, account.key(), account.id(), new ConnectorSlug("zendesk"),
                "oauth2", Map.of("subdomain", "acme"), Optional.of("verifier-0123456789"), PendingAuthorization.Mode.REDIRECT,
                Optional.of("https://app.acme.com/done"), expiresAt);
    }

    @Test
    void a_pending_authorization_is_consumed_once_with_every_field() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        PendingAuthorization saved = authorization(ws, account, NOW.plusSeconds(600));
        pending.save(saved);

        PendingAuthorization taken = pending.consume(saved.stateHash(), NOW).orElseThrow();
        assertThat(taken).usingRecursiveComparison().ignoringFields("expiresAt").isEqualTo(saved);
        assertThat(taken.expiresAt()).isEqualTo(saved.expiresAt().truncatedTo(ChronoUnit.MICROS));
        assertThat(pending.consume(saved.stateHash(), NOW)).isEmpty();
    }

    @Test
    void a_popup_authorization_without_verifier_or_return_url_reads_back() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        PendingAuthorization saved = new PendingAuthorization("hash-" + UUID.randomUUID(), ws, account.key(), account.id(),
                new ConnectorSlug("github"), "oauth2", Map.of(), Optional.empty(), PendingAuthorization.Mode.POPUP, Optional.empty(),
                NOW.plusSeconds(600));
        pending.save(saved);

        PendingAuthorization taken = pending.consume(saved.stateHash(), NOW).orElseThrow();
        assertThat(taken.mode()).isEqualTo(PendingAuthorization.Mode.POPUP);
        assertThat(taken.kept()).isEmpty();
        assertThat(taken.returnUrl()).isEmpty();
        assertThat(taken.params()).isEmpty();
    }

    @Test
    void an_expired_authorization_is_not_returned_and_is_gone_afterwards() {
        WorkspaceId ws = newWorkspace();
        PendingAuthorization saved = authorization(ws, newAccount(ws), NOW);
        pending.save(saved);

        assertThat(pending.consume(saved.stateHash(), NOW)).isEmpty();
        assertThat(pending.consume(saved.stateHash(), NOW.minusSeconds(60))).isEmpty();
    }

    @Test
    void an_unknown_state_finds_nothing() {
        assertThat(pending.consume("hash-never-issued", NOW)).isEmpty();
    }

    @Test
    void consuming_sweeps_other_expired_authorizations_and_keeps_live_ones() throws SQLException {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        PendingAuthorization stale = authorization(ws, account, NOW.minusSeconds(1));
        PendingAuthorization live = authorization(ws, account, NOW.plusSeconds(600));
        pending.save(stale);
        pending.save(live);

        pending.consume("hash-never-issued", NOW);

        assertThat(stateHashes()).contains(live.stateHash()).doesNotContain(stale.stateHash());
        assertThat(pending.consume(live.stateHash(), NOW)).isPresent();
    }

    @Test
    void of_many_concurrent_consumes_of_one_state_exactly_one_gets_it() throws Exception {
        WorkspaceId ws = newWorkspace();
        PendingAuthorization saved = authorization(ws, newAccount(ws), NOW.plusSeconds(600));
        pending.save(saved);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<PendingAuthorization>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> pending.consume(saved.stateHash(), NOW));
            }
            int found = 0;
            for (Future<Optional<PendingAuthorization>> result : pool.invokeAll(calls)) {
                found += result.get().isPresent() ? 1 : 0;
            }
            assertThat(found).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_verifier_is_stored_encrypted_never_in_plain_text() throws SQLException {
        WorkspaceId ws = newWorkspace();
        PendingAuthorization saved = authorization(ws, newAccount(ws), NOW.plusSeconds(600));
        pending.save(saved);

        try (java.sql.Connection db = jdbc(); java.sql.PreparedStatement query = db.prepareStatement(
                "SELECT code_verifier, code_verifier_key_id, code_verifier_ciphertext FROM pending_authorizations WHERE state_hash = ?")) {
            query.setString(1, saved.stateHash());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("code_verifier")).isNull();
                assertThat(row.getString("code_verifier_key_id")).isEqualTo(KEY_ID);
                assertThat(new String(row.getBytes("code_verifier_ciphertext"), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain("verifier-0123456789");
            }
        }
        assertThat(pending.consume(saved.stateHash(), NOW).orElseThrow().kept()).contains("verifier-0123456789");
    }

    @Test
    void an_authorization_in_flight_from_before_the_verifier_was_encrypted_still_completes() throws SQLException {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        String stateHash = insertAsBeforeV7(ws, account, "legacy-verifier-0123456789");

        PendingAuthorization taken = pending.consume(stateHash, NOW).orElseThrow();

        assertThat(taken.kept()).contains("legacy-verifier-0123456789");
    }

    @Test
    void re_encryption_seals_a_verifier_still_in_plain_text() throws SQLException {
        WorkspaceId ws = newWorkspace();
        String stateHash = insertAsBeforeV7(ws, newAccount(ws), "legacy-verifier-abcdef");
        assertThat(reencryption.remaining()).isPositive();

        while (reencryption.reencryptBatch(10) > 0) {
            // until every secret is under the current key
        }

        assertThat(reencryption.remaining()).isZero();
        try (java.sql.Connection db = jdbc(); Statement query = db.createStatement(); ResultSet row = query.executeQuery(
                "SELECT code_verifier, code_verifier_key_id FROM pending_authorizations WHERE state_hash = '" + stateHash + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("code_verifier")).isNull();
            assertThat(row.getString("code_verifier_key_id")).isEqualTo(KEY_ID);
        }
        assertThat(pending.consume(stateHash, NOW).orElseThrow().kept()).contains("legacy-verifier-abcdef");
    }

    /** A row as a Latchkey before V7 wrote it: the verifier in the plain column. */
    private String insertAsBeforeV7(WorkspaceId ws, LinkedAccount account, String verifier) throws SQLException {
        String stateHash = "hash-" + UUID.randomUUID();
        try (java.sql.Connection db = jdbc(); java.sql.PreparedStatement insert = db.prepareStatement("""
                INSERT INTO pending_authorizations (state_hash, workspace_id, account_key, account_id, connector, auth_type, params,
                                                    code_verifier, mode, return_url, expires_at)
                VALUES (?, ?, ?, ?, 'zendesk', 'oauth2', '{}'::jsonb, ?, 'redirect', NULL, ?)""")) {
            insert.setString(1, stateHash);
            insert.setObject(2, ws.value());
            insert.setObject(3, account.key().value());
            insert.setString(4, account.id().value());
            insert.setString(5, verifier);
            insert.setObject(6, java.time.OffsetDateTime.ofInstant(NOW.plusSeconds(600), java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return stateHash;
    }

    private List<String> stateHashes() throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (java.sql.Connection db = jdbc(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT state_hash FROM pending_authorizations")) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
        }
        return hashes;
    }
}
