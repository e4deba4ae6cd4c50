package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer connecting apps, end to end: OAuth with PKCE against a real OAuth2 server
 * (mock-oauth2-server), and a key-based app verified against a stub provider (WireMock).
 */
@MicronautTest(transactional = false)
class ConnectFlowApiTest extends ApiTest {

    private static final String PUBLIC_URL = "https://latchkey.example";
    private static final String APP_ORIGIN = "https://app.example.com";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Map<String, String> database;
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        database = properties;
        properties.put("latchkey.public-url", PUBLIC_URL);
        // The callback's redirect leads to the company's app, which the test only reads.
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @BeforeAll
    void providers() {
        oauth.start();
        provider.start();
        key = newWorkspaceKey();
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of(APP_ORIGIN)), key).status()).isEqualTo(200);
        Reply oauthConnector = post("/v1/connectors", oauthConnector("acme-oauth"), key);
        assertThat(oauthConnector.status()).as(oauthConnector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/acme-oauth/settings", Map.of("client_id", "latchkey-client", "client_secret", "s3cret"), key)
                .status()).isEqualTo(200);
        Reply keyConnector = post("/v1/connectors", keyConnector("acme-keys"), key);
        assertThat(keyConnector.status()).as(keyConnector.text()).isEqualTo(201);
    }

    @AfterAll
    void stopProviders() {
        oauth.shutdown();
        provider.stop();
    }

    @BeforeEach
    void stubs() {
        provider.resetAll();
        provider.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer good-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"email\": \"ops@acme.example\"}")));
        provider.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer wrong-key"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Invalid API key\"}")));
    }

    private Map<String, Object> oauthConnector(String slug) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", oauth.authorizationEndpointUrl("acme").toString());
        auth.put("token_url", oauth.tokenEndpointUrl("acme").toString());
        auth.put("scopes", List.of("openid", "profile"));
        auth.put("client_auth", "body");
        return Map.of("slug", slug, "name", "Acme OAuth", "categories", List.of("crm"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth));
    }

    private Map<String, Object> keyConnector(String slug) {
        Map<String, Object> auth = Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true)),
                "placement", "header", "name", "Authorization", "format", "Bearer {api_key}");
        return Map.of("slug", slug, "name", "Acme Keys", "categories", List.of("support"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth),
                "verify", Map.of("method", "GET", "path", "/me", "expect_status", 200),
                "identity", Map.of("method", "GET", "path", "/me", "pointer", "/email"));
    }

    /** A new linked account and a session token for it. */
    private String customerSession() {
        String id = "cust-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        return (String) post("/v1/session-tokens", Map.of("linked_account_id", id), key).get("token");
    }

    /** What the customer's browser does at the provider: consent, and come back with code and state. */
    private Map<String, String> authorizeAtProvider(String authorizationUrl) throws Exception {
        HttpResponse<String> consent = browser.send(java.net.http.HttpRequest.newBuilder(URI.create(authorizationUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(302);
        URI back = URI.create(consent.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(PUBLIC_URL + "/oauth/callback");
        return query(back);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return values;
    }

    private Reply callback(String query) {
        return call(HttpRequest.GET("/oauth/callback?" + query));
    }

    private Reply startOAuth(String session, String mode) {
        Reply started = post("/v1/apps/acme-oauth/connect", Map.of("mode", mode, "return_url", APP_ORIGIN + "/integrations?tab=crm"), session);
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.get("type")).isEqualTo("redirect");
        return started;
    }

    @Test
    void oauth_in_redirect_mode_connects_with_pkce_and_returns_to_the_app() throws Exception {
        String session = customerSession();
        Reply started = startOAuth(session, "redirect");
        String authorizationUrl = (String) started.get("authorization_url");
        assertThat(authorizationUrl).contains("code_challenge=").contains("code_challenge_method=S256").contains("client_id=latchkey-client")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(PUBLIC_URL + "/oauth/callback", StandardCharsets.UTF_8));

        Map<String, String> back = authorizeAtProvider(authorizationUrl);
        Reply result = callback("code=" + back.get("code") + "&state=" + back.get("state"));

        assertThat(result.status()).isEqualTo(302);
        String location = result.headers().get("Location");
        assertThat(location).startsWith(APP_ORIGIN + "/integrations?tab=crm&latchkey_status=connected&connector=acme-oauth&connection_id=");
        Reply app = get("/v1/apps/acme-oauth", session);
        assertThat(app.get("connected")).isEqualTo(true);
        assertThat(app.get("status")).isEqualTo("active");
        Map<String, Object> connection = app.list("connections").get(0);
        assertThat(location).endsWith("connection_id=" + connection.get("id"));
        assertThat(connection).containsEntry("auth_type", "oauth2").containsEntry("status", "active").doesNotContainKey("credentials");
        assertThat(app.text()).doesNotContain("access_token").doesNotContain("refresh_token");
        assertThat(rawCiphertext((String) connection.get("id"))).doesNotContain("eyJ");
    }

    @Test
    void oauth_in_popup_mode_answers_a_page_that_posts_the_result_to_the_allowed_origin_only() throws Exception {
        String session = customerSession();
        Map<String, String> back = authorizeAtProvider((String) startOAuth(session, "popup").get("authorization_url"));

        Reply page = callback("code=" + back.get("code") + "&state=" + back.get("state"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("Content-Type")).startsWith("text/html");
        assertThat(page.headers().get("Content-Security-Policy")).contains("script-src 'nonce-").contains("frame-ancestors 'none'");
        assertThat(page.text()).contains("postMessage").contains("\"" + APP_ORIGIN + "\"").contains("\"status\":\"connected\"")
                .contains("\"source\":\"latchkey\"").doesNotContain("\"*\"");
        assertThat(get("/v1/apps/acme-oauth", session).get("connected")).isEqualTo(true);
    }

    @Test
    void a_replayed_state_is_refused_and_stores_nothing_more() throws Exception {
        String session = customerSession();
        Map<String, String> back = authorizeAtProvider((String) startOAuth(session, "redirect").get("authorization_url"));
        String query = "code=" + back.get("code") + "&state=" + back.get("state");
        assertThat(callback(query).headers().get("Location")).contains("latchkey_status=connected");

        Reply replay = callback(query);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.text()).contains("expired or was already used");
        assertThat(get("/v1/apps/acme-oauth", session).list("connections")).hasSize(1);
    }

    @Test
    void an_expired_state_is_refused_and_stores_nothing() throws Exception {
        String session = customerSession();
        Map<String, String> back = authorizeAtProvider((String) startOAuth(session, "redirect").get("authorization_url"));
        try (Connection db = database()) {
            // Ten minutes pass: the authorization in flight is past its expiry.
            db.createStatement().executeUpdate("UPDATE pending_authorizations SET expires_at = now() - interval '1 second'");
        }

        Reply expired = callback("code=" + back.get("code") + "&state=" + back.get("state"));

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.text()).contains("expired or was already used");
        assertThat(get("/v1/apps/acme-oauth", session).get("connected")).isEqualTo(false);
    }

    @Test
    void an_unknown_or_tampered_state_is_an_error_page_and_stores_nothing() throws Exception {
        String session = customerSession();
        Map<String, String> back = authorizeAtProvider((String) startOAuth(session, "redirect").get("authorization_url"));

        Reply tampered = callback("code=" + back.get("code") + "&state=" + back.get("state") + "x");
        Reply missing = callback("code=" + back.get("code"));

        assertThat(tampered.text()).contains("expired or was already used");
        assertThat(missing.text()).contains("expired or was already used");
        assertThat(get("/v1/apps/acme-oauth", session).get("connected")).isEqualTo(false);
    }

    @Test
    void the_provider_s_access_denied_is_reported_to_the_app_and_stores_nothing() throws Exception {
        String session = customerSession();
        Map<String, String> back = authorizeAtProvider((String) startOAuth(session, "redirect").get("authorization_url"));

        Reply denied = callback("error=access_denied&state=" + back.get("state"));

        assertThat(denied.headers().get("Location")).contains("latchkey_status=error").contains("error=access_denied");
        assertThat(get("/v1/apps/acme-oauth", session).get("connected")).isEqualTo(false);
    }

    @Test
    void a_failed_code_exchange_is_an_error_result_and_stores_nothing() throws Exception {
        String session = customerSession();
        Map<String, String> first = authorizeAtProvider((String) startOAuth(session, "redirect").get("authorization_url"));
        Map<String, String> second = authorizeAtProvider((String) startOAuth(session, "redirect").get("authorization_url"));

        // The first authorization's code with the second's state: the provider checks PKCE and refuses it.
        Reply failed = callback("code=" + first.get("code") + "&state=" + second.get("state"));

        assertThat(failed.headers().get("Location")).contains("latchkey_status=error").contains("error=exchange_failed");
        assertThat(get("/v1/apps/acme-oauth", session).get("connected")).isEqualTo(false);
    }

    @Test
    void a_return_url_outside_the_allowed_origins_is_refused_before_anything_starts() {
        Reply reply = post("/v1/apps/acme-oauth/connect", Map.of("mode", "redirect", "return_url", "https://evil.example/steal"), customerSession());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("return_url");
    }

    @Test
    void an_oauth_connector_without_the_company_s_oauth_app_cannot_be_connected() {
        assertThat(post("/v1/connectors", oauthConnector("acme-unconfigured"), key).status()).isEqualTo(201);

        Reply reply = post("/v1/apps/acme-unconfigured/connect", Map.of("mode", "popup"), customerSession());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.get("code")).isEqualTo("oauth_client_missing");
        assertThat((String) reply.get("detail")).contains(PUBLIC_URL + "/oauth/callback");
    }

    @Test
    void a_key_based_app_is_verified_labelled_and_connected_and_the_same_identity_reconnects_in_place() {
        String session = customerSession();

        Reply first = post("/v1/apps/acme-keys/connect", Map.of("credentials", Map.of("api_key", "good-key")), session);
        Reply again = post("/v1/apps/acme-keys/connect", Map.of("credentials", Map.of("api_key", "good-key")), session);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) first.get("connection");
        assertThat(connection).containsEntry("identifier", "ops@acme.example").containsEntry("auth_type", "api_key");
        assertThat(first.text()).doesNotContain("good-key");
        @SuppressWarnings("unchecked")
        Map<String, Object> reconnected = (Map<String, Object>) again.get("connection");
        assertThat(reconnected.get("id")).isEqualTo(connection.get("id"));
        assertThat(get("/v1/apps/acme-keys", session).list("connections")).hasSize(1);
        assertThat(rawCiphertext((String) connection.get("id"))).doesNotContain("good-key");
    }

    @Test
    void credentials_the_provider_refuses_are_422_with_its_words_and_nothing_is_saved() {
        String session = customerSession();

        Reply reply = post("/v1/apps/acme-keys/connect", Map.of("credentials", Map.of("api_key", "wrong-key")), session);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.get("code")).isEqualTo("credentials_rejected");
        assertThat((String) reply.get("detail")).contains("Invalid API key").doesNotContain("wrong-key");
        assertThat(get("/v1/apps/acme-keys", session).get("connected")).isEqualTo(false);
    }

    @Test
    void missing_and_unknown_credential_fields_are_named() {
        Reply reply = post("/v1/apps/acme-keys/connect", Map.of("credentials", Map.of("token", "x")), customerSession());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("credentials.token", "credentials.api_key");
    }

    @Test
    void disconnect_deletes_the_connection_and_the_backend_sees_the_same_connections() {
        String id = "cust-backend-" + ACCOUNTS.incrementAndGet();
        post("/v1/linked-accounts", Map.of("id", id), key);
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", id), key).get("token");
        @SuppressWarnings("unchecked")
        String connectionId = (String) ((Map<String, Object>) post("/v1/apps/acme-keys/connect",
                Map.of("credentials", Map.of("api_key", "good-key")), session).get("connection")).get("id");

        Reply listed = get("/v1/linked-accounts/" + id + "/connections", key);
        assertThat(listed.list("data")).extracting(c -> c.get("id")).containsExactly(connectionId);
        assertThat(get("/v1/linked-accounts/" + id + "/connections/" + connectionId, key).get("identifier")).isEqualTo("ops@acme.example");

        assertThat(delete("/v1/apps/acme-oauth/connections/" + connectionId, session).status()).as("wrong app").isEqualTo(404);
        assertThat(delete("/v1/apps/acme-keys/connections/" + connectionId, session).status()).isEqualTo(204);
        assertThat(get("/v1/linked-accounts/" + id + "/connections", key).list("data")).isEmpty();
    }

    @Test
    void the_backend_imports_oauth_tokens_and_deleting_the_account_leaves_no_connection() throws Exception {
        String id = "cust-import-" + ACCOUNTS.incrementAndGet();
        post("/v1/linked-accounts", Map.of("id", id), key);

        Reply imported = post("/v1/linked-accounts/" + id + "/connections", Map.of("connector", "acme-oauth",
                "credentials", Map.of("access_token", "imported-access", "refresh_token", "imported-refresh",
                        "expires_at", "2030-01-01T00:00:00Z", "scope", "openid profile")), key);

        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.get("scopes")).isEqualTo(List.of("openid", "profile"));
        assertThat(imported.text()).doesNotContain("imported-access");
        String connectionId = (String) imported.get("id");
        assertThat(rawCiphertext(connectionId)).doesNotContain("imported-access");

        assertThat(delete("/v1/linked-accounts/" + id, key).status()).isEqualTo(204);
        try (Connection db = database();
             ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM connections WHERE id = '" + connectionId + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void another_workspace_sees_none_of_it() {
        String id = "cust-tenancy-" + ACCOUNTS.incrementAndGet();
        post("/v1/linked-accounts", Map.of("id", id), key);
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", id), key).get("token");
        @SuppressWarnings("unchecked")
        String connectionId = (String) ((Map<String, Object>) post("/v1/apps/acme-keys/connect",
                Map.of("credentials", Map.of("api_key", "good-key")), session).get("connection")).get("id");
        String other = newWorkspaceKey();

        assertThat(get("/v1/connectors/acme-keys", other).status()).isEqualTo(404);
        assertThat(get("/v1/linked-accounts/" + id + "/connections", other).status()).isEqualTo(404);
        assertThat(get("/v1/linked-accounts/" + id + "/connections/" + connectionId, other).status()).isEqualTo(404);
        assertThat(delete("/v1/linked-accounts/" + id + "/connections/" + connectionId, other).status()).isEqualTo(404);
        assertThat(call(HttpRequest.GET("/v1/apps").header("X-Linked-Account-Id", id), other).status()).isEqualTo(404);
        assertThat(get("/v1/linked-accounts/" + id + "/connections/" + connectionId, key).status()).isEqualTo(200);

        String otherSession = customerSession();
        assertThat(delete("/v1/apps/acme-keys/connections/" + connectionId, otherSession).status()).isEqualTo(404);
        assertThat(get("/v1/linked-accounts/" + id + "/connections", key).list("data")).hasSize(1);
    }

    @Test
    void the_api_key_acts_for_the_account_named_in_the_header() {
        String id = "cust-header-" + ACCOUNTS.incrementAndGet();
        post("/v1/linked-accounts", Map.of("id", id), key);

        Reply without = get("/v1/apps", key);
        Reply with = call(HttpRequest.GET("/v1/apps").header("X-Linked-Account-Id", id), key);

        assertThat(without.status()).isEqualTo(400);
        assertThat(without.errorFields()).containsExactly("X-Linked-Account-Id");
        assertThat(with.status()).isEqualTo(200);
        // github connects only through its consent page, and this workspace has not set its OAuth app: not offered
        assertThat(with.list("data")).extracting(a -> a.get("slug")).contains("acme-keys", "acme-oauth", "stripe").doesNotContain("github");
    }

    /** A plain JDBC connection to the service's database, to look at what is really stored. */
    private Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
    }

    private String rawCiphertext(String connectionId) {
        try (Connection db = database();
             ResultSet row = db.createStatement().executeQuery(
                     "SELECT credentials_ciphertext FROM connections WHERE id = '" + connectionId + "'")) {
            assertThat(row.next()).isTrue();
            return new String(row.getBytes(1), StandardCharsets.ISO_8859_1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
