package dev.latchkey.adapters.web.portal;

import java.util.HashMap;
import java.util.Map;

/** "Disconnect this connection?": its label, and a form (with the CSRF token) that does it. */
public record ConfirmDisconnectView(Map<String, String> texts, String label, String csrf, String action, String cancelHref)
        implements PageView {
    @Override
    public String template() {
        return "confirm";
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("t", texts);
        model.put("label", label);
        model.put("csrf", csrf);
        model.put("action", action);
        model.put("cancel_href", cancelHref);
        return model;
    }
}
