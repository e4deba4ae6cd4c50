package dev.latchkey.domain.audit;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditEntryTest {
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
    private static final WorkspaceId WORKSPACE = WorkspaceId.random();

    private static AuditEntry entry(Actor actor, String action, int status) {
        return new AuditEntry(AuditEntryId.random(), Optional.of(WORKSPACE), AT, actor, action,
                new AuditTarget(Optional.of("/v1/webhooks/abc"), Map.of("id", "abc")), status, Optional.of("203.0.113.7"), Optional.of("req-1"));
    }

    @Test
    void the_outcome_is_read_from_the_status() {
        Actor key = new Actor.ApiKey(ApiKeyId.random(), "lk_test_abcd…");
        assertThat(entry(key, "deleteWebhook", 204).outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(entry(key, "deleteWebhook", 404).outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(entry(key, "deleteWebhook", 503).outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThatThrownBy(() -> entry(key, "deleteWebhook", 42)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
    }

    @Test
    void an_action_or_a_target_that_could_smuggle_text_into_a_log_is_refused() {
        Actor operator = new Actor.Operator();
        assertThatThrownBy(() -> entry(operator, "delete\nWebhook", 200)).hasMessageContaining("action");
        assertThatThrownBy(() -> new AuditTarget(Optional.of("/v1/x?token=secret"), Map.of())).hasMessageContaining("without a query");
        assertThatThrownBy(() -> new AuditTarget(Optional.empty(), Map.of("Bad Name", "x"))).hasMessageContaining("snake_case");
        assertThatThrownBy(() -> new AuditTarget(Optional.empty(), Map.of("id", "a\u0000b"))).hasMessageContaining("control");
    }

    @Test
    void every_actor_kind_is_read_back_from_its_kind_id_and_label() {
        Actor[] actors = {new Actor.ApiKey(ApiKeyId.random(), "lk_live_wxyz…"), new Actor.SessionToken(new LinkedAccountId("cust-42")),
                new Actor.Operator(), new Actor.ConsoleUser("00u1abc", Optional.of("ada@example.com")),
                new Actor.ConsoleUser("00u2def", Optional.empty())};
        for (Actor actor : actors) {
            assertThat(Actor.of(actor.kind(), actor.id(), actor.label())).isEqualTo(actor);
        }
        assertThat(new Actor.ConsoleUser("s", Optional.of("  ")).label()).isEmpty();
    }

    @Test
    void an_actor_filter_names_a_kind_and_optionally_one_actor() {
        Actor session = new Actor.SessionToken(new LinkedAccountId("cust:42"));
        assertThat(ActorFilter.parse("session").matches(session)).isTrue();
        assertThat(ActorFilter.parse("session:cust:42").matches(session)).isTrue();
        assertThat(ActorFilter.parse("session:cust-43").matches(session)).isFalse();
        assertThat(ActorFilter.parse("operator").matches(session)).isFalse();
        assertThatThrownBy(() -> ActorFilter.parse("robot")).hasMessageContaining("api_key, session, operator or console_user");
        assertThatThrownBy(() -> ActorFilter.parse("session:")).hasMessageContaining("1 to");
    }

    @Test
    void a_filter_matches_by_workspace_actor_action_outcome_and_time() {
        AuditEntry entry = entry(new Actor.Operator(), "createApiKey", 201);
        AuditEntryFilter all = AuditEntryFilter.all(WORKSPACE);
        assertThat(all.matches(entry)).isTrue();
        assertThat(AuditEntryFilter.all(WorkspaceId.random()).matches(entry)).isFalse();
        assertThat(new AuditEntryFilter(Optional.empty(), Optional.of(ActorFilter.parse("operator")), Optional.of("createApiKey"),
                Optional.of(AuditOutcome.SUCCEEDED), Optional.of(AT), Optional.of(AT.plusSeconds(1))).matches(entry)).isTrue();
        assertThat(new AuditEntryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(AT)).matches(entry)).as("until is exclusive").isFalse();
        assertThat(new AuditEntryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(AuditOutcome.REFUSED),
                Optional.empty(), Optional.empty()).matches(entry)).isFalse();
    }
}
