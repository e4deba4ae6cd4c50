package dev.latchkey.adapters.web.portal;

import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;

import java.util.Map;

/** One connection on an app page: its label, state badge, and the link to disconnect it. */
public record ConnectionView(String label, String state, String stateText, String disconnectHref) {
    public static ConnectionView of(String slug, Connection c, Map<String, String> texts) {
        boolean active = c.status() == ConnectionStatus.ACTIVE;
        return new ConnectionView(label(c, texts), active ? "connected" : "expired",
                active ? texts.get("status_connected") : texts.get("status_needs_reconnect"),
                "/portal/apps/" + slug + "/connections/" + c.id() + "/disconnect");
    }

    /** What the customer knows the connection by: the account's identifier, else a short id. */
    public static String label(Connection c, Map<String, String> texts) {
        return c.identifier().orElse(texts.get("connection_label") + " " + c.id().toString().substring(0, 8));
    }

    public Map<String, Object> toModel() {
        return Map.of("label", label, "state", state, "state_text", stateText, "disconnect_href", disconnectHref);
    }
}
