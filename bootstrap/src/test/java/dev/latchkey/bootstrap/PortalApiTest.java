package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Connect links, the portal's session cookie and its refusals, and the branding API, over HTTP. */
@MicronautTest(transactional = false)
class PortalApiTest extends ApiTest {
    private static final String PUBLIC_URL = "https://latchkey.example";
    private static final String APP_ORIGIN = "https://app.example.com";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.public-url", PUBLIC_URL);
        properties.put("micronaut.http.client.follow-redirects", "false");
        // A random port: other builds on this machine may hold 8080.
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of(APP_ORIGIN)), key).status()).isEqualTo(200);
    }

    private String account() {
        String id = "cust-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        return id;
    }

    private String code(Reply link) {
        String url = (String) link.get("url");
        assertThat(url).startsWith(PUBLIC_URL + "/connect/");
        return url.substring((PUBLIC_URL + "/connect/").length());
    }

    @Test
    void a_link_is_created_for_an_account_with_a_default_lifetime_of_an_hour() {
        Reply link = post("/v1/connect-links", Map.of("linked_account_id", account(), "return_url", APP_ORIGIN + "/done"), key);
        assertThat(link.status()).as(link.text()).isEqualTo(201);
        assertThat(code(link)).hasSizeGreaterThanOrEqualTo(43);
        java.time.Instant expires = java.time.Instant.parse((String) link.get("expires_at"));
        assertThat(expires).isBetween(java.time.Instant.now().plusSeconds(3500), java.time.Instant.now().plusSeconds(3700));
    }

    @Test
    void a_session_token_creates_a_link_for_its_own_account_only() {
        String id = account();
        String token = (String) post("/v1/session-tokens", Map.of("linked_account_id", id), key).get("token");
        assertThat(post("/v1/connect-links", Map.of(), token).status()).isEqualTo(201);
        Reply other = post("/v1/connect-links", Map.of("linked_account_id", account()), token);
        assertProblem(other, 400, "validation_failed");
        assertThat(other.errorFields()).containsExactly("linked_account_id");
    }

    @Test
    void a_session_token_may_not_brand_a_link_only_the_api_key_may() {
        String id = account();
        String token = (String) post("/v1/session-tokens", Map.of("linked_account_id", id), key).get("token");
        Map<String, Object> phishing = Map.of("name", "Your Bank", "logo_url", "https://evil.example/logo.png",
                "labels", Map.of("connect_keys_help", "Enter your bank password"));
        Reply refused = post("/v1/connect-links", Map.of("branding", phishing), token);
        assertProblem(refused, 403, "branding_requires_api_key");
        assertThat(refused.errorFields()).containsExactly("branding");
        assertThat(post("/v1/connect-links", Map.of("linked_account_id", id, "branding", phishing), key).status()).isEqualTo(201);
    }

    @Test
    void bad_link_requests_name_every_field_at_once() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("linked_account_id", account());
        body.put("expires_in", 8 * 24 * 3600);
        body.put("connectors", List.of("no-such-app"));
        body.put("return_url", "https://evil.example/steal");
        body.put("branding", Map.of("primary_color", "blue"));
        body.put("colour", "x");
        Reply reply = post("/v1/connect-links", body, key);
        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).contains("expires_in", "branding.primary_color", "colour");
        Reply scope = post("/v1/connect-links", Map.of("linked_account_id", account(), "connectors", List.of("no-such-app"),
                "return_url", "https://evil.example/steal"), key);
        assertProblem(scope, 400, "validation_failed");
        assertThat(scope.errorFields()).containsExactlyInAnyOrder("connectors", "return_url");
    }

    @Test
    void a_link_for_an_unknown_account_is_not_found() {
        assertProblem(post("/v1/connect-links", Map.of("linked_account_id", "nobody"), key), 404, "linked_account_not_found");
    }

    @Test
    void the_first_visit_sets_an_http_only_secure_lax_cookie_and_leaves_a_clean_url_the_second_is_refused() {
        String code = code(post("/v1/connect-links", Map.of("linked_account_id", account()), key));
        Reply first = call(HttpRequest.GET("/connect/" + code).header("Sec-Fetch-Dest", "document"));
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.headers().get("Location")).isEqualTo("/portal");
        String cookie = first.headers().get("Set-Cookie");
        assertThat(attributes(cookie)).contains("HttpOnly", "Path=/portal", "Secure", "SameSite=Lax")
                .doesNotContain("SameSite=None", "Partitioned").noneMatch(a -> a.startsWith("Domain="));
        assertThat(cookie).startsWith("latchkey_portal=").doesNotContain(code);
        Reply portal = call(HttpRequest.GET("/portal").header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.headers().get("Content-Security-Policy")).contains("frame-ancestors " + APP_ORIGIN);

        Reply second = call(HttpRequest.GET("/connect/" + code));
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.text()).contains("already used or has expired");
        assertThat(second.headers().get("Set-Cookie")).isNull();
        assertThat(second.headers().get("Content-Security-Policy")).as("the link's workspace may frame its refusal")
                .contains("frame-ancestors " + APP_ORIGIN + ";");
    }

    @Test
    void a_framed_first_visit_gets_a_partitioned_same_site_none_cookie_that_opens_the_portal() {
        for (String dest : List.of("iframe", "frame")) {
            String code = code(post("/v1/connect-links", Map.of("linked_account_id", account()), key));
            Reply framed = call(HttpRequest.GET("/connect/" + code).header("Sec-Fetch-Dest", dest));
            assertThat(framed.status()).isEqualTo(303);
            String cookie = framed.headers().get("Set-Cookie");
            assertThat(attributes(cookie)).as(dest).contains("HttpOnly", "Path=/portal", "SameSite=None", "Secure", "Partitioned")
                    .doesNotContain("SameSite=Lax").noneMatch(a -> a.startsWith("Domain="));
            assertThat(call(HttpRequest.GET("/portal").header("Cookie", cookie.substring(0, cookie.indexOf(';')))).status()).isEqualTo(200);
        }
    }

    /** A Set-Cookie header's attributes after the name=value pair. */
    private static List<String> attributes(String setCookie) {
        assertThat(setCookie).isNotNull();
        return java.util.Arrays.stream(setCookie.split(";")).skip(1).map(String::strip).toList();
    }

    @Test
    void an_unknown_code_and_a_missing_session_get_friendly_pages_no_one_may_frame() {
        Reply unknown = call(HttpRequest.GET("/connect/not-a-real-code"));
        assertThat(unknown.status()).isEqualTo(410);
        assertThat(unknown.headers().get("Content-Security-Policy")).contains("frame-ancestors 'none'");
        Reply noSession = call(HttpRequest.GET("/portal"));
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.text()).contains("Your session has ended");
        assertThat(noSession.headers().get("Content-Security-Policy")).contains("frame-ancestors 'none'");
        Reply forged = call(HttpRequest.GET("/portal").header("Cookie", "latchkey_portal=forged"));
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void a_form_without_its_csrf_token_is_refused() {
        String code = code(post("/v1/connect-links", Map.of("linked_account_id", account()), key));
        String cookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        Reply refused = call(HttpRequest.POST("/portal/apps/stripe/connect", "credentials.api_key=sk_test_x")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("security token");
    }

    /**
     * A credential on a portal request is checked on the blocking executor; the form body was once read
     * by a filter on the event loop and again by the route's binding after that check, on another thread,
     * and the two reads of the one buffered body sometimes met (Netty's "assert !working", a 500). The
     * race is rare per request, so the request is repeated; a body of several network reads widens it.
     */
    @Test
    void a_portal_form_with_a_foreign_credential_is_read_once_and_refused_never_a_500() {
        String code = code(post("/v1/connect-links", Map.of("linked_account_id", account()), key));
        String cookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));
        String form = "csrf=forged&credentials.api_key=" + "k".repeat(100_000);
        for (int i = 0; i < 150; i++) {
            Reply reply = call(HttpRequest.POST("/portal/apps/stripe/connect", form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                    .header("Cookie", session).header("Authorization", "Bearer lk_test_" + "x".repeat(40)));
            assertThat(reply.status()).as("attempt %d: %s", i, reply.text()).isBetween(400, 499);
        }
    }

    @Test
    void a_restricted_link_shows_only_its_apps_and_no_other_accounts_connection() {
        String code = code(post("/v1/connect-links", Map.of("linked_account_id", account(), "connectors", List.of("stripe")), key));
        String cookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));
        Reply list = call(HttpRequest.GET("/portal").header("Cookie", session));
        assertThat(list.text()).contains("id=\"app-stripe\"").doesNotContain("id=\"app-slack\"");
        assertThat(call(HttpRequest.GET("/portal/apps/stripe").header("Cookie", session)).status()).isEqualTo(200);
        assertThat(call(HttpRequest.GET("/portal/apps/slack").header("Cookie", session)).status()).isEqualTo(404);
        assertThat(call(HttpRequest.GET("/portal/apps/stripe/connections/" + java.util.UUID.randomUUID() + "/disconnect")
                .header("Cookie", session)).status()).isEqualTo(404);
    }

    @Test
    void a_result_in_the_query_string_is_claimed_only_when_the_server_can_check_it() {
        String code = code(post("/v1/connect-links", Map.of("linked_account_id", account()), key));
        String cookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));
        for (String forged : List.of("latchkey_status=connected&connection_id=" + java.util.UUID.randomUUID(),
                "latchkey_status=connected&connection_id=anything", "latchkey_status=connected", "disconnected=anything")) {
            Reply page = call(HttpRequest.GET("/portal/apps/stripe?" + forged).header("Cookie", session));
            assertThat(page.status()).as(forged).isEqualTo(200);
            assertThat(page.text()).as(forged).doesNotContain("data-result", "is connected.", "was disconnected.");
        }
        Reply error = call(HttpRequest.GET("/portal/apps/stripe?latchkey_status=error&error=Call%20%2B1%20555%200100")
                .header("Cookie", session));
        assertThat(error.text()).contains("Stripe could not be connected.").doesNotContain("555");
        Reply oauthError = call(HttpRequest.GET("/portal/apps/stripe?latchkey_status=error&error=access_denied").header("Cookie", session));
        assertThat(oauthError.text()).contains("Stripe could not be connected. (access_denied)", "data-result");
    }

    @Test
    void german_is_served_to_a_browser_that_asks_for_it() {
        String code = code(post("/v1/connect-links", Map.of("linked_account_id", account()), key));
        String cookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        Reply page = call(HttpRequest.GET("/portal").header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5"));
        assertThat(page.text()).contains("lang=\"de\"", "Verbinden Sie Ihre Apps");
    }

    @Test
    void branding_is_stored_read_back_with_a_session_token_and_warns_about_low_contrast() {
        String own = newWorkspaceKey();
        Map<String, Object> branding = new LinkedHashMap<>();
        branding.put("name", "Acme");
        branding.put("primary_color", "#FFD700");
        branding.put("theme", "dark");
        branding.put("border_radius", 12);
        branding.put("labels", Map.of("portal_title", "Hook up your tools"));
        branding.put("hide_powered_by", true);
        Reply saved = put("/v1/branding", branding, own);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.body()).containsEntry("primary_color", "#ffd700").containsEntry("theme", "dark").containsEntry("border_radius", 12);
        assertThat((List<String>) saved.get("warnings")).anySatisfy(w -> assertThat(w).startsWith("primary_color: white text"));

        post("/v1/linked-accounts", Map.of("id", "brand-reader"), own);
        String token = (String) post("/v1/session-tokens", Map.of("linked_account_id", "brand-reader"), own).get("token");
        Reply read = get("/v1/branding", token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).containsEntry("name", "Acme");
        assertThat(read.get("labels")).isEqualTo(Map.of("portal_title", "Hook up your tools"));
        assertProblem(put("/v1/branding", branding, token), 403, "forbidden_for_session_token");
        // Another workspace sees its own (empty) branding.
        assertThat(get("/v1/branding", key).body()).containsEntry("name", null);
    }

    @Test
    void bad_branding_is_refused_naming_every_field() {
        Reply reply = put("/v1/branding", Map.of("primary_color", "red", "theme", "neon", "border_radius", 99,
                "labels", Map.of("nope", "x"), "font_family", "x;}body{display:none", "logo_url", "javascript:alert(1)"), key);
        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("primary_color", "theme", "border_radius", "labels", "font_family",
                "logo_url");
        Reply http = put("/v1/branding", Map.of("logo_url", "http://acme.example/logo.png", "privacy_url", "http://acme.example/privacy"),
                key);
        assertProblem(http, 400, "validation_failed");
        assertThat(http.errorFields()).containsExactlyInAnyOrder("logo_url", "privacy_url");
        assertThat(http.text()).contains("must be an absolute https URL");
    }

    @Test
    void branding_refuses_unknown_fields_with_the_known_ones_and_a_radius_past_int_range_is_not_wrapped() {
        Reply unknown = put("/v1/branding", Map.of("primary_colour", "#112233", "border_radius", 4294967301L), key);

        assertProblem(unknown, 400, "validation_failed");
        assertThat(unknown.errorFields()).containsExactlyInAnyOrder("primary_colour", "border_radius");
        assertThat(unknown.text()).contains("known fields: name, logo_url, primary_color");
        assertThat(get("/v1/branding", key).body()).doesNotContainEntry("border_radius", 5);
    }
}
