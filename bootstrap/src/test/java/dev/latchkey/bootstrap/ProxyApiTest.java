package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The signing proxy against a stub provider: signatures, filtering, confinement, errors, refresh on 401, streaming. */
@MicronautTest(transactional = false)
class ProxyApiTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server;
    private Map<String, String> database;
    private String key;

    @Override
    public Map<String, String> getProperties() {
        // The default read timeout (30 s): these tests are not about timeouts (ProxyTimeoutApiTest is), and a
        // short one would make a loaded machine's slow WireMock look like a silent provider.
        Map<String, String> properties = new HashMap<>(super.getProperties());
        database = properties;
        return properties;
    }

    @BeforeAll
    void connectors() {
        upstream.start();
        key = newWorkspaceKey();
        define("echo-header", Map.of("type", "api_key", "fields", List.of(field("api_key")), "placement", "header",
                "name", "X-Api-Key", "format", "{api_key}"));
        define("echo-traced", Map.of("type", "api_key", "fields", List.of(field("api_key")), "placement", "header",
                "name", "X-Api-Key", "format", "{api_key}"), true);
        define("echo-query", Map.of("type", "api_key", "fields", List.of(field("api_key")), "placement", "query",
                "name", "key", "format", "{api_key}"));
        define("echo-basic", Map.of("type", "basic", "fields", List.of(Map.of("name", "user", "label", "User"), field("password")),
                "username", "{user}", "password", "{password}"));
        define("echo-oauth", Map.of("type", "oauth2", "authorization_url", upstream.baseUrl() + "/authorize",
                "token_url", upstream.baseUrl() + "/token", "client_auth", "body"));
        assertThat(put("/v1/connectors/echo-oauth/settings", Map.of("client_id", "cid", "client_secret", "csecret"), key).status())
                .isEqualTo(200);
    }

    @AfterAll
    void stop() {
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
    }

    private static Map<String, Object> field(String name) {
        return Map.of("name", name, "label", name, "secret", true);
    }

    private void define(String slug, Map<String, Object> auth) {
        define(slug, auth, false);
    }

    /** @param propagateTrace the connector's {@code api.propagate_trace} */
    private void define(String slug, Map<String, Object> auth, boolean propagateTrace) {
        Reply reply = post("/v1/connectors", Map.of("slug", slug, "name", slug, "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", upstream.baseUrl() + "/api", "headers", Map.of("X-Api-Version", "7"), "propagate_trace", propagateTrace),
                "auth", List.of(auth)), key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    /** A linked account holding an imported connection; returns the account id. */
    private String accountWith(String connector, Map<String, String> credentials) {
        String id = "proxy-" + ACCOUNTS.incrementAndGet();
        post("/v1/linked-accounts", Map.of("id", id), key);
        Reply imported = post("/v1/linked-accounts/" + id + "/connections", Map.of("connector", connector, "credentials", credentials), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return id;
    }

    private Reply proxy(MutableHttpRequest<?> request, String account) {
        return call(request.header("X-Linked-Account-Id", account), key);
    }

    @Test
    void a_get_is_signed_forwarded_with_its_query_and_answered_unchanged() {
        String account = accountWith("echo-header", Map.of("api_key", "k-123"));
        upstream.stubFor(WireMock.get(urlPathEqualTo("/api/v2/things")).willReturn(aResponse().withStatus(207)
                .withHeader("X-Upstream", "yes").withHeader("Content-Type", "application/json").withBody("{\"things\": [1, 2]}")));

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/echo-header/v2/things?limit=2&q=a%20b"), account);

        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.text()).isEqualTo("{\"things\": [1, 2]}");
        assertThat(reply.headers().get("X-Upstream")).isEqualTo("yes");
        assertThat(reply.headers().get("X-Latchkey-Connection-Id")).isNotBlank();
        upstream.verify(getRequestedFor(urlEqualTo("/api/v2/things?limit=2&q=a%20b"))
                .withHeader("X-Api-Key", equalTo("k-123")).withHeader("X-Api-Version", equalTo("7"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void the_caller_s_credentials_cookies_and_latchkey_headers_are_not_forwarded_but_its_own_headers_are() {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        upstream.stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(200)));

        proxy(HttpRequest.GET("/v1/proxy/echo-header/x").header("Cookie", "session=abc").header("X-Latchkey-Debug", "1")
                .header("X-Custom", "kept").header("Connection", "keep-alive"), account);

        upstream.verify(getRequestedFor(urlEqualTo("/api/x")).withHeader("X-Custom", equalTo("kept"))
                .withHeader("Cookie", absent()).withHeader("X-Latchkey-Debug", absent())
                .withHeader("X-Linked-Account-Id", absent()).withHeader("Authorization", absent()));
    }

    @Test
    void with_traces_off_the_callers_trace_context_reaches_only_a_provider_whose_connector_allows_it() {
        upstream.stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(200)));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        proxy(HttpRequest.GET("/v1/proxy/echo-header/quiet").header("traceparent", traceparent).header("tracestate", "acme=1"),
                accountWith("echo-header", Map.of("api_key", "k-1")));
        proxy(HttpRequest.GET("/v1/proxy/echo-traced/told").header("traceparent", traceparent).header("tracestate", "acme=1"),
                accountWith("echo-traced", Map.of("api_key", "k-1")));

        upstream.verify(getRequestedFor(urlEqualTo("/api/quiet")).withHeader("traceparent", absent()).withHeader("tracestate", absent()));
        upstream.verify(getRequestedFor(urlEqualTo("/api/told")).withHeader("traceparent", equalTo(traceparent))
                .withHeader("tracestate", equalTo("acme=1")));
    }

    @Test
    void a_post_body_is_forwarded_and_the_status_comes_back() {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        upstream.stubFor(WireMock.post(urlEqualTo("/api/items")).willReturn(aResponse().withStatus(201).withBody("created")));

        Reply reply = proxy(HttpRequest.POST("/v1/proxy/echo-header/items", "{\"name\": \"a\"}").contentType(MediaType.APPLICATION_JSON_TYPE),
                account);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text()).isEqualTo("created");
        upstream.verify(postRequestedFor(urlEqualTo("/api/items")).withRequestBody(equalToJson("{\"name\": \"a\"}")));
    }

    @Test
    void query_placement_basic_auth_and_bearer_tokens_sign_as_declared() {
        upstream.stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(200)));

        proxy(HttpRequest.GET("/v1/proxy/echo-query/q?a=1"), accountWith("echo-query", Map.of("api_key", "qk")));
        proxy(HttpRequest.GET("/v1/proxy/echo-basic/b"), accountWith("echo-basic", Map.of("user", "ann", "password", "pw")));
        proxy(HttpRequest.GET("/v1/proxy/echo-oauth/o"), accountWith("echo-oauth", Map.of("access_token", "at-1")));

        upstream.verify(getRequestedFor(urlEqualTo("/api/q?a=1&key=qk")));
        upstream.verify(getRequestedFor(urlEqualTo("/api/b")).withHeader("Authorization", equalTo("Basic YW5uOnB3")));
        upstream.verify(getRequestedFor(urlEqualTo("/api/o")).withHeader("Authorization", equalTo("Bearer at-1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "a/../../admin", "%2e%2e/admin", "%2E%2E/admin", "%252e%252e/admin", "..%2fadmin",
            "a/%2e%2e%2f%2e%2e/admin", "..;/admin", "a%5c..%5cadmin", "%40evil.example/x", "http:%2f%2fevil.example"})
    void a_path_that_would_leave_the_api_base_is_refused_and_nothing_is_sent(String path) {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        upstream.stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withStatus(200)));

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/echo-header/" + path), account);

        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("path");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void a_double_slash_stays_a_path_under_the_api_base_and_never_names_another_host() {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        upstream.stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withStatus(200)));

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/echo-header//evil.example/x"), account);

        assertThat(reply.status()).isIn(200, 400);
        upstream.verify(0, anyRequestedFor(WireMock.urlMatching("^(?!/api/).*")));
    }

    @Test
    void an_expired_connection_is_409_without_calling_the_provider() throws Exception {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        try (Connection db = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"))) {
            db.createStatement().executeUpdate("UPDATE connections SET status = 'expired' WHERE connector = 'echo-header'");
        }

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/echo-header/x"), account);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.get("code")).isEqualTo("connection_expired");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void two_connections_of_one_connector_need_x_connection_id() {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        Reply second = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "echo-header",
                "identifier", "second", "credentials", Map.of("api_key", "k-2")), key);
        upstream.stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(200)));

        Reply ambiguous = proxy(HttpRequest.GET("/v1/proxy/echo-header/x"), account);
        Reply chosen = proxy(HttpRequest.GET("/v1/proxy/echo-header/x").header("X-Connection-Id", (String) second.get("id")), account);

        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.get("code")).isEqualTo("connection_ambiguous");
        assertThat((String) ambiguous.get("detail")).contains((String) second.get("id"));
        assertThat(chosen.status()).isEqualTo(200);
        upstream.verify(1, getRequestedFor(urlEqualTo("/api/x")).withHeader("X-Api-Key", equalTo("k-2")));
    }

    @Test
    void an_unreachable_provider_is_502() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Reply defined = post("/v1/connectors", Map.of("slug", "nowhere", "name", "Nowhere", "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", "http://127.0.0.1:" + closedPort + "/api"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(field("api_key")), "name", "X-Api-Key"))), key);
        assertThat(defined.status()).isEqualTo(201);
        Reply unreachable = proxy(HttpRequest.GET("/v1/proxy/nowhere/x"), accountWith("nowhere", Map.of("api_key", "k")));

        assertThat(unreachable.status()).isEqualTo(502);
        assertThat(unreachable.get("code")).isEqualTo("upstream_unreachable");
    }

    @Test
    void a_401_refreshes_the_token_once_and_replays_the_request_once() {
        String account = accountWith("echo-oauth", Map.of("access_token", "old-token", "refresh_token", "rt-1"));
        upstream.stubFor(WireMock.post(urlEqualTo("/api/orders")).withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(aResponse().withStatus(401)));
        upstream.stubFor(WireMock.post(urlEqualTo("/api/orders")).withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(aResponse().withStatus(201).withBody("ok")));
        upstream.stubFor(WireMock.post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"new-token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));

        Reply reply = proxy(HttpRequest.POST("/v1/proxy/echo-oauth/orders", "{\"n\": 1}").contentType(MediaType.APPLICATION_JSON_TYPE),
                account);

        assertThat(reply.status()).isEqualTo(201);
        upstream.verify(1, postRequestedFor(urlEqualTo("/token")));
        upstream.verify(2, postRequestedFor(urlEqualTo("/api/orders")).withRequestBody(equalToJson("{\"n\": 1}")));
    }

    @Test
    void a_session_token_cannot_use_the_proxy() {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");

        Reply reply = call(HttpRequest.GET("/v1/proxy/echo-header/x").header("X-Linked-Account-Id", account), session);

        assertThat(reply.status()).isEqualTo(403);
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void another_workspace_cannot_reach_an_account_s_connection() {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));

        Reply reply = call(HttpRequest.GET("/v1/proxy/echo-header/x").header("X-Linked-Account-Id", account), newWorkspaceKey());

        assertThat(reply.status()).isEqualTo(404);
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void a_large_download_streams_through_whole() throws Exception {
        String account = accountWith("echo-header", Map.of("api_key", "k-1"));
        byte[] payload = new byte[32 * 1024 * 1024];
        new java.util.Random(7).nextBytes(payload);
        upstream.stubFor(WireMock.get(urlEqualTo("/api/file")).willReturn(aResponse().withStatus(200).withBody(payload)));

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/proxy/echo-header/file"))
                        .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream in = response.body()) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }


    @Test
    void a_large_upload_streams_through_whole_and_a_401_to_it_is_passed_back_not_replayed() throws Exception {
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer counting = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        counting.createContext("/api/upload", exchange -> {
            calls.incrementAndGet();
            long n = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int r; (r = in.read(buffer)) > 0; ) {
                    n += r;
                }
            }
            received.set(n);
            boolean authorized = "Bearer good".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = String.valueOf(n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        counting.start();
        try {
            String base = "http://127.0.0.1:" + counting.getAddress().getPort() + "/api";
            for (String slug : List.of("uploads", "uploads-401")) {
                assertThat(post("/v1/connectors", Map.of("slug", slug, "name", slug, "categories", List.of("test"),
                        "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs", "api", Map.of("base_url", base),
                        "auth", List.of(Map.of("type", "oauth2", "authorization_url", upstream.baseUrl() + "/authorize",
                                "token_url", upstream.baseUrl() + "/token", "client_auth", "body"))), key).status()).isEqualTo(201);
                put("/v1/connectors/" + slug + "/settings", Map.of("client_id", "cid", "client_secret", "cs"), key);
            }
            byte[] payload = new byte[40 * 1024 * 1024];
            new java.util.Random(3).nextBytes(payload);

            HttpResponse<String> ok = upload("uploads", accountWith("uploads", Map.of("access_token", "good")), payload);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(String.valueOf(payload.length));

            calls.set(0);
            HttpResponse<String> refused = upload("uploads-401", accountWith("uploads-401", Map.of("access_token", "stale",
                    "refresh_token", "rt")), payload);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(calls.get()).as("a streamed body is sent once").isEqualTo(1);
            upstream.verify(0, postRequestedFor(urlEqualTo("/token")));
        } finally {
            counting.stop(0);
        }
    }

    private HttpResponse<String> upload(String slug, String account, byte[] payload) throws Exception {
        return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/proxy/" + slug + "/upload"))
                        .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account)
                        .header("Content-Type", "application/octet-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
