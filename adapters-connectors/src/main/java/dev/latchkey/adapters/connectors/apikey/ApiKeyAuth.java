package dev.latchkey.adapters.connectors.apikey;

import dev.latchkey.adapters.connectors.support.FieldValues;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.Credentials;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An API key ({@code type: api_key}): the customer's fields, put in a header or query parameter through the format template. */
@Singleton
public final class ApiKeyAuth implements AuthSchemePort {
    private static final String TYPE_NAME = AuthMethod.API_KEY;

    @Override
    public String type() {
        return AuthMethod.API_KEY;
    }

    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        return AuthCapabilities.typed(TYPE_NAME, "API key", method.fields());
    }

    @Override
    public Grant obtain(Context context, Map<String, String> fields) {
        return new Grant(Credentials.ofFields(FieldValues.require(method(context).fields(), fields)), Map.of(), List.of());
    }

    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        return Optional.empty();
    }

    /** A key is revoked by the customer at the provider; Latchkey only forgets it. */
    @Override
    public void revoke(Context context, Credentials current) {
        // Providers offer no API to revoke a key with the key itself.
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        AuthMethod.ApiKey method = method(context);
        String value = method.format().fill(current.fields());
        return switch (method.placement()) {
            case HEADER -> new Signature(Map.of(method.name(), value), Map.of());
            case QUERY -> new Signature(Map.of(), Map.of(method.name(), value));
        };
    }

    private static AuthMethod.ApiKey method(Context context) {
        if (context.method() instanceof AuthMethod.ApiKey method) {
            return method;
        }
        throw new IllegalArgumentException("the api_key scheme got an auth method of type " + context.method().type());
    }
}
