package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.latchkey.adapters.persistence.activity.ActivityLogWriter;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.DispatchWebhooksUseCase;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's browser tests' world, with data a platform team has: a workspace "acme-live" whose
 * HubSpot (a private connector on a WireMock provider) serves a dozen customers; cust-42's refresh
 * token was revoked, so its call ends in a refresh the provider refuses with invalid_grant, the
 * connection expires and connection.expired is delivered to the company's backend (a WireMock
 * receiver); other customers' calls answer 200 and 429; four customers saved their HubSpot settings
 * (a config, with a secret). Sign-in goes through mock-oauth2-server as the company's identity
 * provider; the browser is Debian's headless Chromium, as the portal's.
 */
abstract class ConsoleStory extends ApiTest implements ScreenshotOnFailure.Browser {
    static final String CLIENT_ID = "latchkey-console";
    static final String CONNECTOR = "hubspot-crm";
    static final String PROVIDER_ERROR = "missing or unknown refresh token";

    final MockOAuth2Server idp = new MockOAuth2Server();
    final WireMockServer hubspot = new WireMockServer(wireMockConfig().dynamicPort());
    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    String base;
    String key;
    String workspaceId;
    String expiredConnectionId;
    String webhookId;
    WebDriver browser;
    WebDriverWait wait;
    String testName;

    @Inject
    DispatchWebhooksUseCase dispatcher;
    @Inject
    ActivityLogWriter activityLog;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        idp.start();
        base = "http://localhost:" + properties.get("micronaut.server.port");
        properties.put("latchkey.public-url", base);
        properties.put("latchkey.console.issuer", idp.issuerUrl("corp").toString());
        properties.put("latchkey.console.client-id", CLIENT_ID);
        properties.put("latchkey.console.client-secret", "console-story-secret-0123456789");
        properties.put("latchkey.refresh.enabled", "false"); // the story's calls refresh, when the test says
        properties.put("latchkey.webhooks.dispatcher.enabled", "false"); // delivered by dispatch(), not raced
        return properties;
    }

    @BeforeAll
    void story() {
        hubspot.start();
        backend.start();
        var created = createWorkspace.create(new CreateWorkspaceCommand(new WorkspaceName("acme-live"), Environment.LIVE));
        key = created.secret().reveal();
        TestSecrets.register(key);
        workspaceId = created.workspace().id().toString();

        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", hubspot.baseUrl() + "/oauth/authorize");
        auth.put("token_url", hubspot.baseUrl() + "/oauth/v1/token");
        auth.put("client_auth", "body");
        Reply connector = post("/v1/connectors", Map.of("slug", CONNECTOR, "name", "HubSpot", "categories", List.of("crm"),
                "icon_url", "https://www.hubspot.com/favicon.ico", "docs_url", "https://developers.hubspot.com/docs/api/overview",
                "api", Map.of("base_url", hubspot.baseUrl()), "auth", List.of(auth)), key);
        assertThat(connector.status()).as(connector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/" + CONNECTOR + "/settings", Map.of("client_id", "acme-hubspot-app",
                "client_secret", "acme-hubspot-secret-0123456789"), key).status()).isEqualTo(200);

        Reply fields = put("/v1/connectors/" + CONNECTOR + "/config-fields", Map.of("fields", List.of(
                Map.of("key", "pipeline", "label", "Deal pipeline", "type", "select", "required", true, "section", "Sync",
                        "options", List.of(Map.of("label", "Sales", "value", "sales"), Map.of("label", "Renewals", "value", "renewals"))),
                Map.of("key", "include_archived", "label", "Include archived deals", "type", "boolean", "default", false),
                Map.of("key", "signing_key", "label", "Signing key", "type", "text", "secret", true))), key);
        assertThat(fields.status()).as(fields.text()).isEqualTo(200);

        backend.stubFor(WireMock.post(urlEqualTo("/hooks/latchkey")).willReturn(aResponse().withStatus(204)));
        Reply webhook = post("/v1/webhooks", Map.of("url", backend.baseUrl() + "/hooks/latchkey",
                "events", List.of("connection.created", "connection.expired")), key);
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(201);
        webhookId = (String) webhook.get("id");

        hubspot.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"results\": []}")));
        // (A provider's 429, not its 404: the OpenAPI document has the proxy's 404 as Latchkey's problem+json only.)
        hubspot.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "10")
                .withBody("{\"status\": \"error\", \"message\": \"You have reached your secondly limit.\"}")));
        hubspot.stubFor(WireMock.post(urlEqualTo("/oauth/v1/token")).withRequestBody(containing("refresh_token=rt-cust-42"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"" + PROVIDER_ERROR + "\"}")));

        String[] names = {"Initech", "Globex Corporation", "Globex Corporation", "Umbrella Health", "Soylent Foods", "Hooli",
                "Vandelay Industries", "Wayne Enterprises", "Stark Industries", "Tyrell Corporation", "Cyberdyne Systems", "Acme Widgets"};
        for (int i = 0; i < names.length; i++) {
            String account = "cust-" + (40 + i);
            if (i == 1) {
                account = "cust-4"; // a prefix of cust-42: a search for "cust-4" finds both
            }
            assertThat(post("/v1/linked-accounts", Map.of("id", account, "name", names[i]), key).status()).isEqualTo(201);
            boolean revoked = account.equals("cust-42");
            Instant expires = revoked ? Instant.now().plusSeconds(20) : Instant.now().plusSeconds(3600);
            Reply connection = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", CONNECTOR,
                    "credentials", Map.of("access_token", "at-" + account, "refresh_token", "rt-" + account,
                            "expires_at", expires.toString())), key);
            assertThat(connection.status()).as(connection.text()).isEqualTo(201);
            if (i < 4) {
                Reply config = put("/v1/linked-accounts/" + account + "/configs/" + CONNECTOR, Map.of("values",
                        Map.of("pipeline", i % 2 == 0 ? "sales" : "renewals", "include_archived", i == 2, "signing_key", "sk-" + account)), key);
                assertThat(config.status()).as(config.text()).isEqualTo(200);
            }
            if (revoked) {
                expiredConnectionId = (String) connection.get("id");
            } else if (i % 3 == 0) {
                assertThat(proxy(account, "/crm/v3/objects/deals?limit=100").status()).isEqualTo(429);
            }
            if (!revoked) {
                assertThat(proxy(account, "/crm/v3/objects/contacts?limit=10").status()).isEqualTo(200);
            }
        }
        // cust-42's backend job calls HubSpot: the token is about to expire, the refresh is refused.
        Reply refused = proxy("cust-42", "/crm/v3/objects/contacts?limit=100");
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(get("/v1/linked-accounts/cust-42/connections/" + expiredConnectionId, key).get("status")).isEqualTo("expired");
        while (dispatcher.dispatchDue() > 0) {
            // until every delivery is sent
        }
        activityLog.flush(Duration.ofSeconds(30));
    }

    private Reply proxy(String account, String path) {
        return call(HttpRequest.GET("/v1/proxy/" + CONNECTOR + path).header("X-Linked-Account-Id", account), key);
    }

    @AfterAll
    void stopStubs() {
        idp.shutdown();
        hubspot.stop();
        backend.stop();
    }

    @BeforeEach
    void openBrowser(TestInfo info) throws IOException {
        testName = info.getTestMethod().orElseThrow().getName();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("latchkey-console-chromium"));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Override
    public WebDriver browser() {
        return browser;
    }

    String workspacePath() {
        return base + "/console/workspaces/" + workspaceId;
    }

    /** Signs in through the identity provider as {@code subject} in {@code group}; lands on the workspaces. */
    void signIn(String subject, String group) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of(CLIENT_ID),
                Map.of("groups", List.of(group), "name", subject), 3600));
        browser.get(base + "/console");
        wait.until(ExpectedConditions.urlToBe(base + "/console/workspaces"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role")));
    }

    /** The whole page as one PNG (the window grown to the page's height for the shot), in {@code directory}. */
    void fullPageScreenshot(Path directory, String name) {
        Dimension before = browser.manage().window().getSize();
        try {
            // The page's height plus the window's own (its frame and bars), so the viewport holds the whole page.
            Number height = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"
                            + " + window.outerHeight - window.innerHeight;");
            browser.manage().window().setSize(new Dimension(before.getWidth(), Math.max(before.getHeight(), height.intValue())));
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.manage().window().setSize(before);
        }
    }
}
