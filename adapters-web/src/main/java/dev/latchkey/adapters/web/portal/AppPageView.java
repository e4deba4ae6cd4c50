package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's page: its state, connections, connect form and (once connected) config form, the notice
 * and result of what just happened, and the CSRF token its forms carry.
 *
 * @param texts      the page's texts with {@code {app}} filled in
 * @param resultJson the {@link PortalResult} as JSON, for the page's script to post
 * @param connected  the session's connected apps, comma-separated, for Done
 */
public record AppPageView(Map<String, String> texts, AppSummaryView app, @Nullable String resultJson, @Nullable StatusMessage message,
                          String csrf, String connected, List<ConnectionView> connections, ConnectFormView connect,
                          @Nullable ConfigFormView config) implements PageView {
    public AppPageView {
        connections = List.copyOf(connections);
    }

    @Override
    public String template() {
        return "app";
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("t", texts);
        model.put("app", app.toModel());
        model.put("result", resultJson);
        model.put("message", message == null ? null : message.toModel());
        model.put("csrf", csrf);
        model.put("connected", connected);
        model.put("connections", connections.stream().map(ConnectionView::toModel).toList());
        model.put("connect", connect.toModel());
        model.put("config", config == null ? null : config.toModel());
        return model;
    }
}
