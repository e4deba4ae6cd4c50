package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a real browser (Debian's headless Chromium, as the portal's browser test),
 * signing in through mock-oauth2-server: support finds an account, copies a reconnect link and the
 * link opens the portal; an owner creates an API key, shown once, and signs out; an admin adds a webhook
 * endpoint (its secret shown once), reads the endpoint's answer, redelivers, rotates the secret, is
 * refused an API key, and finds it all on the audit log. A screenshot of each page lands in target/screenshots.
 */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.extension.ExtendWith(ScreenshotOnFailure.class)
class ConsoleBrowserTest extends ApiTest implements ScreenshotOnFailure.Browser {
    private static final Path SCREENSHOTS = ScreenshotOnFailure.SCREENSHOTS;
    private static final String CLIENT_ID = "latchkey-console";

    private final MockOAuth2Server idp = new MockOAuth2Server();
    private String base;
    private String key;
    private String workspaceId;
    private WebDriver browser;
    private WebDriverWait wait;
    private String testName;
    private int step;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        idp.start();
        base = "http://localhost:" + properties.get("micronaut.server.port");
        properties.put("latchkey.public-url", base);
        properties.put("latchkey.console.issuer", idp.issuerUrl("corp").toString());
        properties.put("latchkey.console.client-id", CLIENT_ID);
        properties.put("latchkey.console.client-secret", "console-browser-secret-0123456789");
        return properties;
    }

    @BeforeAll
    void workspace() {
        var created = createWorkspace.create(new dev.latchkey.application.port.in.CreateWorkspaceCommand(
                new dev.latchkey.domain.workspace.WorkspaceName("acme-live"), dev.latchkey.domain.workspace.Environment.LIVE));
        key = created.secret().reveal();
        TestSecrets.register(key);
        workspaceId = created.workspace().id().toString();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", "https://crm.example/authorize");
        auth.put("token_url", "https://crm.example/token");
        assertThat(post("/v1/connectors", Map.of("slug", "acme-crm", "name", "Acme CRM", "categories", List.of("crm"),
                "icon_url", "https://crm.example/icon.png", "docs_url", "https://crm.example/docs",
                "api", Map.of("base_url", "https://crm.example/api"), "auth", List.of(auth)), key).status()).isEqualTo(201);
        assertThat(put("/v1/connectors/acme-crm/settings", Map.of("client_id", "cid", "client_secret", "csecret"), key).status()).isEqualTo(200);
        assertThat(post("/v1/linked-accounts", Map.of("id", "cust-42", "name", "Globex Corporation"), key).status()).isEqualTo(201);
        assertThat(post("/v1/linked-accounts/cust-42/connections", Map.of("connector", "acme-crm",
                "credentials", Map.of("access_token", "at-browser-42", "refresh_token", "rt-browser-42")), key).status()).isEqualTo(201);
    }

    @AfterAll
    void stopIdp() {
        idp.shutdown();
    }

    @BeforeEach
    void openBrowser(TestInfo info) throws IOException {
        testName = info.getTestMethod().orElseThrow().getName();
        step = 0;
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

    private void signIn(String subject, String group) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of(CLIENT_ID),
                Map.of("groups", List.of(group), "name", subject), 3600));
        browser.get(base + "/console");
        wait.until(ExpectedConditions.urlToBe(base + "/console/workspaces"));
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo(group.substring("lk-".length()).replaceAll("s$", ""));
        screenshot("workspaces");
    }

    @Test
    void support_signs_in_finds_an_account_copies_a_reconnect_link_and_the_link_opens_the_portal() {
        signIn("sam", "lk-support");
        browser.findElement(By.linkText("acme-live")).click();
        wait.until(ExpectedConditions.urlContains("/accounts"));
        browser.findElement(By.id("search")).sendKeys("cust-4");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("search=cust-4"));
        screenshot("accounts");
        browser.findElement(By.linkText("cust-42")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/console/workspaces/" + workspaceId + "/accounts/cust-42"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Globex Corporation", "acme-crm", "active");
        screenshot("account");

        browser.findElement(By.cssSelector("button[aria-label='Copy a reconnect link for acme-crm']")).click();
        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reconnect-link"))).getAttribute("value");
        TestSecrets.register(link.substring(link.lastIndexOf('/') + 1));
        assertThat(link).startsWith(base + "/connect/");
        browser.findElement(By.id("copy-link")).click();
        wait.until(ExpectedConditions.textToBe(By.id("copy-status"), "Copied."));
        screenshot("reconnect-link");

        browser.findElement(By.cssSelector("tr[data-connection-id] a")).click();
        wait.until(ExpectedConditions.urlContains("/activity?connection_id="));
        screenshot("activity");

        browser.get(link);
        wait.until(ExpectedConditions.urlToBe(base + "/portal"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acme CRM");
        screenshot("portal");
    }

    @Test
    void an_owner_creates_an_api_key_shown_once_and_signs_out() {
        signIn("olga", "lk-owners");
        browser.get(base + "/console/workspaces/" + workspaceId + "/api-keys");
        browser.findElement(By.id("create-key")).click();
        String created = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("created-key"))).getText();
        TestSecrets.register(created);
        assertThat(created).startsWith("lk_live_");
        screenshot("key-created");
        assertThat(get("/v1/linked-accounts", created).status()).isEqualTo(200);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.titleContains("API keys"));
        assertThat(browser.getPageSource()).doesNotContain(created);

        browser.findElement(By.id("nav-connectors")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redirect-uri")));
        screenshot("connectors");
        browser.findElement(By.id("nav-webhooks")).click();
        wait.until(ExpectedConditions.titleContains("Webhooks"));
        screenshot("webhooks");

        browser.findElement(By.id("nav-branding")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        browser.findElement(By.id("b-primary")).clear();
        browser.findElement(By.id("b-primary")).sendKeys("#7a1fa2");
        browser.findElement(By.id("b-name")).sendKeys("Globex Connect");
        Object primary = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.getElementById('preview')).getPropertyValue('--primary').trim();");
        assertThat(primary).as("the preview follows the form").isEqualTo("#7a1fa2");
        assertThat(browser.findElement(By.id("preview-name")).getText()).isEqualTo("Globex Connect");
        screenshot("branding-preview");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains(base + "/console/signed-out"));
        screenshot("signed-out");
        browser.get(base + "/console/workspaces/" + workspaceId + "/api-keys");
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/api-keys")));
        assertThat(browser.getCurrentUrl()).doesNotContain("/console/workspaces");
    }

    @Test
    void an_admin_adds_a_webhook_redelivers_rotates_its_secret_is_refused_an_api_key_and_reads_it_all_on_the_audit_log() {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(WireMock.post("/hooks/browser").willReturn(WireMock.aResponse().withStatus(503).withBody("maintenance window")));
            signIn("ada", "lk-admins");
            browser.get(base + "/console/workspaces/" + workspaceId + "/webhooks");
            browser.findElement(By.id("webhook-url")).sendKeys(receiver.baseUrl() + "/hooks/browser");
            browser.findElement(By.id("webhook-events")).clear();
            browser.findElement(By.id("webhook-events")).sendKeys("linked_account.deleted");
            browser.findElement(By.id("create-webhook")).click();
            String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signing-secret"))).getText();
            TestSecrets.register(secret);
            assertThat(secret).startsWith("whsec_");
            screenshot("webhook-added");

            assertThat(post("/v1/linked-accounts", Map.of("id", "cust-hook"), key).status()).isEqualTo(201);
            assertThat(delete("/v1/linked-accounts/cust-hook", key).status()).isEqualTo(204);
            wait.until(driver -> {
                driver.navigate().to(base + "/console/workspaces/" + workspaceId + "/webhooks");
                return driver.getPageSource().contains("maintenance window");
            });
            assertThat(browser.getPageSource()).as("shown once").doesNotContain(secret);
            assertThat(browser.findElement(By.cssSelector("tr[data-delivery-id] .status-code")).getText()).isEqualTo("503");
            screenshot("webhook-answer");

            browser.findElement(By.cssSelector("button[aria-label^='Redeliver ']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redelivered-notice")));
            browser.findElement(By.cssSelector("button[aria-label^='Rotate the signing secret of ']")).click();
            String rotated = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signing-secret"))).getText();
            TestSecrets.register(rotated);
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
            screenshot("webhook-secret-rotated");

            browser.findElement(By.id("nav-keys")).click();
            wait.until(ExpectedConditions.titleContains("API keys"));
            assertThat(browser.findElements(By.id("create-key"))).as("no button for an admin").isEmpty();
            // The action itself, posted from the page with the session's token: refused on the server.
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                    var form = document.createElement('form'); form.method = 'post'; form.action = arguments[0];
                    var token = document.createElement('input'); token.type = 'hidden'; token.name = '_csrf';
                    token.value = document.querySelector('input[name=_csrf]').value; form.appendChild(token);
                    document.body.appendChild(form); form.submit();""", base + "/console/workspaces/" + workspaceId + "/api-keys");
            wait.until(ExpectedConditions.titleContains("Not allowed"));
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("owner role");
            screenshot("api-key-refused");

            browser.get(base + "/console/workspaces/" + workspaceId + "/audit?actor=console_user:ada");
            wait.until(ExpectedConditions.titleContains("Audit log"));
            assertThat(browser.findElement(By.tagName("tbody")).getText()).contains("console.createWebhook", "console.redeliverWebhookDelivery",
                    "console.rotateWebhookSecret", "console.createApiKey", "403 refused").doesNotContain(rotated);
            assertThat(browser.findElement(By.id("export-audit")).getAttribute("href")).endsWith("/audit/export?actor=console_user%3Aada");
            screenshot("audit");
        } finally {
            receiver.stop();
        }
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("console-%s-%02d-%s.png", testName, ++step, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
