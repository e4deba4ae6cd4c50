package dev.latchkey.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /v1/connect-links} takes: {@code ConnectLinkRequest.forAccount("cust-42")
 * .connectors("hubspot", "slack").returnUrl("https://app.acme.com/integrations")}. Left out:
 * every enabled app, the {@code default} config, no return URL, one hour, the workspace's branding.
 */
public final class ConnectLinkRequest {
    private final Map<String, Object> fields;

    private ConnectLinkRequest(Map<String, Object> fields) {
        this.fields = fields;
    }

    public static ConnectLinkRequest forAccount(String linkedAccountId) {
        if (linkedAccountId == null || linkedAccountId.isEmpty()) {
            throw new IllegalArgumentException("linkedAccountId is required");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("linked_account_id", linkedAccountId);
        return new ConnectLinkRequest(fields);
    }

    /** Only these apps are shown. */
    public ConnectLinkRequest connectors(String... slugs) {
        return with("connectors", List.of(slugs));
    }

    /** The named config the portal edits. */
    public ConnectLinkRequest configId(String configId) {
        return with("config_id", configId);
    }

    /** Where Done returns to; must be under one of the workspace's allowed origins. */
    public ConnectLinkRequest returnUrl(String returnUrl) {
        return with("return_url", returnUrl);
    }

    /** 60 seconds to 7 days; one hour when left out. */
    public ConnectLinkRequest expiresIn(Duration lifetime) {
        return with("expires_in", lifetime.toSeconds());
    }

    /** Per-link overrides of branding fields ({@code primary_color}, {@code labels}...). */
    public ConnectLinkRequest branding(Map<String, ?> overrides) {
        return with("branding", overrides);
    }

    private ConnectLinkRequest with(String field, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put(field, value);
        return new ConnectLinkRequest(next);
    }

    Map<String, Object> body() {
        return fields;
    }

    @Override
    public String toString() {
        return "ConnectLinkRequest" + fields;
    }
}
