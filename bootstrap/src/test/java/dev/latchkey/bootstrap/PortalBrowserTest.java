package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosted portal in a real browser: Debian's headless Chromium driven through its chromedriver
 * (scripts/install-chromium installs both). A WireMock server plays the company's app (return URL,
 * a page that frames the portal) and the key-based provider; mock-oauth2-server the OAuth provider.
 * A screenshot of each step lands in target/screenshots, and one of the browser when a test fails.
 */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.extension.ExtendWith(ScreenshotOnFailure.class)
class PortalBrowserTest extends ApiTest implements ScreenshotOnFailure.Browser {
    private static final Path SCREENSHOTS = ScreenshotOnFailure.SCREENSHOTS;
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final int PORT = freePort();
    private static final String PUBLIC_URL = "http://localhost:" + PORT;

    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final WireMockServer app = new WireMockServer(wireMockConfig().dynamicPort());
    /** Another origin on the same site (localhost, another port): the session cookie reaches the portal, only the CSP refuses. */
    private final WireMockServer otherApp = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Map<String, String> database;
    private String key;
    private String appOrigin;
    private WebDriver browser;
    private WebDriverWait wait;
    private String testName;
    private int step;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        database = properties;
        properties.put("micronaut.server.port", String.valueOf(PORT));
        properties.put("latchkey.public-url", PUBLIC_URL);
        return properties;
    }

    @BeforeAll
    void servers() {
        oauth.start();
        app.start();
        otherApp.start();
        appOrigin = "http://localhost:" + app.port();
        key = newWorkspaceKey();
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of(appOrigin)), key).status()).isEqualTo(200);
        Reply oauthConnector = post("/v1/connectors", oauthConnector(), key);
        assertThat(oauthConnector.status()).as(oauthConnector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/acme-oauth/settings", Map.of("client_id", "latchkey-client", "client_secret", "s3cret"), key)
                .status()).isEqualTo(200);
        Reply keyConnector = post("/v1/connectors", keyConnector(), key);
        assertThat(keyConnector.status()).as(keyConnector.text()).isEqualTo(201);
        Reply fields = put("/v1/connectors/acme-keys/config-fields", Map.of("fields", configFields()), key);
        assertThat(fields.status()).as(fields.text()).isEqualTo(200);
        Map<String, Object> branding = new LinkedHashMap<>();
        branding.put("name", "Acme Analytics");
        branding.put("primary_color", "#7a1fa2");
        branding.put("labels", Map.of("portal_title", "Hook up your tools", "done_button", "Back to Acme"));
        assertThat(put("/v1/branding", branding, key).status()).isEqualTo(200);
    }

    @AfterAll
    void stopServers() {
        oauth.shutdown();
        app.stop();
        otherApp.stop();
    }

    @BeforeEach
    void openBrowser(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        step = 0;
        app.resetAll();
        app.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer good-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"email\": \"ops@acme.example\"}")));
        app.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer wrong-key"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Invalid API key\"}")));
        app.stubFor(WireMock.get(urlPathEqualTo("/api/channels")).withHeader("Authorization", equalTo("Bearer good-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"channels\": [{\"id\": \"C1\", \"name\": \"general\"}, {\"id\": \"C2\", \"name\": \"random\"}]}")));
        app.stubFor(WireMock.get(urlPathEqualTo("/api/channels")).withQueryParam("q", equalTo("rand"))
                .withHeader("Authorization", equalTo("Bearer good-key")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"channels\": [{\"id\": \"C2\", \"name\": \"random\"}]}")));
        app.stubFor(WireMock.get(urlPathEqualTo("/integrations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<!doctype html><title>Acme</title><h1>Back in Acme</h1>")));

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1024,900", "--lang=en-US", "--user-data-dir=" + tempDir());
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @Override
    public WebDriver browser() {
        return browser;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    // --- the flows ---

    @Test
    void a_customer_connects_an_api_key_app_fixing_a_wrong_key_and_returns_to_the_app() {
        String link = link(Map.of("return_url", appOrigin + "/integrations?from=portal"));
        browser.get(link);
        waitForTitle("Hook up your tools");
        assertThat(browser.getCurrentUrl()).isEqualTo(PUBLIC_URL + "/portal");
        screenshot("app-list");

        browser.findElement(By.id("app-acme-keys")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-credentials-api_key")));
        screenshot("app-page");
        browser.findElement(By.id("field-credentials-api_key")).sendKeys("wrong-key");
        browser.findElement(By.id("connect-button")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-error")));
        assertThat(error.getText()).contains("could not be connected");
        screenshot("wrong-key-refused");

        browser.findElement(By.id("field-credentials-api_key")).sendKeys("good-key");
        browser.findElement(By.id("connect-button")).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(result.getText()).isEqualTo("Acme Keys is connected.");
        assertThat(browser.findElement(By.id("app-status")).getText()).isEqualTo("Connected");
        assertThat(browser.getPageSource()).contains("ops@acme.example");
        screenshot("connected");

        // The config form: a field that depends on another, a validation error fixed on the way.
        assertThat(browser.findElement(By.id("config-pipeline")).isDisplayed()).as("shown only for custom").isFalse();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("config-sync_mode"))).selectByValue("custom");
        WebElement pipeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-pipeline")));
        pipeline.sendKeys("ab");
        browser.findElement(By.id("config-notify_email")).sendKeys("not-an-email");
        browser.findElement(By.id("config-limit")).sendKeys("500");
        browser.findElement(By.id("config-extra")).sendKeys("{\"region\": \"eu\"}");
        browser.findElement(By.id("config-include_archived")).click();
        browser.findElement(By.cssSelector("input[name^='config.tags.item'][value='b']")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("config-field_mappings-customer_tier"))).selectByValue("gold");
        // Dynamic options come from the provider through the connection; searching asks it again.
        org.openqa.selenium.support.ui.Select channel = new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("config-channel")));
        assertThat(channel.getOptions()).extracting(WebElement::getText).contains("general", "random");
        browser.findElement(By.id("config-channel-search")).sendKeys("rand");
        wait.until(d -> channel.getOptions().stream().noneMatch(o -> o.getText().equals("general")));
        channel.selectByValue("C2");
        screenshot("config-filled");
        browser.findElement(By.id("config-save")).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-errors")));
        assertThat(summary.findElements(By.tagName("li"))).extracting(WebElement::getText).containsExactlyInAnyOrder(
                "Pipeline: " + browser.findElement(By.id("config-pipeline-error")).getText(),
                "Notify email: " + browser.findElement(By.id("config-notify_email-error")).getText(),
                "Limit: " + browser.findElement(By.id("config-limit-error")).getText());
        assertThat(browser.findElement(By.id("config-pipeline")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("config-pipeline")).getAttribute("value")).as("kept as typed").isEqualTo("ab");
        screenshot("config-errors");

        clearAndType("config-pipeline", "sales-2026");
        clearAndType("config-notify_email", "ops@acme.example");
        clearAndType("config-limit", "50");
        browser.findElement(By.id("config-save")).click();
        WebElement saved = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-saved")));
        assertThat(saved.getText()).isEqualTo("Your settings were saved.");
        screenshot("config-saved");
        Map<String, Object> values = configValues(accountOf(link));
        assertThat(values).containsEntry("sync_mode", "custom").containsEntry("pipeline", "sales-2026").containsEntry("channel", "C2")
                .containsEntry("include_archived", true).containsEntry("limit", 50).containsEntry("notify_email", "ops@acme.example")
                .containsEntry("tags", List.of("b")).containsEntry("field_mappings", Map.of("customer_tier", "gold"))
                .containsEntry("extra", Map.of("region", "eu"));

        browser.findElement(By.id("done")).click();
        wait.until(ExpectedConditions.urlContains("/integrations"));
        assertThat(browser.getCurrentUrl())
                .isEqualTo(appOrigin + "/integrations?from=portal&latchkey_status=done&connected=acme-keys");
        screenshot("returned");
    }

    @Test
    void a_customer_connects_an_oauth_app_in_the_same_tab_and_comes_back_to_the_portal() {
        browser.get(link(Map.of("connectors", List.of("acme-oauth"), "return_url", appOrigin + "/integrations")));
        waitForTitle("Hook up your tools");
        assertThat(browser.findElements(By.id("app-acme-keys"))).as("restricted to the link's connectors").isEmpty();
        screenshot("app-list-restricted");
        browser.findElement(By.id("app-acme-oauth")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-button"))).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(result.getText()).isEqualTo("Acme OAuth is connected.");
        assertThat(browser.getCurrentUrl()).startsWith(PUBLIC_URL + "/portal/apps/acme-oauth?latchkey_status=connected");
        screenshot("oauth-connected");
        browser.findElement(By.id("done")).click();
        wait.until(ExpectedConditions.urlContains("/integrations"));
        assertThat(browser.getCurrentUrl()).isEqualTo(appOrigin + "/integrations?latchkey_status=done&connected=acme-oauth");
        screenshot("returned");
    }

    @Test
    void an_expired_connection_is_reconnected_keeping_its_config_and_disconnecting_asks_first() throws Exception {
        String account = newAccount();
        String connectionId = connectKeys(account);

        // The customer sets the app up while it works...
        browser.get(link(account, Map.of()));
        waitForTitle("Hook up your tools");
        browser.findElement(By.id("app-acme-keys")).click();
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-sync_mode"))))
                .selectByValue("custom");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-pipeline"))).sendKeys("kept-2026");
        browser.findElement(By.id("config-limit")).sendKeys("42");
        browser.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-saved")));
        Map<String, Object> saved = configValues(account);
        assertThat(saved).containsEntry("sync_mode", "custom").containsEntry("pipeline", "kept-2026").containsEntry("limit", 42);
        screenshot("config-saved");

        // ...then the provider revokes the grant.
        expire(connectionId);
        browser.get(PUBLIC_URL + "/portal");
        waitForTitle("Hook up your tools");
        assertThat(browser.findElement(By.id("app-acme-keys")).getText()).contains("Needs reconnect");
        screenshot("needs-reconnect");
        browser.findElement(By.id("app-acme-keys")).click();
        WebElement button = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-button")));
        assertThat(button.getText()).isEqualTo("Reconnect Acme Keys");
        browser.findElement(By.id("field-credentials-api_key")).sendKeys("good-key");
        button.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(browser.findElement(By.id("app-status")).getText()).isEqualTo("Connected");
        assertThat(get("/v1/linked-accounts/" + account + "/connections/" + connectionId, key).get("status"))
                .as("the same connection, active again").isEqualTo("active");
        assertThat(configValues(account)).as("the config is kept").isEqualTo(saved);
        assertThat(browser.findElement(By.id("config-pipeline")).getAttribute("value")).isEqualTo("kept-2026");
        assertThat(browser.findElement(By.id("config-limit")).getAttribute("value")).isEqualTo("42");
        screenshot("reconnected");

        browser.findElement(By.cssSelector(".connections a.button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-disconnect")));
        screenshot("confirm-disconnect");
        browser.findElement(By.id("confirm-disconnect")).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(result.getText()).isEqualTo("Acme Keys was disconnected.");
        assertThat(browser.findElement(By.id("app-status")).getText()).isEqualTo("Not connected");
        screenshot("disconnected");
    }

    @Test
    void a_used_link_shows_a_friendly_refusal() {
        String link = link(Map.of());
        browser.get(link);
        waitForTitle("Hook up your tools");
        browser.manage().deleteAllCookies();
        browser.get(link);
        WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(heading.getText()).isEqualTo("This link cannot be used");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("already used or has expired");
        screenshot("used-link");

        // Opened again in the app's frame: the friendly page shows there too, not the browser's error.
        app.stubFor(WireMock.get(urlEqualTo("/host")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!doctype html><title>Host</title><h1>Host page</h1><iframe id=\"portal\" width=\"800\" height=\"600\" src=\""
                        + link + "\"></iframe>")));
        browser.get(appOrigin + "/host");
        browser.switchTo().frame(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("portal"))));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "This link cannot be used"));
        browser.switchTo().defaultContent();
        screenshot("used-link-framed");
    }

    @Test
    void a_form_without_its_csrf_token_is_refused() {
        browser.get(link(Map.of()));
        waitForTitle("Hook up your tools");
        browser.findElement(By.id("app-acme-keys")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-credentials-api_key"))).sendKeys("good-key");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('input[name=_csrf]').remove();");
        browser.findElement(By.id("connect-button")).click();
        WebElement heading = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "This request was refused"));
        assertThat(heading.getText()).isEqualTo("This request was refused");
        screenshot("csrf-refused");
    }

    @Test
    void the_branding_shows_its_colours_and_labels_and_a_links_overrides() {
        // The workspace's branding, nothing overridden: Latchkey's mark, no company links.
        browser.get(link(Map.of()));
        waitForTitle("Hook up your tools");
        assertThat(browser.findElement(By.cssSelector("footer .powered-by")).getText()).isEqualTo("Powered by Latchkey");
        assertThat(browser.findElements(By.cssSelector("footer a"))).isEmpty();

        String account = newAccount();
        connectKeys(account);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("accent_color", "#0a7d33");
        overrides.put("labels", Map.of("status_connected", "Up and running"));
        overrides.put("hide_powered_by", true);
        overrides.put("privacy_url", "https://acme.example/privacy");
        overrides.put("terms_url", "https://acme.example/terms");
        overrides.put("support_url", "https://acme.example/help");
        browser.get(link(account, Map.of("branding", overrides)));
        waitForTitle("Hook up your tools");
        assertThat(browser.findElement(By.cssSelector("header.brand .name")).getText()).isEqualTo("Acme Analytics");
        WebElement done = browser.findElement(By.id("done"));
        assertThat(done.getText()).as("the workspace's labels stay").isEqualTo("Back to Acme");
        assertThat(done.getCssValue("background-color")).isEqualTo("rgba(122, 31, 162, 1)");
        assertThat(browser.getTitle()).isEqualTo("Hook up your tools · Acme Analytics");
        // The link's overrides: its accent colour on the connected mark, its label, its footer.
        WebElement badge = browser.findElement(By.cssSelector("#app-acme-keys .badge"));
        assertThat(badge.getText()).isEqualTo("Up and running");
        assertThat(badge.getCssValue("border-top-color")).isEqualTo("rgba(10, 125, 51, 1)");
        assertThat(browser.findElements(By.cssSelector("footer .powered-by"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("footer a"))).extracting(WebElement::getText, a -> a.getAttribute("href"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Privacy", "https://acme.example/privacy"),
                        org.assertj.core.groups.Tuple.tuple("Terms", "https://acme.example/terms"),
                        org.assertj.core.groups.Tuple.tuple("Support", "https://acme.example/help"));
        screenshot("branded");

        // Keyboard first: the skip link, then the search field and the apps in reading order.
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        // A phone's width: nothing scrolls sideways.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        screenshot("phone-width");
    }

    @Test
    void only_an_allowed_origin_may_frame_the_portal() throws Exception {
        // The header: frame-ancestors is exactly the workspace's allowed origins.
        HttpResponse<String> opened = http.send(java.net.http.HttpRequest.newBuilder(URI.create(link(Map.of()))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        // Behind plain http the cookie is Lax, framed or not (SameSite=None would need Secure).
        assertThat(cookie).contains("SameSite=Lax").doesNotContain("Secure", "Partitioned");
        HttpResponse<String> framedVisit = http.send(java.net.http.HttpRequest.newBuilder(URI.create(link(Map.of())))
                .header("Sec-Fetch-Dest", "iframe").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(framedVisit.headers().firstValue("Set-Cookie").orElseThrow()).contains("SameSite=Lax").doesNotContain("Secure", "Partitioned");
        HttpResponse<String> portal = http.send(java.net.http.HttpRequest.newBuilder(URI.create(PUBLIC_URL + "/portal"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(portal.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors " + appOrigin + ";");

        // The browser: the app's origin frames it; the same page from another origin (127.0.0.1) is refused.
        String framed = link(Map.of());
        app.stubFor(WireMock.get(urlEqualTo("/host")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!doctype html><title>Host</title><h1>Host page</h1><iframe id=\"portal\" width=\"800\" height=\"600\" src=\""
                        + framed + "\"></iframe>")));
        browser.get(appOrigin + "/host");
        browser.switchTo().frame(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("portal"))));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Hook up your tools"));
        browser.switchTo().defaultContent();
        screenshot("framed-by-allowed-origin");

        String refused = link(Map.of());
        otherApp.stubFor(WireMock.get(urlEqualTo("/host")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!doctype html><title>Host</title><h1>Other host</h1><iframe id=\"portal\" width=\"800\" height=\"600\" src=\""
                        + refused + "\"></iframe>")));
        browser.get("http://localhost:" + otherApp.port() + "/host");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Other host"));
        browser.switchTo().frame(browser.findElement(By.id("portal")));
        // Chromium replaces a document its CSP refuses to frame with an error page.
        wait.until(d -> String.valueOf(((JavascriptExecutor) d).executeScript("return document.URL")).startsWith("chrome-error:"));
        assertThat(browser.findElements(By.id("app-search"))).isEmpty();
        browser.switchTo().defaultContent();
        HttpResponse<String> again = http.send(java.net.http.HttpRequest.newBuilder(URI.create(refused)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("the frame did reach the portal: its link is used").isEqualTo(410);
        screenshot("refused-for-other-origin");
    }

    @Test
    void framed_the_portal_runs_oauth_in_a_new_window_and_posts_each_result_to_the_host_page() {
        String framed = link(Map.of("connectors", List.of("acme-oauth"), "return_url", appOrigin + "/integrations"));
        app.stubFor(WireMock.get(urlEqualTo("/host")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!doctype html><title>Host</title><h1>Host page</h1><script>window.received = [];"
                        + "addEventListener('message', function (e) { received.push({origin: e.origin, type: e.data.type, "
                        + "status: e.data.status, connector: e.data.connector, connected: e.data.connected}); });</script>"
                        + "<iframe id=\"portal\" width=\"800\" height=\"700\" src=\"" + framed + "\"></iframe>")));
        browser.get(appOrigin + "/host");
        String host = browser.getWindowHandle();
        browser.switchTo().frame(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("portal"))));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("app-acme-oauth"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-button"))).click();
        // The provider's pages open in a new window, which closes itself and hands the result to the frame.
        wait.until(d -> d.getWindowHandles().size() == 1 && "connected".equals(String.valueOf(
                ((JavascriptExecutor) d.switchTo().window(host)).executeScript(
                        "return window.received.length ? window.received[window.received.length - 1].status : null"))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> received = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("return window.received");
        assertThat(received).last().satisfies(m -> {
            assertThat(m).containsEntry("origin", PUBLIC_URL).containsEntry("type", "connect_result").containsEntry("connector", "acme-oauth");
        });
        browser.switchTo().frame(browser.findElement(By.id("portal")));
        assertThat(browser.findElement(By.id("result")).getText()).isEqualTo("Acme OAuth is connected.");
        browser.switchTo().defaultContent();
        screenshot("framed-oauth-connected");

        browser.switchTo().frame(browser.findElement(By.id("portal")));
        browser.findElement(By.id("done")).click();
        browser.switchTo().defaultContent();
        wait.until(d -> "done".equals(String.valueOf(((JavascriptExecutor) d).executeScript(
                "return window.received[window.received.length - 1].type"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> done = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "return window.received[window.received.length - 1]");
        assertThat(done).containsEntry("status", "done").containsEntry("connected", List.of("acme-oauth"));
    }

    @Test
    void the_oauth_result_page_of_the_popup_flow_carries_the_branding() {
        Reply started = call(io.micronaut.http.HttpRequest.POST("/v1/apps/acme-oauth/connect", Map.of("mode", "popup"))
                .header("X-Linked-Account-Id", newAccount()), key);
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        browser.get((String) started.get("authorization_url"));
        waitForTitle("Connected");
        assertThat(browser.findElement(By.cssSelector("header.brand .name")).getText()).isEqualTo("Acme Analytics");
        assertThat(browser.findElement(By.tagName("h1")).getCssValue("color")).isEqualTo("rgba(31, 35, 40, 1)");
        screenshot("oauth-result");
    }

    // --- the forms over plain HTTP, on the same connectors: what a browser cannot be made to send ---

    @Test
    void a_required_field_left_empty_and_unreadable_values_are_reported_in_the_pages_language() throws Exception {
        PortalSession portal = connectedPortal();
        for (String language : List.of("en", "de")) {
            String csrf = csrfIn(portalGet(portal, "/portal/apps/acme-keys", language).body());
            Map<String, String> form = Map.of("_csrf", csrf, "config.sync_mode", "custom", "config.pipeline", "", "config.limit", "many",
                    "config.extra", "{\"region\": ");
            HttpResponse<String> saved = portalPost(portal, "/portal/apps/acme-keys/config", form, language);
            assertThat(saved.statusCode()).isEqualTo(422);
            boolean de = language.equals("de");
            assertThat(errorOf(saved.body(), "config-pipeline")).isEqualTo(de ? "Dieses Feld ist erforderlich." : "This field is required.");
            assertThat(errorOf(saved.body(), "config-limit")).isEqualTo(de ? "Bitte geben Sie eine Zahl ein." : "Please enter a number.");
            assertThat(errorOf(saved.body(), "config-extra")).isEqualTo(de ? "Bitte geben Sie gültiges JSON ein." : "Please enter valid JSON.");

            HttpResponse<String> connect = portalPost(portal, "/portal/apps/acme-keys/connect",
                    Map.of("_csrf", csrf, "auth_type", "api_key", "credentials.api_key", ""), language);
            assertThat(connect.statusCode()).isEqualTo(422);
            assertThat(errorOf(connect.body(), "field-credentials-api_key")).isEqualTo(de ? "Dieses Feld ist erforderlich." : "This field is required.");
        }
    }

    @Test
    void config_save_and_disconnect_without_or_with_a_wrong_csrf_token_are_refused_and_change_nothing() throws Exception {
        PortalSession portal = connectedPortal();
        String own = csrfIn(portalGet(portal, "/portal/apps/acme-keys", "en").body());
        PortalSession other = connectedPortal();
        String othersToken = csrfIn(portalGet(other, "/portal/apps/acme-keys", "en").body());
        assertThat(othersToken).isNotEqualTo(own);
        Map<String, Object> before = configValues(portal.account());
        String disconnect = "/portal/apps/acme-keys/connections/" + portal.connectionId() + "/disconnect";

        for (String token : java.util.Arrays.asList(null, "", "wrong-token", own.substring(1), othersToken)) {
            Map<String, String> config = new HashMap<>(Map.of("config.sync_mode", "custom", "config.pipeline", "forged", "config.limit", "7"));
            Map<String, String> confirm = new HashMap<>(Map.of("confirm", "yes"));
            if (token != null) {
                config.put("_csrf", token);
                confirm.put("_csrf", token);
            }
            HttpResponse<String> save = portalPost(portal, "/portal/apps/acme-keys/config", config, "en");
            assertThat(save.statusCode()).as("config save with token %s", token).isEqualTo(403);
            assertThat(save.body()).contains("This request was refused");
            HttpResponse<String> disconnected = portalPost(portal, disconnect, confirm, "en");
            assertThat(disconnected.statusCode()).as("disconnect with token %s", token).isEqualTo(403);
            assertThat(disconnected.body()).contains("This request was refused");
        }
        assertThat(configValues(portal.account())).as("nothing saved").isEqualTo(before);
        assertThat(get("/v1/linked-accounts/" + portal.account() + "/connections/" + portal.connectionId(), key).get("status"))
                .as("still connected").isEqualTo("active");

        // With the session's own token the same posts go through: the token was what refused them.
        HttpResponse<String> save = portalPost(portal, "/portal/apps/acme-keys/config", Map.of("_csrf", own, "config.sync_mode", "custom",
                "config.pipeline", "sales-2026", "config.limit", "7"), "en");
        assertThat(save.statusCode()).as(save.body()).isEqualTo(303);
        assertThat(configValues(portal.account())).containsEntry("pipeline", "sales-2026");
        assertThat(portalPost(portal, disconnect, Map.of("_csrf", own), "en").statusCode()).isEqualTo(303);
        assertThat(get("/v1/linked-accounts/" + portal.account() + "/connections/" + portal.connectionId(), key).status()).isEqualTo(404);
    }

    /** A portal session (its cookie) of a new account whose acme-keys connection is active. */
    private record PortalSession(String account, String connectionId, String cookie) {
    }

    private PortalSession connectedPortal() throws Exception {
        String account = newAccount();
        String connectionId = connectKeys(account);
        HttpResponse<String> opened = http.send(java.net.http.HttpRequest.newBuilder(URI.create(link(account, Map.of()))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        return new PortalSession(account, connectionId, cookie.substring(0, cookie.indexOf(';')));
    }

    /** Connects acme-keys for the account through the API; returns the connection's id. */
    @SuppressWarnings("unchecked")
    private String connectKeys(String account) {
        Reply connected = call(io.micronaut.http.HttpRequest.POST("/v1/apps/acme-keys/connect",
                        Map.of("credentials", Map.of("api_key", "good-key")))
                .header("X-Linked-Account-Id", account), key);
        assertThat(connected.status()).as(connected.text()).isEqualTo(201);
        return (String) ((Map<String, Object>) connected.get("connection")).get("id");
    }

    private HttpResponse<String> portalGet(PortalSession portal, String path, String language) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(PUBLIC_URL + path)).header("Cookie", portal.cookie())
                .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> portalPost(PortalSession portal, String path, Map<String, String> form, String language) throws Exception {
        String body = form.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(PUBLIC_URL + path)).header("Cookie", portal.cookie())
                .header("Accept-Language", language).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", PUBLIC_URL).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfIn(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    /** The text of the inline error of the input with this id. */
    private static String errorOf(String html, String inputId) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"" + java.util.regex.Pattern.quote(inputId + "-error")
                + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(m.find()).as("an error for %s in %s", inputId, html).isTrue();
        return m.group(1);
    }

    /** The account's stored acme-keys config, key to value ("null" for none). */
    private Map<String, Object> configValues(String account) {
        return get("/v1/linked-accounts/" + account + "/configs/acme-keys", key).list("fields").stream()
                .collect(java.util.stream.Collectors.toMap(f -> (String) f.get("key"), f -> f.get("value") == null ? "null" : f.get("value")));
    }

    // --- helpers ---

    private final Map<String, String> accountsByLink = new HashMap<>();

    private String accountOf(String link) {
        return accountsByLink.get(link);
    }

    private void clearAndType(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static List<Map<String, Object>> configFields() {
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("key", "pipeline");
        pipeline.put("label", "Pipeline");
        pipeline.put("type", "text");
        pipeline.put("required", true);
        pipeline.put("min_length", 3);
        pipeline.put("section", "Sync");
        pipeline.put("depends_on", Map.of("field", "sync_mode", "equals", "custom"));
        pipeline.put("help_text", "The pipeline to sync, at least 3 characters.");
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("key", "channel");
        channel.put("label", "Channel");
        channel.put("type", "select");
        channel.put("section", "Notifications");
        channel.put("options_from", Map.of("method", "GET", "path", "/channels", "items", "/channels", "label", "/name", "value", "/id",
                "search_param", "q"));
        return List.of(
                Map.of("key", "sync_mode", "label", "Sync mode", "type", "select", "required", true, "section", "Sync",
                        "default", "all", "options", List.of(Map.of("label", "Everything", "value", "all"), Map.of("label", "Custom", "value", "custom"))),
                pipeline,
                Map.of("key", "include_archived", "label", "Include archived records", "type", "boolean", "section", "Sync"),
                Map.of("key", "limit", "label", "Limit", "type", "number", "integer", true, "min", 1, "max", 100, "section", "Sync"),
                Map.of("key", "start", "label", "Start date", "type", "date", "section", "Sync"),
                channel,
                Map.of("key", "notify_email", "label", "Notify email", "type", "email", "section", "Notifications"),
                Map.of("key", "tags", "label", "Tags", "type", "multi_select", "section", "Notifications",
                        "options", List.of(Map.of("label", "Alpha", "value", "a"), Map.of("label", "Beta", "value", "b"),
                                Map.of("label", "Gamma", "value", "c"))),
                Map.of("key", "field_mappings", "label", "Field mapping", "type", "mapping",
                        "sources", List.of(Map.of("key", "customer_tier", "label", "Customer tier")),
                        "options", List.of(Map.of("label", "Gold", "value", "gold"), Map.of("label", "Silver", "value", "silver"))),
                Map.of("key", "extra", "label", "Extra settings", "type", "json"),
                Map.of("key", "notes", "label", "Notes", "type", "textarea"),
                Map.of("key", "internal_id", "label", "Internal id", "type", "text", "hidden", true));
    }

    private String newAccount() {
        String id = "portal-cust-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        return id;
    }

    private String link(Map<String, Object> extra) {
        return link(newAccount(), extra);
    }

    private String link(String account, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("linked_account_id", account);
        Reply created = post("/v1/connect-links", body, key);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        accountsByLink.put((String) created.get("url"), account);
        return (String) created.get("url");
    }

    private void waitForTitle(String heading) {
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
    }

    private void expire(String connectionId) throws Exception {
        try (Connection db = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement update = db.prepareStatement("UPDATE connections SET status = 'expired', last_error = 'invalid_grant' WHERE id = ?")) {
            update.setObject(1, java.util.UUID.fromString(connectionId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, ++step, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("latchkey-chromium").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> oauthConnector() {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", oauth.authorizationEndpointUrl("acme").toString());
        auth.put("token_url", oauth.tokenEndpointUrl("acme").toString());
        auth.put("scopes", List.of("openid", "profile"));
        auth.put("client_auth", "body");
        return Map.of("slug", "acme-oauth", "name", "Acme OAuth", "categories", List.of("crm"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", app.baseUrl() + "/api"), "auth", List.of(auth));
    }

    private Map<String, Object> keyConnector() {
        Map<String, Object> auth = Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true,
                        "help_text", "Find it under Settings → API in Acme Keys.")),
                "placement", "header", "name", "Authorization", "format", "Bearer {api_key}");
        return Map.of("slug", "acme-keys", "name", "Acme Keys", "categories", List.of("support"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", app.baseUrl() + "/api"), "auth", List.of(auth),
                "verify", Map.of("method", "GET", "path", "/me", "expect_status", 200),
                "identity", Map.of("method", "GET", "path", "/me", "pointer", "/email"));
    }
}
