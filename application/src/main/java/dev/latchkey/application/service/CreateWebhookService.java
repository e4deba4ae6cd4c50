package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;

/** Registers a webhook endpoint with a new signing secret, shown this once. */
public final class CreateWebhookService implements CreateWebhookUseCase {
    private final WebhookEndpointStorePort endpoints;
    private final WebhookSenderPort sender;
    private final SecureRandom random;
    private final Clock clock;

    public CreateWebhookService(WebhookEndpointStorePort endpoints, WebhookSenderPort sender, SecureRandom random, Clock clock) {
        this.endpoints = endpoints;
        this.sender = sender;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CreatedWebhookResult create(CreateWebhookCommand command) {
        Violations v = new Violations();
        URI url = v.check("url", () -> WebhookEndpoints.url(command.url()));
        if (url != null) {
            sender.refusal(url).ifPresent(why -> v.add("url", why));
        }
        // With a bad URL a placeholder lets the events still be checked, so one answer names every problem.
        WebhookEndpoint endpoint = v.check("events", () -> new WebhookEndpoint(WebhookEndpointId.random(), command.workspaceId(),
                url == null ? URI.create("https://invalid.example") : url, command.events(), clock.instant()));
        v.throwIfAny();
        WebhookSecret secret = WebhookSecret.generate(random);
        endpoints.insert(endpoint, secret);
        return new CreatedWebhookResult(endpoint, secret);
    }
}
