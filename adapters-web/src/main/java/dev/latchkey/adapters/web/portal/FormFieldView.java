package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One input of the connect form ({@code params.x} or {@code credentials.y}): a secret is a password
 * input and never sent back; help and error are tied to it with {@code aria-describedby}.
 */
public record FormFieldView(String id, String inputName, String label, boolean secret, boolean required, @Nullable String help,
                            @Nullable String error, @Nullable String value) {
    /**
     * @param errors by input name; @param values what was submitted, by input name (a secret's is dropped)
     */
    public static FormFieldView of(String name, String label, boolean secret, boolean required, Optional<String> help,
                                   Map<String, String> errors, Map<String, String> values) {
        return new FormFieldView("field-" + name.replace('.', '-'), name, label, secret, required, help.orElse(null), errors.get(name),
                secret ? null : values.get(name));
    }

    /** The ids of the help and error texts, space-separated; null when there is neither. */
    public @Nullable String describedBy() {
        List<String> ids = new ArrayList<>();
        if (help != null) {
            ids.add(id + "-help");
        }
        if (error != null) {
            ids.add(id + "-error");
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    public Map<String, Object> toModel() {
        Map<String, Object> field = new HashMap<>();
        field.put("id", id);
        field.put("input_name", inputName);
        field.put("label", label);
        field.put("type", secret ? "password" : "text");
        field.put("required", required);
        field.put("help", help);
        field.put("error", error);
        field.put("value", value);
        field.put("describedby", describedBy());
        return field;
    }
}
