package dev.latchkey.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code PUT /v1/connectors/{slug}/settings} changes; fields left out stay as they are:
 * {@code ConnectorSettings.oauthApp(clientId, clientSecret).scopes(List.of("crm.objects.contacts.read"))}.
 * The client secret is stored encrypted by Latchkey, never returned, and never printed here.
 */
public final class ConnectorSettings {
    private final Map<String, Object> fields;

    private ConnectorSettings(Map<String, Object> fields) {
        this.fields = fields;
    }

    public static ConnectorSettings enabled(boolean enabled) {
        return new ConnectorSettings(new LinkedHashMap<>()).andEnabled(enabled);
    }

    /** Your own OAuth app at the provider (white-label). */
    public static ConnectorSettings oauthApp(String clientId, String clientSecret) {
        return new ConnectorSettings(new LinkedHashMap<>()).with("client_id", clientId).with("client_secret", clientSecret);
    }

    public ConnectorSettings andEnabled(boolean enabled) {
        return with("enabled", enabled);
    }

    /** Replaces the connector's default scopes; an empty list restores them. */
    public ConnectorSettings scopes(List<String> scopes) {
        return with("scopes", List.copyOf(scopes));
    }

    private ConnectorSettings with(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put(field, value);
        return new ConnectorSettings(next);
    }

    Map<String, Object> body() {
        return fields;
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>(fields);
        shown.computeIfPresent("client_secret", (k, v) -> "***");
        return "ConnectorSettings" + shown;
    }
}
