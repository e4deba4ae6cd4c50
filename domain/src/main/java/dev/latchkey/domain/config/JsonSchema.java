package dev.latchkey.domain.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subset of JSON Schema a {@code json} field may declare: {@code type} (one or a list of object,
 * array, string, number, integer, boolean, null), {@code properties}, {@code required}, {@code items},
 * {@code enum}, {@code minimum}, {@code maximum}, {@code minLength}, {@code maxLength}. Other keywords
 * are refused rather than ignored, so nobody believes a rule is enforced when it is not.
 */
public final class JsonSchema {
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "items", "enum", "minimum", "maximum",
            "minLength", "maxLength", "title", "description");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final int MAX_DEPTH = 16;

    private final Map<String, Object> source;
    private final List<String> types;
    private final Map<String, JsonSchema> properties;
    private final List<String> required;
    private final Optional<JsonSchema> items;
    private final Optional<List<Object>> enumValues;
    private final Optional<BigDecimal> minimum;
    private final Optional<BigDecimal> maximum;
    private final Optional<Integer> minLength;
    private final Optional<Integer> maxLength;

    private JsonSchema(Map<String, Object> source, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
        }
        for (String key : source.keySet()) {
            if (!KEYWORDS.contains(key)) {
                throw new IllegalArgumentException("uses '" + key + "', which is not supported; supported: type, properties, required, "
                        + "items, enum, minimum, maximum, minLength, maxLength");
            }
        }
        this.source = source;
        this.types = types(source.get("type"));
        Map<String, JsonSchema> props = new LinkedHashMap<>();
        Object rawProps = source.get("properties");
        if (rawProps != null) {
            if (!(rawProps instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("properties must be an object of schemas");
            }
            map.forEach((k, v) -> props.put(String.valueOf(k), new JsonSchema(object(v, "properties." + k), depth + 1)));
        }
        this.properties = Map.copyOf(props);
        this.required = strings(source.get("required"), "required");
        this.items = Optional.ofNullable(source.get("items")).map(v -> new JsonSchema(object(v, "items"), depth + 1));
        Object rawEnum = source.get("enum");
        if (rawEnum != null && (!(rawEnum instanceof List<?> list) || list.isEmpty())) {
            throw new IllegalArgumentException("enum must be a non-empty list");
        }
        // null is a legal enum member (JSON null), so no List.copyOf here
        this.enumValues = Optional.ofNullable(rawEnum).map(e -> Collections.unmodifiableList(new ArrayList<>((List<?>) e)));
        this.minimum = number(source.get("minimum"), "minimum");
        this.maximum = number(source.get("maximum"), "maximum");
        this.minLength = length(source.get("minLength"), "minLength");
        this.maxLength = length(source.get("maxLength"), "maxLength");
    }

    /** @throws IllegalArgumentException naming what is wrong with the schema */
    public static JsonSchema of(Map<String, Object> source) {
        return new JsonSchema(source, 0);
    }

    /** The schema as it was declared. */
    public Map<String, Object> source() {
        return source;
    }

    /** What is wrong with {@code value}, each message starting with where ({@code at /address/city: ...}); empty when it conforms. */
    public List<String> problems(Object value) {
        List<String> out = new ArrayList<>();
        check(value, "", out);
        return out;
    }

    private void check(Object value, String at, List<String> out) {
        String where = at.isEmpty() ? "" : "at " + at + ": ";
        if (!types.isEmpty() && types.stream().noneMatch(t -> is(t, value))) {
            out.add(where + "must be " + String.join(" or ", types) + " (got " + JsonValues.typeOf(value) + ")");
            return;
        }
        enumValues.ifPresent(allowed -> {
            if (allowed.stream().noneMatch(a -> JsonValues.same(a, value))) {
                out.add(where + "must be one of the enum values");
            }
        });
        if (value instanceof Number n && !JsonValues.isFinite(n)) {
            out.add(where + "must be a finite number");
        } else if (value instanceof Number n) {
            BigDecimal d = JsonValues.decimal(n);
            minimum.filter(min -> d.compareTo(min) < 0).ifPresent(min -> out.add(where + "must be at least " + min.toPlainString()));
            maximum.filter(max -> d.compareTo(max) > 0).ifPresent(max -> out.add(where + "must be at most " + max.toPlainString()));
        }
        if (value instanceof String s) {
            int length = s.codePointCount(0, s.length());
            minLength.filter(min -> length < min).ifPresent(min -> out.add(where + "must be at least " + min + " characters"));
            maxLength.filter(max -> length > max).ifPresent(max -> out.add(where + "must be at most " + max + " characters"));
        }
        if (value instanceof Map<?, ?> map) {
            for (String name : required) {
                if (!map.containsKey(name)) {
                    out.add((at.isEmpty() ? "" : "at " + at + ": ") + "must have the property '" + name + "'");
                }
            }
            properties.forEach((name, schema) -> {
                if (map.containsKey(name)) {
                    schema.check(map.get(name), at + "/" + name, out);
                }
            });
        }
        if (value instanceof List<?> list && items.isPresent()) {
            for (int i = 0; i < list.size(); i++) {
                items.get().check(list.get(i), at + "/" + i, out);
            }
        }
    }

    private static boolean is(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map<?, ?>;
            case "array" -> value instanceof List<?>;
            case "string" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Number n && JsonValues.isFinite(n) && isWhole(n);
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            default -> false;
        };
    }

    static boolean isWhole(Number n) {
        BigDecimal d = JsonValues.decimal(n);
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static List<String> types(Object raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> types = raw instanceof String s ? List.of(s) : strings(raw, "type");
        for (String type : types) {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("type must be object, array, string, number, integer, boolean or null (got '" + type + "')");
            }
        }
        return types;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object raw, String what) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a schema (an object)");
        }
        return (Map<String, Object>) raw;
    }

    private static List<String> strings(Object raw, String what) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(what + " must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static Optional<BigDecimal> number(Object raw, String what) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Number n) || !JsonValues.isFinite(n)) {
            throw new IllegalArgumentException(what + " must be a number");
        }
        return Optional.of(JsonValues.decimal(n));
    }

    private static Optional<Integer> length(Object raw, String what) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Number n) || !JsonValues.isFinite(n) || !isWhole(n) || JsonValues.decimal(n).signum() < 0
                || JsonValues.decimal(n).compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(what + " must be a whole number, 0 or more");
        }
        return Optional.of(n.intValue());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonSchema that && JsonValues.same(source, that.source);
    }

    @Override
    public int hashCode() {
        return source.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "JsonSchema" + source.keySet();
    }
}
