package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookSecret;

/** The new endpoint and its signing secret, which is shown this once. */
public record CreatedWebhookResult(WebhookEndpoint endpoint, WebhookSecret secret) {
}
