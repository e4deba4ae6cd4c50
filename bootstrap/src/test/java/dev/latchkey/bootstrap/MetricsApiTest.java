package dev.latchkey.bootstrap;

import dev.latchkey.adapters.metrics.OperationsGauges;
import dev.latchkey.application.port.in.RecordActivityUseCase;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /metrics on the API's port: the operator's token only, and what a Prometheus needs in it. */
@MicronautTest(transactional = false)
class MetricsApiTest extends ApiTest {
    @Inject
    RecordActivityUseCase activities;
    @Inject
    OperationsGauges gauges;

    @Override
    protected boolean checksContract() {
        return true;
    }

    @Test
    void metrics_take_the_admin_token() {
        assertProblem(get("/metrics", null), 401, "unauthorized");
        assertProblem(get("/metrics", "not-the-admin-token-0123456789abcdef0123"), 401, "unauthorized");
        assertProblem(get("/metrics", newWorkspaceKey()), 403, "admin_token_required");

        Reply reply = get("/metrics", ADMIN_TOKEN);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
    }

    @Test
    void the_activity_stream_the_database_and_the_runtime_are_all_in_the_scrape_without_ids() {
        WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());
        ConnectionId connection = ConnectionId.random();
        activities.record(Activity.of(Instant.now(), workspace, ActivityKind.PROXY).connector(new ConnectorSlug("hubspot"))
                .linkedAccount(new LinkedAccountId("metrics-cust-7")).connection(connection)
                .providerStatus(500).status(500).duration(Duration.ofMillis(30)).providerDuration(Duration.ofMillis(20)).build());
        activities.record(Activity.of(Instant.now(), workspace, ActivityKind.REFRESH).connector(new ConnectorSlug("hubspot"))
                .connection(connection).providerStatus(400).problemCode("refresh_failed").error("invalid_grant").build());
        activities.record(Activity.of(Instant.now(), workspace, ActivityKind.WEBHOOK).providerStatus(200).build());
        gauges.refresh();

        String scrape = get("/metrics", ADMIN_TOKEN).text();

        assertThat(scrape)
                .contains("latchkey_proxy_requests_total{connector=\"hubspot\",status_class=\"5xx\"}")
                .contains("latchkey_proxy_duration_seconds_bucket{connector=\"hubspot\",le=\"0.05\"}")
                .contains("latchkey_provider_duration_seconds_bucket{connector=\"hubspot\",status_class=\"5xx\",le=\"0.025\"}")
                .contains("latchkey_refreshes_total{connector=\"hubspot\",outcome=\"rejected\"}")
                .contains("latchkey_webhook_deliveries_total{outcome=\"delivered\"}")
                .contains("latchkey_connections{status=\"active\"}")
                .contains("latchkey_webhook_outbox_pending ")
                .contains("latchkey_webhook_outbox_oldest_pending_age_seconds ")
                .contains("latchkey_database_up 1.0")
                .contains("latchkey_activity_log_dropped_total ")
                .contains("latchkey_api_key_cache_total{result=\"hit\"}")
                .contains("hikaricp_connections_pending")
                .contains("hikaricp_connections_acquire_seconds")
                .contains("jvm_memory_used_bytes")
                .contains("process_cpu_usage")
                .doesNotContain("metrics-cust-7")
                .doesNotContain(connection.value().toString())
                .doesNotContain(workspace.value().toString());
    }

    @Test
    void every_metric_the_alerts_and_the_dashboard_use_is_exported() throws Exception {
        activities.record(Activity.of(Instant.now(), new WorkspaceId(UUID.randomUUID()), ActivityKind.PROXY)
                .connector(new ConnectorSlug("github")).status(200).build());
        activities.record(Activity.of(Instant.now(), new WorkspaceId(UUID.randomUUID()), ActivityKind.REFRESH)
                .connector(new ConnectorSlug("github")).providerStatus(200).build());
        activities.record(Activity.of(Instant.now(), new WorkspaceId(UUID.randomUUID()), ActivityKind.WEBHOOK).providerStatus(500).build());
        gauges.refresh();
        String scrape = get("/metrics", ADMIN_TOKEN).text();

        OpsFiles ops = OpsFiles.read();
        assertThat(ops.alertNames()).contains("LatchkeyRefreshFailureRate", "LatchkeyWebhookOutboxAge", "LatchkeyProxy5xxRate", "LatchkeyDatabaseUnavailable");
        assertThat(ops.dashboardPanels()).isGreaterThanOrEqualTo(10);
        assertThat(ops.metricNames()).isNotEmpty().allSatisfy(name -> assertThat(OpsFiles.exported(scrape, name))
                .as("%s (used in ops/) is exported by /metrics", name).isTrue());
    }
}
