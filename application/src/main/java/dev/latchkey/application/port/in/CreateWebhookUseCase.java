package dev.latchkey.application.port.in;

public interface CreateWebhookUseCase {
    CreatedWebhookResult create(CreateWebhookCommand command);
}
