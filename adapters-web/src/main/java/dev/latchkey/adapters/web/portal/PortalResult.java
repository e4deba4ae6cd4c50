package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an app page posts to the window that framed or opened the portal (the page's
 * {@code data-result}): a connect's outcome ({@code connect_result}) or a config save's
 * ({@code config_result}). Only what the server checked goes in.
 */
public record PortalResult(String type, String status, String connector, @Nullable String connectionId, @Nullable String error,
                           @Nullable String configId) {
    static final String CONNECT = "connect_result";
    static final String CONFIG = "config_result";

    public static PortalResult connect(String status, String connector, @Nullable String connectionId, @Nullable String error) {
        return new PortalResult(CONNECT, status, connector, connectionId, error, null);
    }

    public static PortalResult configSaved(String connector, String configId) {
        return new PortalResult(CONFIG, "config_saved", connector, null, null, configId);
    }

    public static PortalResult configRejected(String connector) {
        return new PortalResult(CONFIG, "error", connector, null, "invalid_config", null);
    }

    /** The message's JSON fields, in their order; {@code config_id} only on a saved config. */
    public Map<String, Object> toModel() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", type);
        result.put("status", status);
        result.put("connector", connector);
        result.put("connection_id", connectionId);
        result.put("error", error);
        if (configId != null) {
            result.put("config_id", configId);
        }
        return result;
    }
}
