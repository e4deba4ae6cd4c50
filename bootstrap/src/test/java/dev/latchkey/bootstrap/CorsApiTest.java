package dev.latchkey.bootstrap;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDKs call the session endpoints from the company's origin: CORS for its allowed origins only, never with credentials. */
@MicronautTest(transactional = false)
class CorsApiTest extends ApiTest {
    private static final String APP_ORIGIN = "https://app.acme.example";
    private static final String OTHER_ORIGIN = "https://evil.example";

    private String key;
    private String session;
    private String otherWorkspaceSession;

    /**
     * The test server listens on localhost, and Micronaut forbids requests from other origins to a
     * localhost server (drive-by-localhost protection); a deployed Latchkey is not on localhost.
     */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.cors.localhost-pass-through", "true");
        return properties;
    }

    @BeforeAll
    void workspaces() {
        key = newWorkspaceKey();
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of(APP_ORIGIN)), key).status()).isEqualTo(200);
        session = sessionFor(key);
        // Another workspace that allows a different origin: its setting must not open this one's doors.
        String otherKey = newWorkspaceKey();
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of(OTHER_ORIGIN)), otherKey).status()).isEqualTo(200);
        otherWorkspaceSession = sessionFor(otherKey);
    }

    private String sessionFor(String apiKey) {
        assertThat(post("/v1/linked-accounts", Map.of("id", "cust-cors"), apiKey).status()).isEqualTo(201);
        return (String) post("/v1/session-tokens", Map.of("linked_account_id", "cust-cors"), apiKey).get("token");
    }

    private Reply fromOrigin(HttpMethod method, String uri, String origin, String bearer) {
        var request = HttpRequest.create(method, uri).header(HttpHeaders.ORIGIN, origin);
        return call(request, bearer);
    }

    @Test
    void a_preflight_is_answered_without_a_token_with_the_methods_headers_and_max_age() {
        for (String uri : List.of("/v1/apps", "/v1/apps/acme/config", "/v1/session", "/v1/branding")) {
            Reply preflight = call(HttpRequest.OPTIONS(uri).header(HttpHeaders.ORIGIN, APP_ORIGIN)
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PUT")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type"));

            assertThat(preflight.status()).as(uri).isEqualTo(204);
            assertThat(preflight.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(APP_ORIGIN);
            assertThat(preflight.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)).contains("GET", "POST", "PUT", "DELETE");
            assertThat(preflight.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)).contains("Authorization", "Content-Type");
            assertThat(preflight.headers().get(HttpHeaders.ACCESS_CONTROL_MAX_AGE)).isEqualTo("600");
            assertThat(preflight.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();
        }
    }

    @Test
    void a_session_response_allows_an_origin_of_the_tokens_workspace() {
        Reply apps = fromOrigin(HttpMethod.GET, "/v1/apps", APP_ORIGIN, session);

        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(APP_ORIGIN);
        assertThat(apps.headers().getAll(HttpHeaders.VARY)).anySatisfy(v -> assertThat(v).containsIgnoringCase("Origin"));
        assertThat(apps.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();
        assertThat(fromOrigin(HttpMethod.GET, "/v1/session", APP_ORIGIN, session).headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                .isEqualTo(APP_ORIGIN);
        // An error answer reaches the allowed origin too, so the SDK can read its problem.
        Reply missing = fromOrigin(HttpMethod.GET, "/v1/apps/no-such-app", APP_ORIGIN, session);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(APP_ORIGIN);
    }

    @Test
    void another_origin_gets_no_cors_header_even_when_another_workspace_allows_it() {
        Reply apps = fromOrigin(HttpMethod.GET, "/v1/apps", OTHER_ORIGIN, session);

        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
        assertThat(apps.headers().getAll(HttpHeaders.VARY)).anySatisfy(v -> assertThat(v).containsIgnoringCase("Origin"));
        assertThat(fromOrigin(HttpMethod.GET, "/v1/apps", APP_ORIGIN, otherWorkspaceSession).headers()
                .get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
    }

    @Test
    void an_api_key_caller_gets_no_cors_header_since_keys_never_belong_in_a_browser() {
        Reply apps = call(HttpRequest.GET("/v1/apps").header(HttpHeaders.ORIGIN, APP_ORIGIN).header("X-Linked-Account-Id", "cust-cors"), key);

        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
    }

    @Test
    void an_expired_or_missing_token_is_readable_as_401_so_the_sdk_can_fetch_a_new_one() {
        Reply refused = fromOrigin(HttpMethod.GET, "/v1/apps", APP_ORIGIN, "not-a-token");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(APP_ORIGIN);
        assertThat(refused.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();
    }

    @Test
    void endpoints_outside_the_session_api_answer_no_cors() {
        Reply preflight = call(HttpRequest.OPTIONS("/v1/linked-accounts").header(HttpHeaders.ORIGIN, APP_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"));
        Reply accounts = fromOrigin(HttpMethod.GET, "/v1/linked-accounts", APP_ORIGIN, key);

        assertThat(preflight.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
        assertThat(accounts.headers().get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
    }
}
