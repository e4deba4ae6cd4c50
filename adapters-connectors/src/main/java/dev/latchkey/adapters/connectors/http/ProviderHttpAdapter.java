package dev.latchkey.adapters.connectors.http;

import dev.latchkey.application.port.out.ProviderHttpPort;
import jakarta.inject.Singleton;

/** Verification, identity and (later) proxied requests to a provider's API, through the guarded client. */
@Singleton
public final class ProviderHttpAdapter implements ProviderHttpPort {
    private final GuardedHttpClient http;

    public ProviderHttpAdapter(GuardedHttpClient http) {
        this.http = http;
    }

    @Override
    public ProviderResponse send(ProviderRequest request) {
        return http.send(request);
    }
}
