package dev.latchkey.adapters.connectors.http;

import dev.latchkey.application.port.out.ProviderHttpPort;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Optional;

/**
 * Verification, identity and (later) proxied requests to a provider's API, through the guarded
 * client. A JSON body is also handed over parsed, for the connectors' JSON pointers.
 */
@Singleton
public final class ProviderHttpAdapter implements ProviderHttpPort {
    private final GuardedHttpClient http;
    private final OutboundGuard guard;
    private final JsonMapper json;

    public ProviderHttpAdapter(GuardedHttpClient http, OutboundGuard guard, JsonMapper json) {
        this.http = http;
        this.guard = guard;
        this.json = json;
    }

    @Override
    public java.util.List<java.net.InetAddress> checkDestination(java.net.URI uri) {
        return guard.check(uri);
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        ProviderResponse response = http.send(request);
        return new ProviderResponse(response.status(), response.headers(), response.body(), parse(response.body()));
    }

    private Optional<Object> parse(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(trimmed, Argument.OBJECT_ARGUMENT));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
