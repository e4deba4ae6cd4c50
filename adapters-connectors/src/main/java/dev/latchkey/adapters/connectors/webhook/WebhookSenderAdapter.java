package dev.latchkey.adapters.connectors.webhook;

import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookSecret;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs an event as {@code {"id","type","created_at","data"}} through the guarded client (https
 * only, the resolved address checked at every send, no redirects followed), signed per Standard
 * Webhooks: {@code webhook-id} (the event id), {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed with the
 * base64-decoded part of the {@code whsec_} secret. The start of the endpoint's answer is kept to show
 * (its first 512 characters, the secret and anything shaped like one masked).
 */
@Singleton
public final class WebhookSenderAdapter implements WebhookSenderPort {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final GuardedHttpClient http;
    private final OutboundGuard guard;
    private final JsonMapper json;

    public WebhookSenderAdapter(GuardedHttpClient http, OutboundGuard guard, JsonMapper json) {
        this.http = http;
        this.guard = guard;
        this.json = json;
    }

    @Override
    public Outcome send(URI url, Event event, WebhookSecret secret, Instant timestamp) {
        String body = body(event);
        String seconds = Long.toString(timestamp.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Latchkey-Webhooks/1");
        headers.put("webhook-id", event.id());
        headers.put("webhook-timestamp", seconds);
        headers.put("webhook-signature", "v1," + sign(secret, event.id() + "." + seconds + "." + body));
        try {
            ProviderResponse response = http.send(new ProviderRequest("POST", url, headers, Optional.of(body)));
            return Outcome.answered(response.status(), WebhookDelivery.excerpt(response.body(), secret.reveal()));
        } catch (ProviderException e) {
            return Outcome.unreachable(e.getMessage());
        }
    }

    @Override
    public Optional<String> refusal(URI url) {
        try {
            guard.check(url);
            return Optional.empty();
        } catch (ProviderException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The JSON body; the same event always gives the same text. */
    String body(Event event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", event.id());
        payload.put("type", event.type());
        payload.put("created_at", DateTimeFormatter.ISO_INSTANT.format(event.createdAt()));
        payload.put("data", new java.util.TreeMap<>(event.data()));
        try {
            return json.writeValueAsString(OBJECT, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the webhook body of event " + event.id(), e);
        }
    }

    static String sign(WebhookSecret secret, String content) {
        byte[] key = secret.key();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
