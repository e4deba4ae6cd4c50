package dev.latchkey.domain.config;

import dev.latchkey.domain.FieldViolation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered config fields of one connector: unique keys, every {@code depends_on} naming an
 * earlier field. Validates a whole set of values at once.
 */
public record ConfigFieldSet(List<ConfigField> fields) {
    public static final ConfigFieldSet NONE = new ConfigFieldSet(List.of());
    public static final int MAX_FIELDS = 100;

    public ConfigFieldSet {
        fields = List.copyOf(fields);
        if (fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("at most " + MAX_FIELDS + " fields");
        }
        Map<String, ConfigField> earlier = new HashMap<>();
        for (ConfigField field : fields) {
            field.dependsOn().ifPresent(d -> {
                ConfigField target = earlier.get(d.field());
                if (target == null) {
                    throw new IllegalArgumentException("'" + field.key() + "' depends on '" + d.field()
                            + "', which is not a field declared before it");
                }
                if (target.secret()) {
                    throw new IllegalArgumentException("'" + field.key() + "' depends on the secret field '" + d.field() + "'");
                }
            });
            if (earlier.put(field.key(), field) != null) {
                throw new IllegalArgumentException("the key '" + field.key() + "' is used twice");
            }
        }
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public Optional<ConfigField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The sections in the order of their first field, each with its fields' keys in order; the unnamed section is empty. */
    public Map<Optional<String>, List<String>> sections() {
        Map<Optional<String>, List<String>> sections = new LinkedHashMap<>();
        fields.forEach(f -> sections.computeIfAbsent(f.section(), s -> new ArrayList<>()).add(f.key()));
        return sections;
    }

    /**
     * The keys of the fields that are in play for these values: those without {@code depends_on}, and
     * those whose {@code depends_on} holds for the value (else the default) of a field in play.
     */
    public Set<String> active(Map<String, ?> values) {
        Set<String> active = new HashSet<>();
        for (ConfigField field : fields) {
            boolean on = field.dependsOn().map(d -> active.contains(d.field()) && d.holdsFor(effective(d.field(), values))).orElse(true);
            if (on) {
                active.add(field.key());
            }
        }
        return active;
    }

    /** Every problem with a complete set of values at once: unknown keys, required fields in play, and each value in play. */
    public List<FieldViolation> violations(Map<String, ?> values) {
        return violations(values, Set.of());
    }

    /**
     * As {@link #violations(Map)}, where the values of {@code sealed} keys are secrets the customer did not send (kept
     * by sending {@value ConfigField#MASK}): their problems never quote them.
     */
    public List<FieldViolation> violations(Map<String, ?> values, Set<String> sealed) {
        List<FieldViolation> found = new ArrayList<>();
        Set<String> known = new HashSet<>(fields.stream().map(ConfigField::key).toList());
        values.keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k -> found.add(new FieldViolation(k,
                "is not a config field of this app" + (known.isEmpty() ? "; it has none" : "; fields: "
                        + String.join(", ", fields.stream().map(ConfigField::key).toList())))));
        Set<String> active = active(values);
        for (ConfigField field : fields) {
            Object value = values.get(field.key());
            if (!active.contains(field.key())) {
                if (value != null && JsonValues.containsNul(value)) {
                    found.add(new FieldViolation(field.key(), ConfigValidation.NUL)); // kept unchecked, but it must be storable
                }
                continue;
            }
            if (value == null) {
                if (field.required() && field.defaultValue() == null) {
                    found.add(new FieldViolation(field.key(), "is required"));
                }
                continue;
            }
            if (field.required() && isBlank(value)) {
                found.add(new FieldViolation(field.key(), "is required"));
                continue;
            }
            found.addAll(problems(field, value, sealed.contains(field.key())));
            if (field.required() && field.kind() instanceof FieldKind.Mapping mapping && value instanceof Map<?, ?> map) {
                mapping.sources().stream().filter(s -> !map.containsKey(s.key()))
                        .forEach(s -> found.add(new FieldViolation(field.key() + "." + s.key(), "is required: map " + s.label())));
            }
        }
        return found;
    }

    /** The problems of one value under one field (its type and rules; not whether it is required). */
    public static List<FieldViolation> problems(ConfigField field, Object value) {
        return ConfigValidation.problems(field.kind(), value).stream()
                .map(p -> new FieldViolation(p.entry().map(e -> field.key() + "." + e).orElse(field.key()), p.message()))
                .toList();
    }

    /**
     * The problems of one value under one field; when the value is {@code sealed} (a secret, stored or kept), one
     * message that names the field and never quotes the value, which an option check ("'x' is not one of the
     * options") or a mapping entry's key would.
     */
    public static List<FieldViolation> problems(ConfigField field, Object value, boolean sealed) {
        List<FieldViolation> found = problems(field, value);
        return !sealed || found.isEmpty() ? found : List.of(new FieldViolation(field.key(), SEALED_PROBLEM));
    }

    static final String SEALED_PROBLEM = "holds a secret value that does not fit this field (the value is not shown); enter a new value";

    private Object effective(String key, Map<String, ?> values) {
        Object value = values.get(key);
        return value != null ? value : field(key).map(ConfigField::defaultValue).orElse(null);
    }

    private static boolean isBlank(Object value) {
        return value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }
}
