package dev.latchkey.domain.config;

import dev.latchkey.domain.FieldViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A config as a customer or the company reads it: every current field with its value (stored, else
 * default, else null; a stored secret as {@value ConfigField#MASK}), the sections, and the stored
 * values that no longer fit their field (after a definition changed) — reported, never dropped.
 * Values of removed fields are not shown.
 */
public record ConfigReadout(List<FieldValue> fields, List<Section> sections, List<FieldViolation> fieldErrors, Optional<Instant> updatedAt) {
    public ConfigReadout {
        fields = List.copyOf(fields);
        sections = List.copyOf(sections);
        fieldErrors = List.copyOf(fieldErrors);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @param value null when there is none */
    public record FieldValue(ConfigField field, Object value) {
        public FieldValue {
            Objects.requireNonNull(field, "field");
        }
    }

    public record Section(Optional<String> name, List<String> fields) {
        public Section {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
        }
    }

    /**
     * @param values    the stored values (of current and removed fields), empty when nothing is stored
     * @param secretKeys which of them are secret (stored sealed)
     * @param updatedAt when they were saved, empty when nothing is stored
     */
    public static ConfigReadout of(ConfigFieldSet definitions, Map<String, Object> values, Set<String> secretKeys, Optional<Instant> updatedAt) {
        List<FieldValue> fields = new ArrayList<>();
        for (ConfigField field : definitions.fields()) {
            Object value = values.get(field.key());
            if (value != null && (field.secret() || secretKeys.contains(field.key()))) {
                value = ConfigField.MASK;
            } else if (value == null) {
                value = field.defaultValue();
            }
            fields.add(new FieldValue(field, value));
        }
        List<Section> sections = new ArrayList<>();
        definitions.sections().forEach((name, keys) -> sections.add(new Section(name, keys)));
        List<FieldViolation> errors = new ArrayList<>();
        Set<String> active = definitions.active(values);
        for (ConfigField field : definitions.fields()) {
            Object value = values.get(field.key());
            if (value != null && active.contains(field.key())) {
                // a value that is or was secret is never quoted, even after the field stopped being secret
                errors.addAll(ConfigFieldSet.problems(field, value, field.secret() || secretKeys.contains(field.key())));
            }
        }
        return new ConfigReadout(fields, sections, errors, updatedAt);
    }

    /** The stored values of the current fields (secrets masked), for listings. */
    public static Map<String, Object> visibleValues(ConfigFieldSet definitions, Map<String, Object> values, Set<String> secretKeys) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (ConfigField field : definitions.fields()) {
            Object value = values.get(field.key());
            if (value != null) {
                out.put(field.key(), field.secret() || secretKeys.contains(field.key()) ? ConfigField.MASK : value);
            }
        }
        return out;
    }
}
