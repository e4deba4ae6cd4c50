package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console through a browser-like client (follows redirects, keeps cookies) against
 * mock-oauth2-server as the company's identity provider: sign-in with code + PKCE, state and nonce;
 * roles from the groups claim; what each role may do; CSRF; sign-out with RP-initiated logout.
 */
@MicronautTest(transactional = false)
class ConsoleApiTest extends ApiTest {
    private static final String CLIENT_ID = "latchkey-console";
    private static final String CLIENT_SECRET = "console-client-secret-for-tests-0123456789";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    static {
        TestSecrets.register(CLIENT_SECRET);
    }

    private final MockOAuth2Server idp = new MockOAuth2Server();
    @jakarta.inject.Inject
    dev.latchkey.application.port.in.DispatchWebhooksUseCase dispatcher;
    private String base;
    private String key;
    private String workspaceId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        idp.start();
        base = "http://localhost:" + properties.get("micronaut.server.port");
        properties.put("latchkey.public-url", base);
        properties.put("latchkey.console.issuer", idp.issuerUrl("corp").toString());
        properties.put("latchkey.console.client-id", CLIENT_ID);
        properties.put("latchkey.console.client-secret", CLIENT_SECRET);
        properties.put("latchkey.webhooks.dispatcher.enabled", "false");
        properties.put("latchkey.console.role-map", "owner=lk-owners,admin=lk-admins,support=lk-support,viewer=lk-viewers,"
                + "admin@console-test=console-test-platform");
        return properties;
    }

    /** The console's pages are HTML, not part of the API document; the API calls here are checked as everywhere. */
    @Override
    protected boolean checksContract() {
        return true;
    }

    @BeforeAll
    void workspace() {
        var created = createWorkspace.create(new dev.latchkey.application.port.in.CreateWorkspaceCommand(
                new dev.latchkey.domain.workspace.WorkspaceName("console-test"), dev.latchkey.domain.workspace.Environment.TEST));
        key = created.secret().reveal();
        TestSecrets.register(key);
        workspaceId = created.workspace().id().toString();
    }

    @AfterAll
    void stopIdp() {
        idp.shutdown();
        receiver.stop();
    }

    /** The company's backend, receiving webhooks. */
    private final WireMockServer receiver = new WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());

    @BeforeAll
    void startReceiver() {
        receiver.start();
    }

    /** A browser: its own cookies, following redirects (to the identity provider and back). */
    private final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient following = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
        final HttpClient stepping = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) {
            return send(following, HttpRequest.newBuilder(uri(path)).GET().build());
        }

        HttpResponse<String> step(String path) {
            return send(stepping, HttpRequest.newBuilder(uri(path)).GET().build());
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return send(stepping, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        /** Signs in through the identity provider as a user in these groups; returns the page the callback answers. */
        HttpResponse<String> signIn(String subject, List<String> groups) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("groups", groups);
            claims.put("name", subject + " Operator");
            return signInWithClaims(subject, claims);
        }

        HttpResponse<String> signInWithClaims(String subject, Map<String, Object> claims) {
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of(CLIENT_ID), claims, 3600));
            return get("/console/sign-in");
        }

        /** The CSRF token of a page of this session. */
        String csrf() {
            HttpResponse<String> page = get("/console/workspaces");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("a CSRF field on the page").isTrue();
            return m.group(1);
        }
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String keysPath() {
        return "/console/workspaces/" + workspaceId + "/api-keys";
    }

    @Test
    void an_owner_signs_in_through_the_identity_provider_and_creates_an_api_key_shown_once() {
        Browser browser = new Browser();
        HttpResponse<String> signedIn = browser.signIn("ada", List.of("engineering", "lk-owners"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).contains("Signed in as ada Operator (owner)");
        assertThat(signedIn.uri().getPath()).isEqualTo("/console/callback");
        List<String> cookies = signedIn.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("latchkey_console=").contains("HttpOnly", "SameSite=Strict", "Path=/console"));

        HttpResponse<String> workspaces = browser.get("/console");
        assertThat(workspaces.statusCode()).isEqualTo(200);
        assertThat(workspaces.uri().getPath()).isEqualTo("/console/workspaces");
        assertThat(workspaces.body()).contains("/console/workspaces/" + workspaceId + "/accounts");
        assertThat(workspaces.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'", "default-src 'none'", "base-uri 'none'").doesNotContain("unsafe-inline"));

        assertThat(get("/v1/linked-accounts", key).status()).as("the workspace's first key in use").isEqualTo(200);
        long keysBefore = Pattern.compile("/revoke\"").matcher(browser.get(keysPath()).body()).results().count();
        HttpResponse<String> created = browser.post(keysPath(), Map.of("_csrf", browser.csrf()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher secret = Pattern.compile("id=\"created-key\">(lk_test_[A-Za-z0-9_-]+)<").matcher(created.body());
        assertThat(secret.find()).as("the new key on the page").isTrue();
        String newKey = secret.group(1);
        TestSecrets.register(newKey);
        assertThat(get("/v1/linked-accounts", newKey).status()).as("the new key works").isEqualTo(200);

        HttpResponse<String> again = browser.get(keysPath());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).as("shown once").doesNotContain(newKey);
        List<String> lastUsed = Pattern.compile("class=\"last-used\">([^<]+)<").matcher(again.body()).results().map(r -> r.group(1)).toList();
        assertThat(lastUsed).hasSize((int) keysBefore + 1);
        assertThat(lastUsed.getFirst()).as("the workspace's first key").endsWith(" UTC");
        assertThat(lastUsed.getLast()).as("the new key, used a moment ago").endsWith(" UTC");

        Matcher revoke = Pattern.compile("action=\"(/console/workspaces/[^\"]+/revoke)\"").matcher(again.body());
        List<String> revokeActions = revoke.results().map(r -> r.group(1)).toList();
        assertThat(revokeActions).hasSize((int) keysBefore + 1);
        // The newest key is the last row (oldest first): revoke it, and the API refuses it.
        HttpResponse<String> revoked = browser.post(revokeActions.getLast(), Map.of("_csrf", browser.csrf()));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(get("/v1/linked-accounts", newKey).status()).as("a revoked key").isEqualTo(401);
        assertThat(get("/v1/linked-accounts", key).status()).as("the other key").isEqualTo(200);
    }

    @Test
    void a_user_whose_groups_map_to_no_role_is_refused_with_a_403_page_and_no_session() {
        Browser browser = new Browser();
        HttpResponse<String> refused = browser.signIn("mallory", List.of("engineering"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("No access to the console");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("latchkey_console=") && !c.startsWith("latchkey_console=;"));
        HttpResponse<String> console = browser.step("/console/workspaces");
        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(console.headers().firstValue("Location")).hasValue("/console/sign-in");
    }

    @Test
    void a_viewer_reads_but_is_refused_key_creation_and_reconnect_links() {
        Browser browser = new Browser();
        assertThat(browser.signIn("vera", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        HttpResponse<String> keys = browser.get(keysPath());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).doesNotContain("id=\"create-key\"");
        String csrf = browser.csrf();

        HttpResponse<String> refused = browser.post(keysPath(), Map.of("_csrf", csrf));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Not allowed", "yours is viewer");

        String account = accountWithConnection();
        HttpResponse<String> link = browser.post(accountPath(account) + "/reconnect-links", Map.of("_csrf", csrf, "connector", "acme-console"));
        assertThat(link.statusCode()).isEqualTo(403);
    }

    @Test
    void support_finds_an_account_sees_its_connection_and_copies_a_reconnect_link_that_opens_the_portal() {
        String account = accountWithConnection();
        Browser browser = new Browser();
        assertThat(browser.signIn("sam", List.of("lk-support")).statusCode()).isEqualTo(200);

        HttpResponse<String> found = browser.get("/console/workspaces/" + workspaceId + "/accounts?search=" + account);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(accountPath(account));

        HttpResponse<String> page = browser.get(accountPath(account));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("acme-console", "active", "/activity?connection_id=");

        HttpResponse<String> link = browser.post(accountPath(account) + "/reconnect-links", Map.of("_csrf", browser.csrf(), "connector", "acme-console"));
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        Matcher url = Pattern.compile("id=\"reconnect-link\" readonly value=\"([^\"]+)\"").matcher(link.body());
        assertThat(url.find()).as("the link on the page").isTrue();
        String connectLink = url.group(1);
        TestSecrets.register(connectLink.substring(connectLink.lastIndexOf('/') + 1));
        assertThat(connectLink).startsWith(base + "/connect/");
        HttpResponse<String> opened = new Browser().step(connectLink);
        assertThat(opened.statusCode()).as("the link opens the portal").isEqualTo(303);
        assertThat(opened.headers().firstValue("Location")).hasValue("/portal");

        HttpResponse<String> activity = browser.get("/console/workspaces/" + workspaceId + "/activity?linked_account_id=" + account);
        assertThat(activity.statusCode()).isEqualTo(200);
        HttpResponse<String> badFilter = browser.get("/console/workspaces/" + workspaceId + "/activity?status=abc");
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.body()).contains("status: ");
    }

    @Test
    void another_workspace_or_account_that_does_not_exist_is_a_404_page() {
        Browser browser = new Browser();
        assertThat(browser.signIn("ada", List.of("lk-owners")).statusCode()).isEqualTo(200);
        assertThat(browser.get("/console/workspaces/00000000-0000-0000-0000-000000000000/accounts").statusCode()).isEqualTo(404);
        assertThat(browser.get(accountPath("nobody-here")).statusCode()).isEqualTo(404);
    }

    @Test
    void a_callback_whose_state_is_not_the_one_this_browser_started_is_refused() {
        Browser browser = new Browser();
        HttpResponse<String> started = browser.step("/console/sign-in");
        assertThat(started.statusCode()).isEqualTo(303);
        String authorize = started.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(idp.issuerUrl("corp").toString()).contains("code_challenge_method=S256", "nonce=", "state=");
        HttpResponse<String> refused = browser.get("/console/callback?code=anything&state=forged");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("the state did not match");
        assertThat(browser.step("/console/workspaces").statusCode()).as("not signed in").isEqualTo(303);

        HttpResponse<String> noSignIn = new Browser().get("/console/callback?code=anything&state=" + query(authorize, "state"));
        assertThat(noSignIn.statusCode()).as("another browser's state").isEqualTo(400);
    }

    @Test
    void an_id_token_with_another_nonce_is_refused() {
        Browser browser = new Browser();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("groups", List.of("lk-owners"));
        claims.put("nonce", "not-the-nonce-of-this-sign-in");
        HttpResponse<String> refused = browser.signInWithClaims("eve", claims);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).containsIgnoringCase("nonce");
        assertThat(browser.step("/console/workspaces").statusCode()).as("not signed in").isEqualTo(303);
    }

    @Test
    void a_form_without_the_session_csrf_token_is_refused_and_a_post_without_a_session_is_a_401() {
        Browser browser = new Browser();
        assertThat(browser.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);
        assertThat(browser.post(keysPath(), Map.of("note", "no token")).statusCode()).isEqualTo(403);
        assertThat(browser.post(keysPath(), Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(new Browser().post(keysPath(), Map.of("_csrf", "forged")).statusCode()).isEqualTo(401);
    }

    @Test
    void sign_out_ends_the_session_and_logs_out_at_the_identity_provider() {
        Browser browser = new Browser();
        assertThat(browser.signIn("ada", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        HttpResponse<String> out = browser.post("/console/sign-out", Map.of("_csrf", browser.csrf()));
        assertThat(out.statusCode()).isEqualTo(303);
        String location = out.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(idp.issuerUrl("corp") + "/endsession").contains("id_token_hint=")
                .contains("post_logout_redirect_uri=" + enc(base + "/console/signed-out"));
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("latchkey_console=;").contains("Max-Age=0"));
        HttpResponse<String> after = browser.step("/console/workspaces");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/console/sign-in");
    }

    @Test
    void a_console_session_opens_no_api_and_no_api_credential_opens_the_console() {
        Browser browser = new Browser();
        assertThat(browser.signIn("ada", List.of("lk-owners")).statusCode()).isEqualTo(200);
        String cookie = browser.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("latchkey_console"))
                .findFirst().orElseThrow().getValue();
        TestSecrets.register(cookie);
        assertThat(call(io.micronaut.http.HttpRequest.GET("/v1/linked-accounts").header("Cookie", "latchkey_console=" + cookie)).status())
                .isEqualTo(401);
        assertThat(get("/v1/linked-accounts", cookie).status()).as("the cookie as a bearer token").isEqualTo(401);
        for (String credential : List.of(key, ADMIN_TOKEN)) {
            HttpResponse<String> console = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri("/console/workspaces"))
                    .header("Authorization", "Bearer " + credential).build());
            assertThat(console.statusCode()).isEqualTo(303);
            assertThat(console.headers().firstValue("Location")).hasValue("/console/sign-in");
        }
    }

    @Test
    void a_second_visit_to_the_callback_with_the_same_code_is_refused() {
        Browser browser = new Browser();
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "ada", "JWT", List.of(CLIENT_ID), Map.of("groups", List.of("lk-owners")), 3600));
        HttpResponse<String> started = browser.step("/console/sign-in");
        HttpResponse<String> authorized = browser.step(started.headers().firstValue("Location").orElseThrow());
        String callback = authorized.headers().firstValue("Location").orElseThrow();
        assertThat(browser.get(callback).statusCode()).isEqualTo(200);
        assertThat(browser.get(callback).statusCode()).as("the sign-in was taken by the first visit").isEqualTo(400);
    }

    @Test
    void the_webhook_deliveries_show_whether_the_backend_was_told_and_only_an_admin_redelivers() {
        Reply webhook = post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hooks/console", "events", List.of("linked_account.deleted")), key);
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(201);
        TestSecrets.registerFields(webhook.body());
        String account = accountWithConnection();
        assertThat(delete("/v1/linked-accounts/" + account, key).status()).isEqualTo(204);
        while (dispatcher.dispatchDue() > 0) {
            // until nothing is due: the endpoint refuses the connection, the delivery waits for its retry
        }
        String webhooksPath = "/console/workspaces/" + workspaceId + "/webhooks";

        Browser viewer = new Browser();
        assertThat(viewer.signIn("vera", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        HttpResponse<String> page = viewer.get(webhooksPath);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("http://127.0.0.1:9/hooks/console", "linked_account.deleted", "pending").doesNotContain(">Redeliver<");
        Matcher delivery = Pattern.compile("data-delivery-id=\"([^\"]+)\"").matcher(page.body());
        assertThat(delivery.find()).isTrue();
        String redeliver = webhooksPath + "/" + webhook.get("id") + "/deliveries/" + delivery.group(1) + "/redeliver";
        assertThat(viewer.post(redeliver, Map.of("_csrf", viewer.csrf())).statusCode()).isEqualTo(403);

        Browser admin = new Browser();
        assertThat(admin.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);
        assertThat(admin.get(webhooksPath).body()).contains(">Redeliver<");
        HttpResponse<String> redelivered = admin.post(redeliver, Map.of("_csrf", admin.csrf()));
        assertThat(redelivered.statusCode()).isEqualTo(303);
        assertThat(redelivered.headers().firstValue("Location")).hasValue(webhooksPath + "?redelivered=1");
    }

    @Test
    void the_connectors_page_shows_which_cannot_be_connected_yet_and_only_an_admin_switches_one_off() {
        String connectors = "/console/workspaces/" + workspaceId + "/connectors";
        Browser viewer = new Browser();
        assertThat(viewer.signIn("vera", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        HttpResponse<String> page = viewer.get(connectors);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(base + "/oauth/callback", "none: cannot be connected yet", "data-slug=\"stripe\"")
                .doesNotContain("aria-label=\"Disable ");
        assertThat(viewer.post(connectors + "/stripe/enabled", Map.of("_csrf", viewer.csrf(), "enabled", "false")).statusCode()).isEqualTo(403);

        Browser admin = new Browser();
        assertThat(admin.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);
        HttpResponse<String> off = admin.post(connectors + "/stripe/enabled", Map.of("_csrf", admin.csrf(), "enabled", "false"));
        assertThat(off.statusCode()).isEqualTo(303);
        assertThat(get("/v1/connectors/stripe", key).body()).extracting("settings").asString().contains("enabled=false");
        assertThat(admin.post(connectors + "/stripe/enabled", Map.of("_csrf", admin.csrf(), "enabled", "true")).statusCode()).isEqualTo(303);
        assertThat(get("/v1/connectors/stripe", key).body()).extracting("settings").asString().contains("enabled=true");
    }

    @Test
    void a_role_limited_to_one_workspace_sees_and_changes_that_workspace_only() {
        String otherKey = newWorkspaceKey();
        assertThat(post("/v1/linked-accounts", Map.of("id", "elsewhere-1"), otherKey).status()).isEqualTo(201);
        Browser browser = new Browser();
        HttpResponse<String> signedIn = browser.signIn("pat", List.of("console-test-platform"));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("admin in console-test");

        HttpResponse<String> workspaces = browser.get("/console/workspaces");
        List<String> listed = Pattern.compile("href=\"/console/workspaces/([0-9a-f-]{36})/accounts\"").matcher(workspaces.body()).results()
                .map(r -> r.group(1)).distinct().toList();
        assertThat(listed).containsExactly(workspaceId);
        String connectors = "/console/workspaces/" + workspaceId + "/connectors";
        assertThat(browser.post(connectors + "/stripe/enabled", Map.of("_csrf", browser.csrf(), "enabled", "true")).statusCode()).isEqualTo(303);

        Browser owner = new Browser();
        owner.signIn("olga", List.of("lk-owners"));
        String other = Pattern.compile("href=\"/console/workspaces/([0-9a-f-]{36})/accounts\"").matcher(owner.get("/console/workspaces").body())
                .results().map(r -> r.group(1)).filter(id -> !id.equals(workspaceId)).findFirst().orElseThrow();
        assertThat(owner.get("/console/workspaces/" + other + "/accounts").body()).contains("elsewhere-1");
        assertThat(browser.get("/console/workspaces/" + other + "/accounts").statusCode()).as("no role there").isEqualTo(404);
        assertThat(browser.post("/console/workspaces/" + other + "/api-keys", Map.of("_csrf", browser.csrf())).statusCode()).isEqualTo(404);
    }

    @Test
    void an_admin_saves_the_branding_with_its_preview_and_a_bad_colour_is_named_a_viewer_is_refused() {
        String branding = "/console/workspaces/" + workspaceId + "/branding";
        Browser admin = new Browser();
        assertThat(admin.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);
        HttpResponse<String> page = admin.get(branding);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("#preview{--primary:", "id=\"save-branding\"");

        HttpResponse<String> bad = admin.post(branding, Map.of("_csrf", admin.csrf(), "name", "Acme Analytics", "primary_color", "blue"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("primary_color: ");

        HttpResponse<String> saved = admin.post(branding, Map.of("_csrf", admin.csrf(), "name", "Acme Analytics", "primary_color", "#7a1fa2",
                "theme", "light"));
        assertThat(saved.statusCode()).isEqualTo(303);
        Reply stored = get("/v1/branding", key);
        assertThat(stored.body()).containsEntry("name", "Acme Analytics").containsEntry("primary_color", "#7a1fa2").containsEntry("theme", "light");
        assertThat(admin.get(branding).body()).contains("--primary:#7a1fa2");

        Browser viewer = new Browser();
        assertThat(viewer.signIn("vera", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        assertThat(viewer.get(branding).body()).doesNotContain("id=\"save-branding\"");
        assertThat(viewer.post(branding, Map.of("_csrf", viewer.csrf(), "name", "Evil")).statusCode()).isEqualTo(403);
        assertThat(get("/v1/branding", key).body()).containsEntry("name", "Acme Analytics");
    }

    private static final Pattern SIGNING_SECRET = Pattern.compile("id=\"signing-secret\">(whsec_[A-Za-z0-9+/=]+)<");

    @Test
    void an_admin_adds_a_webhook_endpoint_sees_its_secret_once_reads_the_answer_rotates_the_secret_and_removes_it() {
        String webhooks = "/console/workspaces/" + workspaceId + "/webhooks";
        String hook = "/hooks/console-managed";
        Browser admin = new Browser();
        assertThat(admin.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);

        HttpResponse<String> bad = admin.post(webhooks, Map.of("_csrf", admin.csrf(), "url", "ftp://acme.example/hooks", "events", "nope"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("url: ", "events: ").contains("value=\"ftp://acme.example/hooks\"");

        HttpResponse<String> created = admin.post(webhooks, Map.of("_csrf", admin.csrf(), "url", receiver.baseUrl() + hook,
                "events", "linked_account.deleted"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher shown = SIGNING_SECRET.matcher(created.body());
        assertThat(shown.find()).as("the signing secret on the page").isTrue();
        String secret = shown.group(1);
        TestSecrets.register(secret);
        String endpointId = get("/v1/webhooks", key).list("data").stream().filter(w -> w.get("url").equals(receiver.baseUrl() + hook))
                .map(w -> (String) w.get("id")).findFirst().orElseThrow();
        assertThat(admin.get(webhooks).body()).as("shown once").doesNotContain(secret).contains(receiver.baseUrl() + hook);

        // The backend refuses the event, echoing the signing secret: the page shows its code and what it said, the secret masked.
        receiver.stubFor(WireMock.post(hook).willReturn(WireMock.aResponse().withStatus(422)
                .withBody("{\"error\":\"unknown tenant\",\"got\":\"" + secret + "\"}")));
        assertThat(delete("/v1/linked-accounts/" + accountWithConnection(), key).status()).isEqualTo(204);
        while (dispatcher.dispatchDue() > 0) {
            // until nothing is due
        }
        HttpResponse<String> log = admin.get(webhooks);
        assertThat(log.body()).contains(">422<", "unknown tenant", "[redacted]").doesNotContain(secret);

        HttpResponse<String> rotated = admin.post(webhooks + "/" + endpointId + "/rotate-secret", Map.of("_csrf", admin.csrf()));
        assertThat(rotated.statusCode()).isEqualTo(200);
        Matcher again = SIGNING_SECRET.matcher(rotated.body());
        assertThat(again.find()).isTrue();
        String newSecret = again.group(1);
        TestSecrets.register(newSecret);
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(admin.get(webhooks).body()).doesNotContain(newSecret);

        Browser viewer = new Browser();
        assertThat(viewer.signIn("vera", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        assertThat(viewer.get(webhooks).body()).doesNotContain("Rotate the signing secret").doesNotContain("id=\"create-webhook\"");
        assertThat(viewer.post(webhooks + "/" + endpointId + "/rotate-secret", Map.of("_csrf", viewer.csrf())).statusCode()).isEqualTo(403);
        assertThat(viewer.post(webhooks + "/" + endpointId + "/delete", Map.of("_csrf", viewer.csrf())).statusCode()).isEqualTo(403);

        HttpResponse<String> removed = admin.post(webhooks + "/" + endpointId + "/delete", Map.of("_csrf", admin.csrf()));
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(removed.headers().firstValue("Location")).hasValue(webhooks + "?deleted=1");
        assertThat(get("/v1/webhooks", key).list("data")).noneMatch(w -> w.get("id").equals(endpointId));
        assertThat(admin.post(webhooks + "/" + endpointId + "/delete", Map.of("_csrf", admin.csrf())).statusCode()).isEqualTo(404);

        List<Map<String, Object>> audit = get("/v1/audit?actor=console_user:ada&action=console.createWebhook", key).list("data");
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.get("status")).isEqualTo(201);
            assertThat(entry.get("actor")).asString().contains("type=console_user", "id=ada", "label=ada Operator");
            assertThat(entry.get("target")).asString().contains("created_id=" + endpointId);
            assertThat(entry.get("client_address")).isEqualTo("127.0.0.1");
        });
        assertThat(get("/v1/audit?actor=console_user:ada&action=console.rotateWebhookSecret", key).list("data")).isNotEmpty();
        assertThat(get("/v1/audit?actor=console_user:vera&action=console.deleteWebhook&outcome=refused", key).list("data"))
                .anySatisfy(entry -> assertThat(entry.get("status")).isEqualTo(403));
    }

    @Test
    void a_connector_without_its_oauth_app_is_hidden_from_customers_until_the_owner_sets_it_and_its_secret_is_never_shown_again() {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", "https://hidden.example/authorize");
        auth.put("token_url", "https://hidden.example/token");
        Reply defined = post("/v1/connectors", Map.of("slug", "acme-hidden", "name", "Acme Hidden", "categories", List.of("crm"),
                "icon_url", "https://hidden.example/icon.png", "docs_url", "https://hidden.example/docs",
                "api", Map.of("base_url", "https://hidden.example/api"), "auth", List.of(auth)), key);
        assertThat(defined.status()).as(defined.text()).isEqualTo(201);
        String account = "cust-hidden-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        assertThat(apps(account)).doesNotContain("acme-hidden");
        assertThat(call(io.micronaut.http.HttpRequest.GET("/v1/apps/acme-hidden").header("X-Linked-Account-Id", account), key).status())
                .isEqualTo(404);
        assertThat(portal(account)).doesNotContain("id=\"app-acme-hidden\"");

        String connectors = "/console/workspaces/" + workspaceId + "/connectors";
        Browser admin = new Browser();
        assertThat(admin.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);
        HttpResponse<String> page = admin.get(connectors);
        assertThat(row(page.body(), "acme-hidden")).contains("none: cannot be connected yet").doesNotContain("client_secret");
        assertThat(page.body()).contains("id=\"redirect-uri\" readonly value=\"" + base + "/oauth/callback\"");
        HttpResponse<String> refused = admin.post(connectors + "/acme-hidden/oauth-app",
                Map.of("_csrf", admin.csrf(), "client_id", "evil", "client_secret", "evil-secret"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("owner");

        String clientSecret = "hidden-client-secret-0123456789";
        TestSecrets.register(clientSecret);
        Browser owner = new Browser();
        assertThat(owner.signIn("olga", List.of("lk-owners")).statusCode()).isEqualTo(200);
        assertThat(owner.post(connectors + "/acme-hidden/oauth-app", Map.of("_csrf", owner.csrf(), "client_id", "", "client_secret", clientSecret))
                .statusCode()).isEqualTo(400);
        HttpResponse<String> set = owner.post(connectors + "/acme-hidden/oauth-app",
                Map.of("_csrf", owner.csrf(), "client_id", "hidden-client-id", "client_secret", clientSecret));
        assertThat(set.statusCode()).isEqualTo(303);
        HttpResponse<String> after = owner.get(connectors);
        assertThat(row(after.body(), "acme-hidden")).contains("hidden-client-id", "client secret: set").doesNotContain("cannot be connected yet");
        assertThat(after.body()).doesNotContain(clientSecret);
        assertThat(apps(account)).contains("acme-hidden");
        assertThat(portal(account)).contains("id=\"app-acme-hidden\"");

        // Saving the client id again without a secret keeps the stored secret (the field is write-only).
        assertThat(owner.post(connectors + "/acme-hidden/oauth-app", Map.of("_csrf", owner.csrf(), "client_id", "hidden-client-id",
                "client_secret", "")).statusCode()).isEqualTo(303);
        assertThat(row(owner.get(connectors).body(), "acme-hidden")).contains("client secret: set");
        List<Map<String, Object>> audit = get("/v1/audit?action=console.setOAuthApp", key).list("data");
        assertThat(audit).extracting(e -> e.get("status")).contains(403, 400, 303);
        assertThat(audit.toString()).doesNotContain(clientSecret);
    }

    @Test
    void only_an_owner_creates_and_revokes_api_keys_an_admin_sees_no_button_and_is_refused_with_a_403_page() {
        Browser admin = new Browser();
        assertThat(admin.signIn("ada", List.of("lk-admins")).statusCode()).isEqualTo(200);
        HttpResponse<String> keys = admin.get(keysPath());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).doesNotContain("id=\"create-key\"").doesNotContain("/revoke\"").contains("needs the owner role");
        HttpResponse<String> refused = admin.post(keysPath(), Map.of("_csrf", admin.csrf()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Not allowed", "API keys and OAuth apps need the owner role; yours is admin");
        Matcher someKey = Pattern.compile("data-key-id=\"([^\"]+)\"").matcher(keys.body());
        assertThat(someKey.find()).isTrue();
        assertThat(admin.post(keysPath() + "/" + someKey.group(1) + "/revoke", Map.of("_csrf", admin.csrf())).statusCode()).isEqualTo(403);
        assertThat(get("/v1/linked-accounts", key).status()).as("the key still works").isEqualTo(200);
    }

    @Test
    void every_console_change_is_on_the_audit_log_and_the_audit_page_filters_pages_older_and_exports_json_lines() {
        Browser owner = new Browser();
        assertThat(owner.signIn("oscar", List.of("lk-owners")).statusCode()).isEqualTo(200);
        assertThat(owner.post(keysPath(), Map.of("_csrf", owner.csrf())).statusCode()).isEqualTo(201);
        for (int i = 0; i < ConsoleAuditPage.SIZE + 1; i++) {
            assertThat(post("/v1/linked-accounts", Map.of("id", "audit-filler-" + ACCOUNTS.incrementAndGet()), key).status()).isEqualTo(201);
        }
        String audit = "/console/workspaces/" + workspaceId + "/audit";

        Browser viewer = new Browser();
        assertThat(viewer.signIn("vera", List.of("lk-viewers")).statusCode()).isEqualTo(200);
        HttpResponse<String> first = viewer.get(audit);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Pattern.compile("class=\"audit-entry\"").matcher(first.body()).results().count()).isEqualTo(ConsoleAuditPage.SIZE);
        Matcher older = Pattern.compile("id=\"older\" href=\"([^\"]+)\"|href=\"([^\"]+)\" id=\"older\"").matcher(first.body());
        assertThat(older.find()).as("an Older link").isTrue();
        String olderHref = (older.group(1) != null ? older.group(1) : older.group(2)).replace("&amp;", "&");
        HttpResponse<String> second = viewer.get(olderHref);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("class=\"audit-entry\"");

        HttpResponse<String> mine = viewer.get(audit + "?actor=console_user:oscar&action=console.createApiKey");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(Pattern.compile("class=\"audit-entry\"").matcher(mine.body()).results().count()).isEqualTo(1);
        assertThat(mine.body()).contains("oscar Operator (oscar)", "console.createApiKey", "created_id=", "127.0.0.1");

        HttpResponse<String> bad = viewer.get(audit + "?since=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("since: ");

        HttpResponse<String> export = viewer.get(audit + "/export?actor=console_user:oscar");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(1);
        Map<String, Object> line = parse(lines.getFirst());
        assertThat(line).containsEntry("action", "console.createApiKey").containsEntry("status", 201).containsEntry("outcome", "succeeded")
                .containsEntry("workspace_id", workspaceId).containsKeys("at", "target", "client_address", "request_id");
        assertThat(line.get("actor")).isEqualTo(Map.of("type", "console_user", "id", "oscar", "label", "oscar Operator"));
        Reply sameAsApi = call(io.micronaut.http.HttpRequest.GET("/v1/audit/export?actor=console_user:oscar")
                .accept("application/x-ndjson"), key);
        assertThat(sameAsApi.text().strip()).isEqualTo(export.body().strip());
    }

    /** The console's audit page size, as the page shows it. */
    private static final class ConsoleAuditPage {
        static final int SIZE = 50;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String line) {
        try {
            return json.readValue(line, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The slugs GET /v1/apps offers the account (the SDKs' list). */
    private List<String> apps(String account) {
        Reply apps = call(io.micronaut.http.HttpRequest.GET("/v1/apps").header("X-Linked-Account-Id", account), key);
        assertThat(apps.status()).as(apps.text()).isEqualTo(200);
        return apps.list("data").stream().map(a -> (String) a.get("slug")).toList();
    }

    /** The portal's app list, as a customer opening a connect link for the account sees it. */
    private String portal(String account) {
        Reply link = post("/v1/connect-links", Map.of("linked_account_id", account), key);
        assertThat(link.status()).as(link.text()).isEqualTo(201);
        String url = (String) link.get("url");
        TestSecrets.register(url.substring(url.lastIndexOf('/') + 1));
        HttpResponse<String> portal = new Browser().get(url);
        assertThat(portal.statusCode()).as(portal.body()).isEqualTo(200);
        return portal.body();
    }

    /** The connectors page's row of one connector. */
    private static String row(String page, String slug) {
        int start = page.indexOf("id=\"connector-" + slug + "\"");
        assertThat(start).as("a row for " + slug).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private String accountPath(String account) {
        return "/console/workspaces/" + workspaceId + "/accounts/" + account;
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException(name + " not in " + url);
    }

    private boolean connectorDefined;

    /** A linked account of the workspace with an imported connection of a private OAuth connector. */
    private String accountWithConnection() {
        if (!connectorDefined) {
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("type", "oauth2");
            auth.put("authorization_url", "https://acme.example/authorize");
            auth.put("token_url", "https://acme.example/token");
            Reply connector = post("/v1/connectors", Map.of("slug", "acme-console", "name", "Acme Console", "categories", List.of("crm"),
                    "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                    "api", Map.of("base_url", "https://acme.example/api"), "auth", List.of(auth)), key);
            assertThat(connector.status()).as(connector.text()).isEqualTo(201);
            assertThat(put("/v1/connectors/acme-console/settings", Map.of("client_id", "cid", "client_secret", "csecret"), key).status())
                    .isEqualTo(200);
            connectorDefined = true;
        }
        String account = "cust-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "acme-console",
                "credentials", Map.of("access_token", "at-console-" + account, "refresh_token", "rt-console-" + account)), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return account;
    }
}
