package dev.latchkey.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credentials you already hold, imported as a connection without a call to the provider:
 * {@code ImportConnectionRequest.keys("stripe", Map.of("api_key", key))} or
 * {@code ImportConnectionRequest.tokens("hubspot", accessToken).refreshToken(refresh).expiresAt(at)}.
 * Never prints the credentials.
 */
public final class ImportConnectionRequest {
    private final Map<String, Object> fields;

    private ImportConnectionRequest(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** A key-based auth type's fields ({@code api_key}, {@code username}/{@code password}...). */
    public static ImportConnectionRequest keys(String connector, Map<String, String> credentials) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("connector", connector);
        fields.put("credentials", new LinkedHashMap<>(credentials));
        return new ImportConnectionRequest(fields);
    }

    /** OAuth tokens; add {@link #refreshToken}, {@link #expiresAt}, {@link #scopes} as you have them. */
    public static ImportConnectionRequest tokens(String connector, String accessToken) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("access_token", accessToken);
        return keys(connector, credentials);
    }

    public ImportConnectionRequest refreshToken(String refreshToken) {
        return credential("refresh_token", refreshToken);
    }

    public ImportConnectionRequest expiresAt(Instant expiresAt) {
        return credential("expires_at", expiresAt.toString());
    }

    public ImportConnectionRequest tokenType(String tokenType) {
        return credential("token_type", tokenType);
    }

    public ImportConnectionRequest scopes(List<String> scopes) {
        return credential("scope", String.join(" ", scopes));
    }

    /** When the connector has several auth types. */
    public ImportConnectionRequest authType(String authType) {
        return with("auth_type", authType);
    }

    /** The connector's params (e.g. a subdomain). */
    public ImportConnectionRequest params(Map<String, String> params) {
        return with("params", Map.copyOf(params));
    }

    /** Values the token response carried that the connector uses (e.g. Salesforce's {@code instance_url}). */
    public ImportConnectionRequest tokenValues(Map<String, String> tokenValues) {
        return with("token_values", Map.copyOf(tokenValues));
    }

    /** Who it is at the provider (an email, a workspace name). */
    public ImportConnectionRequest identifier(String identifier) {
        return with("identifier", identifier);
    }

    @SuppressWarnings("unchecked")
    private ImportConnectionRequest credential(String name, String value) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        Map<String, String> credentials = new LinkedHashMap<>((Map<String, String>) fields.get("credentials"));
        credentials.put(name, value);
        next.put("credentials", credentials);
        return new ImportConnectionRequest(next);
    }

    private ImportConnectionRequest with(String field, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put(field, value);
        return new ImportConnectionRequest(next);
    }

    Map<String, Object> body() {
        return fields;
    }

    @Override
    public String toString() {
        return "ImportConnectionRequest[connector=" + fields.get("connector") + ", credentials="
                + ((Map<?, ?>) fields.get("credentials")).keySet() + "]";
    }
}
