package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.connector.ConnectorIcons;
import dev.latchkey.application.port.in.AppView;
import dev.latchkey.domain.connection.ConnectionStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * An app as the list and its own page show it: name, icon, and a badge for its state
 * ({@code connected}, {@code expired}: needs a reconnect, {@code not-connected}).
 */
public record AppSummaryView(String slug, String name, String iconUrl, String state, String stateText, boolean connected) {
    public static AppSummaryView of(AppView app, Map<String, String> texts) {
        String state = app.status().map(s -> s == ConnectionStatus.ACTIVE ? "connected" : "expired").orElse("not-connected");
        String stateText = switch (state) {
            case "connected" -> texts.get("status_connected");
            case "expired" -> texts.get("status_needs_reconnect");
            default -> texts.get("status_not_connected");
        };
        return new AppSummaryView(app.definition().slug().value(), app.definition().name(), ConnectorIcons.src(app.definition()), state, stateText,
                app.connected());
    }

    /** The app's page. */
    public String href() {
        return "/portal/apps/" + slug;
    }

    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("slug", slug);
        model.put("name", name);
        model.put("icon_url", iconUrl);
        model.put("state", state);
        model.put("state_text", stateText);
        model.put("href", href());
        model.put("connected", connected);
        return model;
    }
}
