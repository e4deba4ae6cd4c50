package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.application.service.CreateWebhookService;
import dev.latchkey.application.service.DeleteWebhookService;
import dev.latchkey.application.service.DispatchWebhooksService;
import dev.latchkey.application.service.ListWebhookDeliveriesService;
import dev.latchkey.application.service.ListWebhooksService;
import dev.latchkey.application.service.PurgeOldWebhookEventsService;
import dev.latchkey.application.service.RecordActivityService;
import dev.latchkey.application.service.RedeliverWebhookService;
import dev.latchkey.application.service.RotateWebhookSecretService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import dev.latchkey.application.port.out.TracerPort;

import java.time.Clock;

/** The webhook use cases: a workspace's endpoints, their deliveries, and sending them. */
@Factory
public class WebhooksFactory {

    @Singleton
    CreateWebhookService createWebhook(WebhookEndpointStorePort endpoints, WebhookSenderPort sender, SecureRandom random, Clock clock) {
        return new CreateWebhookService(endpoints, sender, random, clock);
    }

    @Singleton
    ListWebhooksService listWebhooks(WebhookEndpointStorePort endpoints) {
        return new ListWebhooksService(endpoints);
    }

    @Singleton
    DeleteWebhookService deleteWebhook(WebhookEndpointStorePort endpoints) {
        return new DeleteWebhookService(endpoints);
    }

    @Singleton
    RotateWebhookSecretService rotateWebhookSecret(WebhookEndpointStorePort endpoints, SecureRandom random) {
        return new RotateWebhookSecretService(endpoints, random);
    }

    @Singleton
    ListWebhookDeliveriesService listWebhookDeliveries(WebhookEndpointStorePort endpoints, WebhookDeliveryStorePort deliveries) {
        return new ListWebhookDeliveriesService(endpoints, deliveries);
    }

    @Singleton
    RedeliverWebhookService redeliverWebhook(WebhookEndpointStorePort endpoints, WebhookDeliveryStorePort deliveries, Clock clock) {
        return new RedeliverWebhookService(endpoints, deliveries, clock);
    }

    @Singleton
    DispatchWebhooksService dispatchWebhooks(WebhookDeliveryStorePort deliveries, WebhookSenderPort sender, Clock clock,
                                             RecordActivityService activity, TracerPort tracer) {
        return new DispatchWebhooksService(deliveries, sender, clock, activity::record, tracer);
    }

    @Singleton
    PurgeOldWebhookEventsService purgeOldWebhookEvents(WebhookDeliveryStorePort deliveries, Clock clock) {
        return new PurgeOldWebhookEventsService(deliveries, clock);
    }
}
