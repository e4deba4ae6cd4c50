package dev.latchkey.adapters.metrics;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerActivityRecorderTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> catalog = Set.of("hubspot", "github");
    private final MicrometerActivityRecorder recorder = new MicrometerActivityRecorder(registry, slug -> catalog.contains(slug.value()));
    private final WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());

    private Activity.Builder activity(ActivityKind kind, String connector) {
        return Activity.of(Instant.EPOCH, workspace, kind).connector(new ConnectorSlug(connector))
                .linkedAccount(new LinkedAccountId("cust-42")).connection(ConnectionId.random()).duration(Duration.ofMillis(40));
    }

    @Test
    void proxied_requests_are_counted_by_connector_and_status_class() {
        recorder.record(activity(ActivityKind.PROXY, "hubspot").providerStatus(500).status(500).build());
        recorder.record(activity(ActivityKind.PROXY, "hubspot").providerStatus(503).status(503).build());
        recorder.record(activity(ActivityKind.PROXY, "hubspot").providerStatus(200).status(200).build());
        recorder.record(activity(ActivityKind.PROXY, "github").status(502).problemCode("provider_unreachable").build());

        String scrape = registry.scrape();
        assertThat(scrape).contains("latchkey_proxy_requests_total{connector=\"hubspot\",status_class=\"5xx\"} 2.0")
                .contains("latchkey_proxy_requests_total{connector=\"hubspot\",status_class=\"2xx\"} 1.0")
                .contains("latchkey_proxy_requests_total{connector=\"github\",status_class=\"5xx\"} 1.0")
                .contains("latchkey_proxy_duration_seconds_bucket{connector=\"hubspot\",le=\"0.05\"} 3")
                .contains("latchkey_proxy_duration_seconds_bucket{connector=\"hubspot\",le=\"0.025\"} 0")
                .contains("latchkey_proxy_duration_seconds_count{connector=\"hubspot\"} 3");
    }

    @Test
    void the_providers_time_is_a_histogram_of_its_own_by_connector_and_the_providers_status_class() {
        recorder.record(activity(ActivityKind.PROXY, "hubspot").providerStatus(200).status(200).providerDuration(Duration.ofMillis(20)).build());
        recorder.record(activity(ActivityKind.PROXY, "hubspot").providerStatus(503).status(503).providerDuration(Duration.ofMillis(700)).build());
        recorder.record(activity(ActivityKind.PROXY, "hubspot").status(502).problemCode("provider_unreachable").build());

        String scrape = registry.scrape();
        assertThat(scrape).contains("latchkey_provider_duration_seconds_bucket{connector=\"hubspot\",status_class=\"2xx\",le=\"0.025\"} 1")
                .contains("latchkey_provider_duration_seconds_count{connector=\"hubspot\",status_class=\"2xx\"} 1")
                .contains("latchkey_provider_duration_seconds_bucket{connector=\"hubspot\",status_class=\"5xx\",le=\"0.5\"} 0")
                .contains("latchkey_provider_duration_seconds_count{connector=\"hubspot\",status_class=\"5xx\"} 1")
                // A provider that never answered took no time of its own: the call is in Latchkey's histogram only.
                .doesNotContain("latchkey_provider_duration_seconds_count{connector=\"hubspot\",status_class=\"none\"}")
                .contains("latchkey_proxy_duration_seconds_count{connector=\"hubspot\"} 3");
    }

    @Test
    void a_private_connector_is_one_label_and_no_id_ever_is_one() {
        Activity privateCall = activity(ActivityKind.PROXY, "acme-internal-crm").status(200).build();
        recorder.record(privateCall);
        recorder.record(activity(ActivityKind.PROXY, "another-private-one").status(200).build());

        String scrape = registry.scrape();
        assertThat(scrape).contains("latchkey_proxy_requests_total{connector=\"private\",status_class=\"2xx\"} 2.0")
                .doesNotContain("acme-internal-crm").doesNotContain("cust-42")
                .doesNotContain(privateCall.connection().orElseThrow().toString())
                .doesNotContain(workspace.toString()).doesNotContain(workspace.value().toString());
    }

    @Test
    void refreshes_are_counted_by_outcome() {
        recorder.record(activity(ActivityKind.REFRESH, "hubspot").providerStatus(200).build());
        recorder.record(activity(ActivityKind.REFRESH, "hubspot").providerStatus(400).problemCode("refresh_failed").error("invalid_grant").build());
        recorder.record(activity(ActivityKind.REFRESH, "hubspot").problemCode("provider_unreachable").build());

        assertThat(registry.scrape()).contains("latchkey_refreshes_total{connector=\"hubspot\",outcome=\"success\"} 1.0")
                .contains("latchkey_refreshes_total{connector=\"hubspot\",outcome=\"rejected\"} 1.0")
                .contains("latchkey_refreshes_total{connector=\"hubspot\",outcome=\"failed\"} 1.0")
                .contains("latchkey_refresh_duration_seconds_count{connector=\"hubspot\"} 3");
    }

    @Test
    void a_refresh_recorded_as_the_refresh_service_records_it_counts_as_rejected_or_failed_by_its_problem_code() {
        recorder.record(activity(ActivityKind.REFRESH, "github").problemCode("refresh_rejected").error("invalid_grant").build());
        recorder.record(activity(ActivityKind.REFRESH, "github").problemCode("provider_unavailable").error("unavailable").build());

        assertThat(registry.scrape()).contains("latchkey_refreshes_total{connector=\"github\",outcome=\"rejected\"} 1.0")
                .contains("latchkey_refreshes_total{connector=\"github\",outcome=\"failed\"} 1.0");
    }

    @Test
    void webhook_deliveries_are_counted_by_outcome() {
        recorder.record(Activity.of(Instant.EPOCH, workspace, ActivityKind.WEBHOOK).providerStatus(204).build());
        recorder.record(Activity.of(Instant.EPOCH, workspace, ActivityKind.WEBHOOK).providerStatus(500).build());
        recorder.record(Activity.of(Instant.EPOCH, workspace, ActivityKind.WEBHOOK).error("connection refused").build());

        assertThat(registry.scrape()).contains("latchkey_webhook_deliveries_total{outcome=\"delivered\"} 1.0")
                .contains("latchkey_webhook_deliveries_total{outcome=\"failed\"} 2.0")
                .contains("latchkey_webhook_delivery_duration_seconds_count 3");
    }

    @Test
    void the_same_connector_and_status_class_reuse_one_meter() {
        for (int i = 0; i < 1000; i++) {
            recorder.record(activity(ActivityKind.PROXY, "hubspot").status(200 + i % 100).build());
        }
        assertThat(registry.find("latchkey.proxy.requests").counters()).hasSize(6);
        assertThat(registry.get("latchkey.proxy.requests").tag("status_class", "2xx").counter().count()).isEqualTo(1000);
    }
}
