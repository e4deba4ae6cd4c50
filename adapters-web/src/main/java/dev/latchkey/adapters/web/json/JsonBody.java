package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.FieldChange;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.StorableText;
import dev.latchkey.domain.Violations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a JSON request body field by field and collects every problem, wrong types and broken
 * rules alike, so the caller hears about all of them in one answer. Unknown fields are refused:
 * a typo such as {@code "nmae"} must not be silently ignored. A field {@link StrictJson} refused
 * (sent twice, or holding text that cannot be stored) is reported as such and not read further.
 */
public final class JsonBody {
    private final JsonNode node;
    private final JsonMapper mapper;
    private final Set<String> refused;
    private final Violations violations = new Violations();

    private JsonBody(JsonNode node, JsonMapper mapper, Set<String> refused) {
        this.node = node;
        this.mapper = mapper;
        this.refused = refused;
    }

    static JsonBody of(@Nullable JsonNode node, JsonMapper mapper, StrictJson.Problems problems, String... knownFields) {
        if (node == null || !node.isObject()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        JsonBody body = new JsonBody(node, mapper, problems.refusedKeys());
        problems.violations().forEach(v -> body.violations.add(v.field(), v.message()));
        Set<String> known = Set.of(knownFields);
        for (var entry : node.entries()) {
            if (!known.contains(entry.getKey()) && !body.refused.contains(entry.getKey())) {
                body.violations.add(StorableText.fieldName(entry.getKey()),
                        "is not a field of this request; known fields: " + String.join(", ", knownFields));
            }
        }
        return body;
    }

    /** The field's value as sent; null when absent or when the strict rules refused it (already reported). */
    private @Nullable JsonNode value(String field) {
        return refused.contains(field) ? null : node.get(field);
    }

    /** A required string, turned into a value type by {@code convert} (whose refusal becomes a violation). */
    public <T> T required(String field, Function<String, T> convert) {
        if (refused.contains(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(field, "is required");
            return null;
        }
        if (!value.isString()) {
            violations.add(field, "must be a string");
            return null;
        }
        return violations.check(field, () -> convert.apply(value.getStringValue()));
    }

    /** An optional string: absent or null is empty. */
    public <T> Optional<T> optional(String field, Function<String, T> convert) {
        return change(field, convert) instanceof FieldChange.Set<T> set ? set.value() : Optional.empty();
    }

    /** A field of a partial update: absent keeps, null clears, a string sets. */
    public <T> FieldChange<T> change(String field, Function<String, T> convert) {
        JsonNode value = value(field);
        if (value == null) {
            return FieldChange.keep();
        }
        if (value.isNull()) {
            return FieldChange.set(Optional.empty());
        }
        if (!value.isString()) {
            violations.add(field, "must be a string or null");
            return FieldChange.keep();
        }
        T converted = violations.check(field, () -> convert.apply(value.getStringValue()));
        return converted == null ? FieldChange.keep() : FieldChange.set(Optional.of(converted));
    }

    /** A field that must hold a JSON object, handed to {@code convert} as its serialized text. */
    public <T> FieldChange<T> objectChange(String field, Function<String, T> convert) {
        JsonNode value = value(field);
        if (value == null) {
            return FieldChange.keep();
        }
        if (value.isNull()) {
            return FieldChange.set(Optional.empty());
        }
        if (!value.isObject()) {
            violations.add(field, "must be a JSON object, e.g. {\"plan\": \"pro\"}");
            return FieldChange.keep();
        }
        T converted = violations.check(field, () -> convert.apply(serialize(value)));
        return converted == null ? FieldChange.keep() : FieldChange.set(Optional.of(converted));
    }

    /** An optional whole number. */
    public Optional<Long> optionalInteger(String field) {
        JsonNode value = value(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || !isWhole(value)) {
            violations.add(field, "must be a whole number");
            return Optional.empty();
        }
        return Optional.of(value.getLongValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = value(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            violations.add(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.getBooleanValue());
    }

    /** An optional list of strings. */
    public Optional<List<String>> optionalStrings(String field) {
        JsonNode value = value(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value.values()) {
                if (!item.isString()) {
                    violations.add(field, "must be a list of strings");
                    return Optional.empty();
                }
                out.add(item.getStringValue());
            }
            return Optional.of(out);
        }
        violations.add(field, "must be a list of strings");
        return Optional.empty();
    }

    /** An optional object whose values are all strings, such as params or credentials. */
    public Map<String, String> stringMap(String field) {
        JsonNode value = value(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            violations.add(field, "must be an object of names to strings");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var entry : value.entries()) {
            if (entry.getValue().isString()) {
                out.put(entry.getKey(), entry.getValue().getStringValue());
            } else {
                violations.add(field + "." + StorableText.fieldName(entry.getKey()), "must be a string");
            }
        }
        return out;
    }

    public <T> T check(String field, Supplier<T> build) {
        return violations.check(field, build);
    }

    public JsonBody violation(String field, String message) {
        violations.add(field, message);
        return this;
    }

    /** Throws every violation found so far, if any. */
    public void validate() {
        violations.throwIfAny();
    }

    private static boolean isWhole(JsonNode value) {
        double d = value.getDoubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15;
    }

    private String serialize(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
