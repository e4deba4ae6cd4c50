package dev.latchkey.bootstrap;

import ch.qos.logback.classic.Logger;
import dev.latchkey.adapters.persistence.audit.AuditLogPersistenceAdapter;
import dev.latchkey.adapters.web.audit.AuditRecordingFilter;
import dev.latchkey.application.port.out.AuditLogStorePort;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryFilter;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the audit log cannot take an entry, the change has happened already: its answer stands (a
 * failure would invite a retry that changes things twice), and the whole entry is logged at ERROR, from
 * which it can be recovered; it is never dropped silently.
 */
@MicronautTest(transactional = false)
class AuditStoreAwayApiTest extends ApiTest {
    private static final String AWAY = "latchkey.test.audit-store-away";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(AWAY, "true");
        return properties;
    }

    /** An audit log whose database refuses every insert. */
    @Singleton
    @Replaces(AuditLogPersistenceAdapter.class)
    @Requires(property = AWAY, value = "true")
    static class AwayAuditLog implements AuditLogStorePort {
        @Override
        public void append(AuditEntry entry) {
            throw new IllegalStateException("audit log: the database refused the insert");
        }

        @Override
        public List<AuditEntry> list(AuditEntryFilter filter, Optional<Position> after, int limit) {
            return List.of();
        }
    }

    @Test
    void the_change_is_answered_as_made_and_its_entry_is_logged_whole_at_error() {
        String key = newWorkspaceKey();
        LogCapture capture = new LogCapture();
        capture.attachTo((Logger) LoggerFactory.getLogger(AuditRecordingFilter.class));

        Reply created = call(io.micronaut.http.HttpRequest.POST("/v1/linked-accounts", Map.of("id", "kept-anyway"))
                .header("X-Request-Id", "req-away"), key);

        assertThat(created.status()).isEqualTo(201);
        assertThat(get("/v1/linked-accounts/kept-anyway", key).status()).isEqualTo(200);
        assertThat(capture.drain()).extracting(LogCapture.Line::text).anySatisfy(text -> assertThat(text)
                .contains("audit entry not stored", "IllegalStateException", "createLinkedAccount", "/v1/linked-accounts",
                        "created_id=kept-anyway", "status=201", "request_id=req-away", "api_key:")
                .doesNotContain(key));
    }
}
