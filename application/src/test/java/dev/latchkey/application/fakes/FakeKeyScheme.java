package dev.latchkey.application.fakes;

import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A key-based scheme ({@code api_key} unless told otherwise, e.g. {@code basic}): the customer's
 * fields are the credentials as they are; requests are signed as the connector declares.
 */
public final class FakeKeyScheme extends RecordingAuthScheme {
    private final String type;
    private final List<Map<String, String>> obtained = new ArrayList<>();

    public FakeKeyScheme() {
        this(AuthMethod.API_KEY);
    }

    public FakeKeyScheme(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        return AuthCapabilities.typed(type, type, method.fields());
    }

    @Override
    public synchronized Grant obtain(Context context, Map<String, String> fields) {
        record("obtain", context);
        obtained.add(Map.copyOf(fields));
        throwIfArmed();
        return new Grant(Credentials.ofFields(fields), Map.of(), List.of());
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        record("sign", context);
        return switch (context.method()) {
            case AuthMethod.ApiKey key -> key.placement() == AuthMethod.Placement.HEADER
                    ? new Signature(Map.of(key.name(), key.format().fill(current.fields())), Map.of())
                    : new Signature(Map.of(), Map.of(key.name(), key.format().fill(current.fields())));
            case AuthMethod.Basic basic -> new Signature(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basic.username().fill(current.fields()) + ":" + basic.password().fill(current.fields()))
                            .getBytes(StandardCharsets.UTF_8))), Map.of());
            default -> throw new IllegalStateException(type + " cannot sign for " + context.method().type());
        };
    }

    /** The fields of every obtain call, in order. */
    public synchronized List<Map<String, String>> obtained() {
        return List.copyOf(obtained);
    }
}
