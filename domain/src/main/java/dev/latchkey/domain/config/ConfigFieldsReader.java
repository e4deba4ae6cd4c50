package dev.latchkey.domain.config;

import dev.latchkey.domain.Violations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads config-field definitions from their parsed JSON/YAML form (maps and lists) and writes them
 * back in the same form. Every problem is reported at once under its path, such as
 * {@code fields[2].options} or {@code config_fields[0].depends_on.field}. Keys absent or null mean
 * "not set", so a definition read back can be sent again unchanged.
 */
public final class ConfigFieldsReader {
    private static final Set<String> COMMON = Set.of("key", "label", "type", "required", "default", "help_text", "placeholder", "hidden",
            "secret", "section", "depends_on");
    private static final Map<String, Set<String>> BY_TYPE = Map.ofEntries(
            Map.entry("text", Set.of("min_length", "max_length", "pattern")),
            Map.entry("textarea", Set.of("min_length", "max_length", "pattern")),
            Map.entry("email", Set.of()),
            Map.entry("url", Set.of()),
            Map.entry("date", Set.of()),
            Map.entry("number", Set.of("min", "max", "integer")),
            Map.entry("boolean", Set.of()),
            Map.entry("json", Set.of("schema")),
            Map.entry("select", Set.of("options", "options_from")),
            Map.entry("multi_select", Set.of("options", "options_from")),
            Map.entry("mapping", Set.of("options", "options_from", "sources")));
    private static final int MAX_PATTERN_LENGTH = 1000;

    private ConfigFieldsReader() {
    }

    /** @throws dev.latchkey.domain.InvalidInputException listing every problem, under {@code path} */
    public static ConfigFieldSet read(Object raw, String path) {
        Violations v = new Violations();
        ConfigFieldSet set = read(raw, path, v);
        v.throwIfAny();
        return set;
    }

    /** Records every problem in {@code v}; returns what could be read (the fields without problems). */
    public static ConfigFieldSet read(Object raw, String path, Violations v) {
        if (raw == null) {
            return ConfigFieldSet.NONE;
        }
        if (!(raw instanceof List<?> list)) {
            v.add(path, "must be a list of field definitions");
            return ConfigFieldSet.NONE;
        }
        if (list.size() > ConfigFieldSet.MAX_FIELDS) {
            v.add(path, "must have at most " + ConfigFieldSet.MAX_FIELDS + " fields");
            return ConfigFieldSet.NONE;
        }
        List<ConfigField> fields = new ArrayList<>();
        Map<String, ConfigField> byKey = new LinkedHashMap<>();
        boolean complete = true;
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                v.add(at, "must be an object with key, label and type");
                complete = false;
                continue;
            }
            ConfigField field = field(v, at, map, byKey);
            if (field == null) {
                complete = false;
            } else if (byKey.containsKey(field.key())) {
                v.add(at + ".key", "'" + field.key() + "' is already the key of an earlier field");
                complete = false;
            } else {
                byKey.put(field.key(), field);
                fields.add(field);
            }
        }
        if (!complete) {
            return ConfigFieldSet.NONE;
        }
        ConfigFieldSet set = v.check(path, () -> new ConfigFieldSet(fields));
        return set == null ? ConfigFieldSet.NONE : set;
    }

    private static ConfigField field(Violations v, String at, Map<?, ?> raw, Map<String, ConfigField> earlier) {
        if (JsonValues.containsNul(raw)) {
            v.add(at, ConfigValidation.NUL);
            return null;
        }
        int before = count(v);
        Node n = new Node(v, at, raw);
        String type = n.text("type", true);
        Set<String> known = new TreeSet<>(COMMON);
        if (type != null && !BY_TYPE.containsKey(type)) {
            v.add(n.path("type"), "must be one of " + String.join(", ", new TreeSet<>(BY_TYPE.keySet())));
            type = null;
        }
        if (type != null) {
            known.addAll(BY_TYPE.get(type));
        }
        for (Object key : raw.keySet()) {
            if (!known.contains(String.valueOf(key)) && raw.get(key) != null) {
                boolean otherType = BY_TYPE.values().stream().anyMatch(s -> s.contains(String.valueOf(key)));
                v.add(n.path(String.valueOf(key)), otherType && type != null ? "does not apply to a " + type + " field"
                        : "is not a known key; known keys: " + String.join(", ", known));
            }
        }
        String key = n.text("key", true);
        if (key != null) {
            v.check(n.path("key"), () -> {
                Texts.requireKey(key, "key");
                return key;
            });
        }
        String label = n.text("label", true);
        boolean required = n.bool("required");
        boolean hidden = n.bool("hidden");
        boolean secret = n.bool("secret");
        Optional<String> help = Optional.ofNullable(n.text("help_text", false));
        Optional<String> placeholder = Optional.ofNullable(n.text("placeholder", false));
        Optional<String> section = Optional.ofNullable(n.text("section", false));
        Optional<DependsOn> dependsOn = dependsOn(v, n, key, earlier);
        FieldKind kind = type == null ? null : kind(v, n, type);
        if (count(v) > before || kind == null) {
            return null;
        }
        Object defaultValue = raw.get("default");
        return checkAt(n, () -> new ConfigField(key, label, kind, required, defaultValue, help, placeholder, hidden, secret,
                section, dependsOn));
    }

    private static Optional<DependsOn> dependsOn(Violations v, Node n, String key, Map<String, ConfigField> earlier) {
        return n.child("depends_on").flatMap(d -> {
            d.onlyKeys(Set.of("field", "equals"));
            String field = d.text("field", true);
            Object equals = d.raw().get("equals");
            if (equals == null) {
                v.add(d.path("equals"), "is required: the value (string, number or true/false) that shows this field");
                return Optional.empty();
            }
            if (field == null) {
                return Optional.empty();
            }
            if (!earlier.containsKey(field)) {
                v.add(d.path("field"), "must name a field declared before this one (got '" + field + "')");
                return Optional.empty();
            }
            if (earlier.get(field).secret()) {
                v.add(d.path("field"), "must not name a secret field");
                return Optional.empty();
            }
            return Optional.ofNullable(v.check(d.path(""), () -> new DependsOn(field, equals)));
        });
    }

    private static FieldKind kind(Violations v, Node n, String type) {
        return switch (type) {
            case "text", "textarea" -> {
                OptionalInt min = n.integer("min_length");
                OptionalInt max = n.integer("max_length");
                Optional<Pattern> pattern = Optional.ofNullable(n.text("pattern", false)).flatMap(p -> {
                    if (p.length() > MAX_PATTERN_LENGTH) {
                        v.add(n.path("pattern"), "must be at most " + MAX_PATTERN_LENGTH + " characters");
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(Pattern.compile(p));
                    } catch (PatternSyntaxException e) {
                        v.add(n.path("pattern"), "is not a valid regular expression: " + e.getDescription());
                        return Optional.empty();
                    }
                });
                yield checkAt(n, () -> new FieldKind.Text(type.equals("textarea"), min, max, pattern));
            }
            case "email" -> new FieldKind.Email();
            case "url" -> new FieldKind.Url();
            case "date" -> new FieldKind.Date();
            case "boolean" -> new FieldKind.Bool();
            case "number" -> {
                Optional<BigDecimal> min = n.number("min");
                Optional<BigDecimal> max = n.number("max");
                boolean integer = n.bool("integer");
                yield checkAt(n, () -> new FieldKind.Number(min, max, integer));
            }
            case "json" -> {
                Optional<JsonSchema> schema = n.child("schema").map(s -> v.check(n.path("schema"), () -> JsonSchema.of(s.stringKeys())));
                if (n.raw().get("schema") != null && (schema.isEmpty() || schema.get() == null)) {
                    yield null;
                }
                yield new FieldKind.Json(schema);
            }
            case "select", "multi_select" -> {
                List<ConfigOption> options = options(v, n);
                Optional<OptionsSource> from = optionsFrom(v, n);
                if (options == null || from == null) {
                    yield null;
                }
                yield checkAt(n, () -> new FieldKind.Select(type.equals("multi_select"), options, from));
            }
            case "mapping" -> {
                List<ConfigOption> options = options(v, n);
                Optional<OptionsSource> from = optionsFrom(v, n);
                List<MappingSource> sources = new ArrayList<>();
                boolean ok = true;
                for (Node s : n.list("sources")) {
                    s.onlyKeys(Set.of("key", "label"));
                    String key = s.text("key", true);
                    String label = s.text("label", true);
                    MappingSource source = key == null || label == null ? null : v.check(s.path(""), () -> new MappingSource(key, label));
                    if (source == null) {
                        ok = false;
                    } else {
                        sources.add(source);
                    }
                }
                if (options == null || from == null || !ok) {
                    yield null;
                }
                yield checkAt(n, () -> new FieldKind.Mapping(sources, options, from));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    /** The static options, or null after recording a problem. */
    private static List<ConfigOption> options(Violations v, Node n) {
        List<ConfigOption> options = new ArrayList<>();
        int before = count(v);
        for (Node o : n.list("options")) {
            o.onlyKeys(Set.of("label", "value"));
            String label = o.text("label", true);
            String value = o.text("value", true);
            if (label != null && value != null) {
                ConfigOption option = v.check(o.path(""), () -> new ConfigOption(label, value));
                if (option != null) {
                    options.add(option);
                }
            }
        }
        return count(v) > before ? null : options;
    }

    /** The provider request, empty when there is none, or null after recording a problem. */
    private static Optional<OptionsSource> optionsFrom(Violations v, Node n) {
        Optional<Node> from = n.child("options_from");
        if (from.isEmpty()) {
            return n.raw().get("options_from") == null ? Optional.empty() : null;
        }
        Node f = from.get();
        int before = count(v);
        f.onlyKeys(Set.of("method", "path", "items", "label", "value", "next", "cursor_param", "search_param"));
        String method = Optional.ofNullable(f.text("method", false)).orElse(OptionsSource.GET);
        String path = f.text("path", true);
        String items = f.pointer("items");
        String label = f.pointer("label");
        String value = f.pointer("value");
        Optional<String> next = Optional.ofNullable(f.text("next", false));
        Optional<String> cursor = Optional.ofNullable(f.text("cursor_param", false));
        Optional<String> search = Optional.ofNullable(f.text("search_param", false));
        if (count(v) > before || path == null || items == null || label == null || value == null) {
            return null;
        }
        OptionsSource source = checkAt(f, () -> new OptionsSource(method, path, items, label, value, next, cursor, search));
        return source == null ? null : Optional.of(source);
    }

    /**
     * Builds a value; a refusal is recorded under the key its message starts with ("options must ..." under
     * {@code fields[2].options}), else under the node itself.
     */
    private static <T> T checkAt(Node n, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String first = space < 0 ? message : message.substring(0, space);
            if (first.matches("[a-z_]+") && !first.equals("a") && !first.equals("the")) {
                n.v().add(n.path(first), message);
            } else {
                n.v().add(n.path(""), message);
            }
            return null;
        }
    }

    private static int count(Violations v) {
        return v.count();
    }

    // --- writing ---

    /** The definitions in their JSON form (snake_case keys, absent values left out except the common ones, which are null). */
    public static List<Map<String, Object>> write(ConfigFieldSet set) {
        return set.fields().stream().map(ConfigFieldsReader::write).toList();
    }

    public static Map<String, Object> write(ConfigField field) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", field.key());
        out.put("label", field.label());
        out.put("type", field.kind().type());
        out.put("required", field.required());
        out.put("default", field.defaultValue());
        out.put("help_text", field.helpText().orElse(null));
        out.put("placeholder", field.placeholder().orElse(null));
        out.put("hidden", field.hidden());
        out.put("secret", field.secret());
        out.put("section", field.section().orElse(null));
        out.put("depends_on", field.dependsOn().map(d -> {
            Map<String, Object> dep = new LinkedHashMap<>();
            dep.put("field", d.field());
            dep.put("equals", d.equals());
            return dep;
        }).orElse(null));
        switch (field.kind()) {
            case FieldKind.Text t -> {
                t.minLength().ifPresent(m -> out.put("min_length", m));
                t.maxLength().ifPresent(m -> out.put("max_length", m));
                t.pattern().ifPresent(p -> out.put("pattern", p.pattern()));
            }
            case FieldKind.Number num -> {
                num.min().ifPresent(m -> out.put("min", m));
                num.max().ifPresent(m -> out.put("max", m));
                out.put("integer", num.integer());
            }
            case FieldKind.Json j -> j.schema().ifPresent(s -> out.put("schema", s.source()));
            case FieldKind.Select s -> choices(out, s.options(), s.optionsFrom());
            case FieldKind.Mapping m -> {
                out.put("sources", m.sources().stream().map(s -> {
                    Map<String, Object> source = new LinkedHashMap<>();
                    source.put("key", s.key());
                    source.put("label", s.label());
                    return source;
                }).toList());
                choices(out, m.options(), m.optionsFrom());
            }
            case FieldKind.Email e -> { }
            case FieldKind.Url u -> { }
            case FieldKind.Date d -> { }
            case FieldKind.Bool b -> { }
        }
        return out;
    }

    private static void choices(Map<String, Object> out, List<ConfigOption> options, Optional<OptionsSource> from) {
        if (!options.isEmpty()) {
            out.put("options", options.stream().map(o -> {
                Map<String, Object> option = new LinkedHashMap<>();
                option.put("label", o.label());
                option.put("value", o.value());
                return option;
            }).toList());
        }
        from.ifPresent(f -> {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("method", f.method());
            source.put("path", f.path());
            source.put("items", f.items());
            source.put("label", f.label());
            source.put("value", f.value());
            f.next().ifPresent(x -> source.put("next", x));
            f.cursorParam().ifPresent(x -> source.put("cursor_param", x));
            f.searchParam().ifPresent(x -> source.put("search_param", x));
            out.put("options_from", source);
        });
    }

    /** A position in the source with its path; reads typed values and records what is wrong. Null means absent. */
    private record Node(Violations v, String prefix, Map<?, ?> raw) {
        String path(String key) {
            return key.isEmpty() ? prefix : prefix + "." + key;
        }

        void onlyKeys(Set<String> known) {
            for (Object key : raw.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    v.add(path(String.valueOf(key)), "is not a known key here; known keys: " + String.join(", ", new TreeSet<>(known)));
                }
            }
        }

        String text(String key, boolean required) {
            Object value = raw.get(key);
            if (value == null) {
                if (required) {
                    v.add(path(key), "is required");
                }
                return null;
            }
            if (!(value instanceof String s) || s.isBlank()) {
                v.add(path(key), "must be a non-empty string");
                return null;
            }
            return s;
        }

        /** A JSON pointer; "" is the whole document. */
        String pointer(String key) {
            Object value = raw.get(key);
            if (value == null) {
                v.add(path(key), "is required: a JSON pointer such as /name");
                return null;
            }
            if (!(value instanceof String s) || !(s.isEmpty() || s.startsWith("/"))) {
                v.add(path(key), "must be a JSON pointer such as /name (or \"\" for the item itself)");
                return null;
            }
            return s;
        }

        boolean bool(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return false;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            v.add(path(key), "must be true or false");
            return false;
        }

        OptionalInt integer(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return OptionalInt.empty();
            }
            if (value instanceof Number n && JsonValues.isFinite(n) && JsonSchema.isWhole(n)
                    && JsonValues.decimal(n).compareTo(BigDecimal.ZERO) >= 0
                    && JsonValues.decimal(n).compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
                return OptionalInt.of(n.intValue());
            }
            v.add(path(key), "must be a whole number from 0 to 1000000");
            return OptionalInt.empty();
        }

        Optional<BigDecimal> number(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Number n && JsonValues.isFinite(n)) {
                return Optional.of(JsonValues.decimal(n));
            }
            v.add(path(key), "must be a number");
            return Optional.empty();
        }

        Optional<Node> child(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Map<?, ?> map)) {
                v.add(path(key), "must be an object");
                return Optional.empty();
            }
            return Optional.of(new Node(v, path(key), map));
        }

        List<Node> list(String key) {
            Object value = raw.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                v.add(path(key), "must be a list");
                return List.of();
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> map) {
                    nodes.add(new Node(v, path(key) + "[" + i + "]", map));
                } else {
                    v.add(path(key) + "[" + i + "]", "must be an object");
                }
            }
            return nodes;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> stringKeys() {
            return (Map<String, Object>) raw;
        }
    }
}
