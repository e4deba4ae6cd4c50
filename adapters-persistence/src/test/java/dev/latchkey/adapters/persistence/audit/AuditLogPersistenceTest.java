package dev.latchkey.adapters.persistence.audit;

import dev.latchkey.adapters.persistence.EncryptedPersistenceTest;
import dev.latchkey.application.port.out.AuditLogStorePort.Position;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.ActorFilter;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryFilter;
import dev.latchkey.domain.audit.AuditEntryId;
import dev.latchkey.domain.audit.AuditOutcome;
import dev.latchkey.domain.audit.AuditTarget;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log's table on a real PostgreSQL: entries read back whole, newest first by keyset, and no one can change or remove one. */
@MicronautTest(startApplication = false, transactional = false)
class AuditLogPersistenceTest extends EncryptedPersistenceTest {
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00.123456Z");

    @Inject
    AuditLogPersistenceAdapter log;

    private static AuditEntry entry(WorkspaceId workspace, Instant at, Actor actor, String action, int status) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("id", "cust-42");
        ids.put("connection_id", "6f1c2e4a-0000-4000-8000-000000000001");
        return new AuditEntry(AuditEntryId.random(), Optional.ofNullable(workspace), at, actor, action,
                new AuditTarget(Optional.of("/v1/linked-accounts/cust-42/connections/6f1c2e4a-0000-4000-8000-000000000001"), ids),
                status, Optional.of("2001:db8::7"), Optional.of("req-42"));
    }

    @Test
    void every_kind_of_entry_reads_back_equal_newest_first_and_pages_by_keyset() {
        WorkspaceId acme = WorkspaceId.random();
        AuditEntry byKey = entry(acme, AT, new Actor.ApiKey(ApiKeyId.random(), "lk_test_abcd…"), "deleteConnection", 204);
        AuditEntry bySession = entry(acme, AT.plusSeconds(1), new Actor.SessionToken(new LinkedAccountId("cust-42")), "disconnectApp", 404);
        AuditEntry byOperator = entry(acme, AT.plusSeconds(2), new Actor.Operator(), "createApiKey", 201);
        AuditEntry byUser = entry(acme, AT.plusSeconds(3), new Actor.ConsoleUser("00u1abc", Optional.of("ada@example.com")), "console.revokeKey", 500);
        AuditEntry noWorkspace = new AuditEntry(AuditEntryId.random(), Optional.empty(), AT.plusSeconds(4), new Actor.Operator(),
                "rotateEncryption", AuditTarget.none(), 202, Optional.empty(), Optional.empty());
        AuditEntry elsewhere = entry(WorkspaceId.random(), AT.plusSeconds(5), new Actor.Operator(), "createApiKey", 201);
        for (AuditEntry e : List.of(byKey, bySession, byOperator, byUser, noWorkspace, elsewhere)) {
            log.append(e);
        }

        assertThat(log.list(AuditEntryFilter.all(acme), Optional.empty(), 10)).containsExactly(byUser, byOperator, bySession, byKey);
        assertThat(log.list(AuditEntryFilter.all(acme), Optional.of(new Position(byOperator.at(), byOperator.id())), 10))
                .containsExactly(bySession, byKey);
        AuditEntryFilter everywhere = new AuditEntryFilter(Optional.empty(), Optional.of(ActorFilter.parse("operator")), Optional.empty(),
                Optional.empty(), Optional.of(AT), Optional.empty());
        assertThat(log.list(everywhere, Optional.empty(), 10)).containsExactly(elsewhere, noWorkspace, byOperator);
        assertThat(log.list(filter(acme, Optional.of(ActorFilter.parse("session:cust-42")), Optional.empty(), Optional.empty()),
                Optional.empty(), 10)).containsExactly(bySession);
        assertThat(log.list(filter(acme, Optional.empty(), Optional.of("deleteConnection"), Optional.empty()), Optional.empty(), 10))
                .containsExactly(byKey);
        assertThat(log.list(filter(acme, Optional.empty(), Optional.empty(), Optional.of(AuditOutcome.REFUSED)), Optional.empty(), 10))
                .containsExactly(bySession);
        assertThat(log.list(filter(acme, Optional.empty(), Optional.empty(), Optional.of(AuditOutcome.FAILED)), Optional.empty(), 10))
                .containsExactly(byUser);
    }

    private static AuditEntryFilter filter(WorkspaceId workspace, Optional<ActorFilter> actor, Optional<String> action,
                                           Optional<AuditOutcome> outcome) {
        return new AuditEntryFilter(Optional.of(workspace), actor, action, outcome, Optional.empty(), Optional.empty());
    }

    @Test
    void the_database_refuses_to_update_delete_or_truncate_an_entry() throws SQLException {
        WorkspaceId acme = WorkspaceId.random();
        AuditEntry kept = entry(acme, AT, new Actor.Operator(), "createApiKey", 201);
        log.append(kept);

        try (Connection db = jdbc(); Statement statement = db.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_log SET action = 'nothing' WHERE id = '" + kept.id() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("UPDATE");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_log WHERE id = '" + kept.id() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("DELETE");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("TRUNCATE");
        }

        assertThat(log.list(AuditEntryFilter.all(acme), Optional.empty(), 10)).containsExactly(kept);
    }
}
