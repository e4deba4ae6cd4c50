package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": a platform engineer signs in with the company's identity provider and
 * answers "why is cust-42's HubSpot failing, and did we tell our backend?" from the console alone.
 * HubSpot (WireMock) refused the refresh with invalid_grant, so the connection expired, and
 * connection.expired was delivered to the backend (WireMock). A full-page screenshot of each page
 * lands in target/console-screenshots (the README's pictures in docs/console are these).
 */
@MicronautTest(transactional = false)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleWalkthroughBrowserTest extends ConsoleStory {
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    @Test
    void a_platform_engineer_finds_why_cust_42_s_hubspot_fails_and_that_the_backend_was_told() {
        signIn("pat", "lk-admins");
        fullPageScreenshot(SHOTS, "1-workspaces");

        // Find the customer.
        browser.findElement(By.linkText("acme-live")).click();
        wait.until(ExpectedConditions.titleContains("Linked accounts"));
        browser.findElement(By.id("search")).sendKeys("cust-42");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("search=cust-42"));
        assertThat(browser.findElements(By.cssSelector("main tbody tr"))).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("cust-42", "Globex Corporation"));
        fullPageScreenshot(SHOTS, "2-accounts-search");

        // Its HubSpot connection: expired, in HubSpot's words.
        browser.findElement(By.linkText("cust-42")).click();
        wait.until(ExpectedConditions.urlToBe(workspacePath() + "/accounts/cust-42"));
        WebElement connection = browser.findElement(By.cssSelector("tr[data-connection-id='" + expiredConnectionId + "']"));
        assertThat(connection.getText()).contains(CONNECTOR, "expired", PROVIDER_ERROR);
        WebElement values = browser.findElement(By.xpath("//main//td/code[contains(., 'pipeline')]"));
        assertThat(values.getText()).as("its settings, the secret masked, and nothing else")
                .contains("pipeline = sales", "include_archived = true", "signing_key = ********")
                .doesNotContain("sk-cust-42", CONNECTOR, "default");
        fullPageScreenshot(SHOTS, "3-account");

        // What happened: the activity of that connection shows the refresh HubSpot refused.
        connection.findElement(By.linkText("Activity")).click();
        wait.until(ExpectedConditions.urlContains("/activity?connection_id=" + expiredConnectionId));
        assertThat(browser.findElement(By.id("f-connection")).getAttribute("value")).isEqualTo(expiredConnectionId);
        List<String> records = browser.findElements(By.cssSelector("main tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(records).as("only that connection's records").isNotEmpty().allSatisfy(text -> assertThat(text).contains("cust-42"));
        assertThat(records).as("the refresh HubSpot refused, in its words")
                .anySatisfy(text -> assertThat(text).contains("refresh", "refresh_rejected", "invalid_grant", PROVIDER_ERROR));
        assertThat(records).as("the webhook deliveries about it, answered by the backend")
                .anySatisfy(text -> assertThat(text).contains("webhook", "/hooks/latchkey", "204"));
        fullPageScreenshot(SHOTS, "4-activity");

        // Did we tell our backend? The webhooks page shows connection.expired delivered, answered 204.
        browser.findElement(By.id("nav-webhooks")).click();
        wait.until(ExpectedConditions.titleContains("Webhooks"));
        List<WebElement> expired = browser.findElements(By.xpath("//tr[td[contains(., 'connection.expired')]]"));
        assertThat(expired).singleElement().satisfies(row -> assertThat(row.getText()).contains("delivered", "204"));
        String eventId = expired.get(0).findElement(By.tagName("code")).getText();
        List<LoggedRequest> received = backend.findAll(postRequestedFor(urlEqualTo("/hooks/latchkey")));
        assertThat(received).as("the backend received that very event")
                .anySatisfy(request -> {
                    assertThat(request.getHeader("webhook-id")).isEqualTo(eventId);
                    assertThat(request.getBodyAsString()).contains("connection.expired", expiredConnectionId, "cust-42");
                });
        fullPageScreenshot(SHOTS, "5-webhooks");
    }
}
