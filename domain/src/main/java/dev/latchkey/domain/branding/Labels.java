package dev.latchkey.domain.branding;

import dev.latchkey.domain.StorableText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Overrides of the portal's visible texts, by documented key. Every text the portal shows has a
 * key here, so a company can replace any of them (in any language). {@code {app}} in a text is
 * replaced by the app's name where the text is about one app.
 */
public record Labels(Map<String, String> values) {
    public static final Labels NONE = new Labels(Map.of());
    public static final int MAX_LENGTH = 500;

    /** Every key, in the order the README documents them. */
    public static final List<String> KEYS = List.of(
            "portal_title", "portal_intro", "search_label", "search_placeholder", "no_apps",
            "status_connected", "status_needs_reconnect", "status_not_connected",
            "back_to_apps", "connect_button", "connect_another_button", "connect_oauth_help", "connect_keys_help", "reconnect_button", "reconnect_help",
            "disconnect_button", "disconnect_confirm_title", "disconnect_confirm_text", "disconnect_confirm_button", "cancel_button",
            "connected_message", "disconnected_message", "connect_failed_message", "connection_label",
            "config_title", "config_placeholder", "config_save", "config_saved_message", "config_errors_title", "options_search_label",
            "done_button", "done_title", "done_text", "powered_by", "privacy_link", "terms_link", "support_link",
            "link_invalid_title", "link_invalid_text", "session_expired_title", "session_expired_text",
            "forbidden_title", "forbidden_text", "oauth_connected_title", "oauth_failed_title", "required_field", "invalid_number", "invalid_json",
            "skip_link");

    public Labels {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not a label key; the keys are listed in the README (Branding)");
            }
            if (e.getValue() == null || e.getValue().isBlank() || e.getValue().length() > MAX_LENGTH) {
                throw new IllegalArgumentException("'" + e.getKey() + "' must be a text of 1 to " + MAX_LENGTH + " characters");
            }
            String text = e.getValue();
            StorableText.problem(text).ifPresent(problem -> {
                throw new IllegalArgumentException("'" + e.getKey() + "' " + problem);
            });
            copy.put(e.getKey(), text);
        }
        values = Map.copyOf(copy);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** These labels, with {@code overrides} winning. */
    public Labels with(Labels overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        return new Labels(merged);
    }
}
