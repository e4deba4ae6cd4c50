package dev.latchkey.domain.activity;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityFilterTest {
    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final ConnectionId CONNECTION = ConnectionId.random();

    private static Activity.Builder call() {
        return Activity.of(AT, WORKSPACE, ActivityKind.PROXY).linkedAccount(new LinkedAccountId("cust-1"))
                .connector(new ConnectorSlug("hubspot")).connection(CONNECTION);
    }

    private static ActivityFilter filter(Optional<String> account, Optional<ActivityKind> kind, Optional<String> status,
                                         Optional<Instant> since, Optional<Instant> until) {
        return new ActivityFilter(WORKSPACE, account.map(LinkedAccountId::new), Optional.of(CONNECTION), Optional.of(new ConnectorSlug("hubspot")),
                kind, status.map(StatusRange::parse), since, until);
    }

    @Test
    void a_record_matches_when_every_given_criterion_does() {
        Activity failed = call().status(502).providerStatus(500).build();

        assertThat(ActivityFilter.all(WORKSPACE).matches(failed)).isTrue();
        assertThat(filter(Optional.of("cust-1"), Optional.of(ActivityKind.PROXY), Optional.of("5xx"), Optional.of(AT), Optional.of(AT.plusMillis(1)))
                .matches(failed)).isTrue();
        assertThat(ActivityFilter.all(WorkspaceId.random()).matches(failed)).as("another workspace").isFalse();
        assertThat(filter(Optional.of("cust-2"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).matches(failed)).isFalse();
        assertThat(filter(Optional.empty(), Optional.of(ActivityKind.REFRESH), Optional.empty(), Optional.empty(), Optional.empty()).matches(failed)).isFalse();
        assertThat(filter(Optional.empty(), Optional.empty(), Optional.of("500"), Optional.empty(), Optional.empty()).matches(failed))
                .as("Latchkey's own answer counts, not the provider's").isFalse();
        assertThat(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(AT.plusNanos(1000)), Optional.empty()).matches(failed))
                .as("since is inclusive, and this is after").isFalse();
        assertThat(filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(AT)).matches(failed))
                .as("until is exclusive").isFalse();
        assertThat(new ActivityFilter(WORKSPACE, Optional.empty(), Optional.of(ConnectionId.random()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()).matches(failed)).isFalse();
    }

    @Test
    void background_work_is_filtered_by_the_providers_status_and_a_record_without_any_by_no_status_filter_at_all() {
        Activity refresh = Activity.of(AT, WORKSPACE, ActivityKind.REFRESH).providerStatus(400).build();
        Activity unanswered = Activity.of(AT, WORKSPACE, ActivityKind.WEBHOOK).build();
        ActivityFilter fourHundreds = new ActivityFilter(WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(StatusRange.parse("4xx")), Optional.empty(), Optional.empty());

        assertThat(fourHundreds.matches(refresh)).isTrue();
        assertThat(fourHundreds.matches(unanswered)).isFalse();
        assertThat(ActivityFilter.all(WORKSPACE).matches(unanswered)).isTrue();
    }
}
