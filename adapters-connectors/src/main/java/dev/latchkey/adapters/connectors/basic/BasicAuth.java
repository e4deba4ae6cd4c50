package dev.latchkey.adapters.connectors.basic;

import dev.latchkey.adapters.connectors.support.FieldValues;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.Credentials;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP Basic ({@code type: basic}): username and password filled from the customer's fields. */
@Singleton
public final class BasicAuth implements AuthSchemePort {

    @Override
    public String type() {
        return AuthMethod.BASIC;
    }

    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        return AuthCapabilities.typed(AuthMethod.BASIC, "Username and password", method.fields());
    }

    @Override
    public Grant obtain(Context context, Map<String, String> fields) {
        return new Grant(Credentials.ofFields(FieldValues.require(method(context).fields(), fields)), Map.of(), List.of());
    }

    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        return Optional.empty();
    }

    @Override
    public void revoke(Context context, Credentials current) {
        // Basic credentials are the customer's own; nothing to revoke with them.
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        AuthMethod.Basic method = method(context);
        String pair = method.username().fill(current.fields()) + ":" + method.password().fill(current.fields());
        return new Signature(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
                Map.of());
    }

    private static AuthMethod.Basic method(Context context) {
        if (context.method() instanceof AuthMethod.Basic method) {
            return method;
        }
        throw new IllegalArgumentException("the basic scheme got an auth method of type " + context.method().type());
    }
}
