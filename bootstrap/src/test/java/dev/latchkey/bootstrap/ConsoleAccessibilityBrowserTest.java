package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (sdk/node_modules/axe-core, installed by {@code scripts/test}'s {@code npm ci}) in the real
 * browser on every page of the console, with a workspace's realistic data: 0 serious or critical
 * violations. The pages are found by following the console's own links from the workspaces page (one
 * page of each kind: an account's page once, each set of filters once), so a new page linked from the
 * navigation is checked without being named here; the pages that only an action or a refusal shows
 * (a key just created, a reconnect link, a branding form's errors, a redelivery, a webhook endpoint
 * just created, an OAuth app's form open, refused and saved, the 403 page, the signed-out page) are
 * reached by doing it. The rules: WCAG 2.0, 2.1 and 2.2 A and AA (2.2's target size among them,
 * which axe-core leaves out by default) and axe-core's best practices.
 */
@MicronautTest(transactional = false)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleAccessibilityBrowserTest extends ConsoleStory {
    private static final Path AXE = Path.of("").toAbsolutePath().getParent().resolve("sdk/node_modules/axe-core/axe.min.js");
    private String axeSource;
    private final Map<String, List<String>> findings = new LinkedHashMap<>();

    @BeforeAll
    void axe() throws IOException {
        assertThat(AXE).as("axe-core, a devDependency of sdk/package.json: scripts/test installs it (or: cd sdk && npm ci)").exists();
        axeSource = Files.readString(AXE, StandardCharsets.UTF_8);
    }

    @Test
    void every_console_page_has_no_serious_or_critical_accessibility_violation() {
        signIn("olga", "lk-owners");
        String workspace = workspacePath();
        Deque<String> toVisit = new ArrayDeque<>(List.of(base + "/console/workspaces",
                workspace + "/accounts/cust-42", // the account with the expired connection and the provider's error
                workspace + "/accounts?search=cust-4", workspace + "/accounts?search=globex",
                workspace + "/accounts?search=nobody-has-this-id", workspace + "/activity?status=4xx"));
        Map<String, String> kinds = new LinkedHashMap<>(); // kind of page -> the URL checked for it
        while (!toVisit.isEmpty() && kinds.size() < 60) {
            String url = toVisit.poll();
            String kind = kind(url);
            if (kinds.containsKey(kind)) {
                continue;
            }
            kinds.put(kind, url);
            browser.get(url);
            check(kind);
            for (WebElement link : browser.findElements(By.cssSelector("a[href]"))) {
                String href = link.getAttribute("href");
                boolean thisWorkspace = href != null && (href.startsWith(workspace + "/") || !href.startsWith(base + "/console/workspaces/"));
                if (href != null && href.startsWith(base + "/console/") && thisWorkspace && !kinds.containsKey(kind(href))) {
                    toVisit.add(href.replaceFirst("#.*$", ""));
                }
            }
        }
        assertThat(kinds.keySet()).as("the pages reached by following the console's links").contains(
                "/console/workspaces", "/console/workspaces/{w}/accounts", "/console/workspaces/{w}/accounts?search",
                "/console/workspaces/{w}/accounts/{id}", "/console/workspaces/{w}/activity",
                "/console/workspaces/{w}/activity?connection_id", "/console/workspaces/{w}/activity?status",
                "/console/workspaces/{w}/webhooks", "/console/workspaces/{w}/connectors",
                "/console/workspaces/{w}/branding", "/console/workspaces/{w}/api-keys", "/console/workspaces/{w}/audit");

        browser.get(workspace + "/api-keys");
        browser.findElement(By.id("create-key")).click();
        TestSecrets.register(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("created-key"))).getText());
        check("an API key just created");

        browser.get(workspace + "/accounts/cust-42");
        browser.findElement(By.cssSelector("button[aria-label='Copy a reconnect link for " + CONNECTOR + "']")).click();
        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reconnect-link"))).getAttribute("value");
        TestSecrets.register(link.substring(link.lastIndexOf('/') + 1));
        check("a reconnect link shown");

        browser.get(workspace + "/branding");
        browser.findElement(By.id("b-primary")).clear();
        browser.findElement(By.id("b-primary")).sendKeys("not a colour");
        browser.findElement(By.id("save-branding")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        check("the branding form's errors");

        browser.get(workspace + "/webhooks");
        browser.findElement(By.cssSelector("button[aria-label^='Redeliver']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("redelivered-notice")));
        check("a redelivery");

        browser.findElement(By.id("webhook-url")).sendKeys(backend.baseUrl() + "/hooks/second");
        browser.findElement(By.id("webhook-events")).clear();
        browser.findElement(By.id("webhook-events")).sendKeys("connection.expired");
        browser.findElement(By.id("create-webhook")).click();
        TestSecrets.register(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signing-secret"))).getText());
        check("a webhook endpoint just created, its secret shown once");

        browser.get(workspace + "/connectors");
        browser.findElement(By.cssSelector("#connector-" + CONNECTOR + " summary")).click();
        check("an OAuth app's form open");
        browser.findElement(By.id("client-id-" + CONNECTOR)).clear();
        browser.findElement(By.id("client-id-" + CONNECTOR)).sendKeys("acme-hubspot-app-2");
        browser.findElement(By.cssSelector("#connector-" + CONNECTOR + " form.oauth-app-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        check("the OAuth app form's errors (a new client id without its secret)");
        if (!browser.findElement(By.id("client-id-" + CONNECTOR)).isDisplayed()) {
            browser.findElement(By.cssSelector("#connector-" + CONNECTOR + " summary")).click();
        }
        browser.findElement(By.id("client-id-" + CONNECTOR)).clear();
        browser.findElement(By.id("client-id-" + CONNECTOR)).sendKeys("acme-hubspot-app-2");
        browser.findElement(By.id("client-secret-" + CONNECTOR)).sendKeys("acme-hubspot-secret-2-0123456789");
        TestSecrets.register("acme-hubspot-secret-2-0123456789");
        browser.findElement(By.cssSelector("#connector-" + CONNECTOR + " form.oauth-app-form button")).click();
        wait.until(ExpectedConditions.urlContains("changed="));
        check("an OAuth app saved");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/signed-out"));
        check("the signed-out page");

        idp.enqueueCallback(new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback("corp", "mallory", "JWT",
                List.of(CLIENT_ID), Map.of("groups", List.of("contractors"), "name", "mallory"), 3600));
        browser.get(base + "/console");
        wait.until(ExpectedConditions.titleContains("Latchkey console"));
        assertThat(browser.findElement(By.tagName("main")).getText()).as("a user with no mapped role is refused").containsIgnoringCase("role");
        check("the 403 page");

        assertThat(findings).as("serious or critical axe-core violations, by page (rule, impact, help, elements)").isEmpty();
    }

    /** The kind of a console page: ids replaced, the query's names kept (each set of filters is checked once). */
    private String kind(String url) {
        URI uri = URI.create(url);
        String path = uri.getPath().replace(workspaceId, "{w}").replaceFirst("/accounts/[^/]+$", "/accounts/{id}");
        if (uri.getQuery() == null) {
            return path;
        }
        TreeSet<String> names = new TreeSet<>();
        for (String pair : uri.getQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            if (nameValue.length == 2 && !nameValue[1].isEmpty()) {
                names.add(nameValue[0]);
            }
        }
        return names.isEmpty() ? path : path + "?" + String.join("&", names);
    }

    /** Runs axe-core on the page as it is and keeps its serious and critical violations under {@code page}. */
    private void check(String page) {
        List<String> violations = axeViolations();
        if (!violations.isEmpty()) {
            findings.put(page + " " + browser.getCurrentUrl(), violations);
        }
        assertThat(browser.getCurrentUrl()).as("still on the console").startsWith(base + "/console");
    }

    @SuppressWarnings("unchecked")
    private List<String> axeViolations() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource);
        return new ArrayList<>((List<String>) js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}).then(function (result) {
                  done(result.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) {
                      return v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(function (n) {
                        return n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : '');
                      }).join(' | ');
                    }));
                }, function (error) { done(['axe-core failed: ' + error]); });
                """));
    }
}
