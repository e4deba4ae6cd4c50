package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryAuditLog;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.ListAuditEntriesQuery;
import dev.latchkey.application.port.in.RecordAuditEntryCommand;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.ActorFilter;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryFilter;
import dev.latchkey.domain.audit.AuditTarget;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogServicesTest {
    private final MutableClock clock = MutableClock.at("2026-12-05T10:00:00.123456789Z");
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final RecordAuditEntryService record = new RecordAuditEntryService(log, clock);
    private final ListAuditEntriesService list = new ListAuditEntriesService(log);
    private final WorkspaceId acme = WorkspaceId.random();
    private final Actor key = new Actor.ApiKey(ApiKeyId.random(), "lk_test_abcd…");

    private RecordAuditEntryCommand change(WorkspaceId workspace, Actor actor, String action) {
        return new RecordAuditEntryCommand(Optional.of(workspace), actor, action,
                new AuditTarget(Optional.of("/v1/linked-accounts/cust-42"), Map.of("id", "cust-42")), 201,
                Optional.of("198.51.100.4"), Optional.of("req-7"));
    }

    @Test
    void an_entry_is_stored_at_the_clocks_time_in_microseconds_with_a_new_id() {
        AuditEntry stored = record.record(change(acme, key, "createLinkedAccount"));

        assertThat(log.all()).containsExactly(stored);
        assertThat(stored.at()).isEqualTo(Instant.parse("2026-12-05T10:00:00.123456Z"));
        assertThat(stored.actor()).isEqualTo(key);
        assertThat(record.record(change(acme, key, "createLinkedAccount")).id()).isNotEqualTo(stored.id());
    }

    @Test
    void a_store_that_cannot_take_the_entry_fails_the_recording_so_the_caller_knows_it_is_not_kept() {
        log.away(true);
        assertThatThrownBy(() -> record.record(change(acme, key, "deleteWebhook"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pages_run_newest_first_without_repeating_or_skipping_entries_appended_meanwhile() {
        List<AuditEntry> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(record.record(change(acme, key, "createLinkedAccount")));
            clock.advance(Duration.ofSeconds(1));
        }
        record.record(change(WorkspaceId.random(), key, "createLinkedAccount"));

        Page<AuditEntry> first = list.list(new ListAuditEntriesQuery(AuditEntryFilter.all(acme), 2, Optional.empty()));
        record.record(change(acme, key, "createWebhook")); // newer than every page: not in the walk below
        Page<AuditEntry> second = list.list(new ListAuditEntriesQuery(AuditEntryFilter.all(acme), 2, first.nextCursor()));
        Page<AuditEntry> third = list.list(new ListAuditEntriesQuery(AuditEntryFilter.all(acme), 2, second.nextCursor()));

        assertThat(first.items()).containsExactly(made.get(4), made.get(3));
        assertThat(second.items()).containsExactly(made.get(2), made.get(1));
        assertThat(third.items()).containsExactly(made.get(0));
        assertThat(third.nextCursor()).isEmpty();
    }

    @Test
    void filters_by_actor_and_action_and_refuses_a_bad_cursor_or_an_empty_time_range() {
        Actor session = new Actor.SessionToken(new LinkedAccountId("cust-42"));
        record.record(change(acme, key, "createLinkedAccount"));
        AuditEntry disconnect = record.record(change(acme, session, "disconnectApp"));

        AuditEntryFilter bySession = new AuditEntryFilter(Optional.of(acme), Optional.of(ActorFilter.parse("session:cust-42")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(list.list(new ListAuditEntriesQuery(bySession, 10, Optional.empty())).items()).containsExactly(disconnect);
        AuditEntryFilter byAction = new AuditEntryFilter(Optional.of(acme), Optional.empty(), Optional.of("disconnectApp"),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(list.list(new ListAuditEntriesQuery(byAction, 10, Optional.empty())).items()).containsExactly(disconnect);

        assertThatThrownBy(() -> list.list(new ListAuditEntriesQuery(AuditEntryFilter.all(acme), 10, Optional.of("bm9wZQ"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cursor");
        Instant now = clock.instant();
        AuditEntryFilter empty = new AuditEntryFilter(Optional.of(acme), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(now), Optional.of(now));
        assertThatThrownBy(() -> list.list(new ListAuditEntriesQuery(empty, 10, Optional.empty())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("until");
    }
}
