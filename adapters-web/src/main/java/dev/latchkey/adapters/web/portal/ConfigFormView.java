package dev.latchkey.adapters.web.portal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The config form of an app page: its sections of fields (as {@link PortalConfigForm} builds them),
 * whether it was just saved, and every error at once, each linking to its field.
 */
public record ConfigFormView(String action, boolean saved, List<Map<String, Object>> sections, String errorsTitle,
                             List<ConfigError> errors) {
    public ConfigFormView {
        sections = List.copyOf(sections);
        errors = List.copyOf(errors);
    }

    /** One error in the summary: the id of the field it links to, and "Label: message". */
    public record ConfigError(String id, String text) {
        public static ConfigError of(String field, String label, String message) {
            return new ConfigError("config-" + field.replace('.', '-'), label + ": " + message);
        }
    }

    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("action", action);
        model.put("saved", saved);
        model.put("sections", sections);
        model.put("errors_title", errorsTitle);
        model.put("errors", errors.stream().map(e -> Map.of("id", e.id(), "text", e.text())).toList());
        return model;
    }
}
