package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LATCHKEY_METRICS_PORT: the scrape without authentication on a port of its own that serves nothing
 * else. Without LATCHKEY_ADMIN_TOKEN, /metrics on the API's port does not exist.
 */
@MicronautTest(transactional = false)
class MetricsPortApiTest extends ApiTest {
    private static final int METRICS_PORT = freeMetricsPort();
    private final HttpClient plain = HttpClient.newHttpClient();

    private static int freeMetricsPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.remove("latchkey.admin-token");
        properties.put("latchkey.metrics-port", String.valueOf(METRICS_PORT));
        return properties;
    }

    private HttpResponse<String> onMetricsPort(String method, String path) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_metrics_port_answers_the_scrape_without_credentials() throws Exception {
        HttpResponse<String> scrape = onMetricsPort("GET", "/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body()).contains("latchkey_database_up").contains("jvm_memory_used_bytes");
    }

    @Test
    void the_metrics_port_serves_nothing_but_the_scrape() throws Exception {
        assertThat(onMetricsPort("GET", "/v1/linked-accounts").statusCode()).isEqualTo(404);
        assertThat(onMetricsPort("GET", "/health").statusCode()).isEqualTo(404);
        assertThat(onMetricsPort("POST", "/metrics").statusCode()).isEqualTo(405);
    }

    @Test
    void without_an_admin_token_the_api_port_has_no_metrics() {
        assertProblem(get("/metrics", null), 404, "not_found");
        assertProblem(get("/metrics", ADMIN_TOKEN), 404, "not_found");
    }
}
