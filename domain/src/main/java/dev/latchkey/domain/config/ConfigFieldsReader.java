package dev.latchkey.domain.config;

import dev.latchkey.domain.SourceNode;

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
        SourceNode n = SourceNode.of(v, at, raw, "object");
        String type = n.text("type").orElse(null);
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
        String key = n.text("key").orElse(null);
        if (key != null) {
            v.check(n.path("key"), () -> {
                Texts.requireKey(key, "key");
                return key;
            });
        }
        String label = n.text("label").orElse(null);
        boolean required = n.bool("required", false);
        boolean hidden = n.bool("hidden", false);
        boolean secret = n.bool("secret", false);
        Optional<String> help = n.optionalText("help_text");
        Optional<String> placeholder = n.optionalText("placeholder");
        Optional<String> section = n.optionalText("section");
        Optional<DependsOn> dependsOn = dependsOn(v, n, key, earlier);
        FieldKind kind = type == null ? null : kind(v, n, type);
        if (count(v) > before || kind == null) {
            return null;
        }
        Object defaultValue = raw.get("default");
        return n.check(() -> new ConfigField(key, label, kind, required, defaultValue, help, placeholder, hidden, secret,
                section, dependsOn));
    }

    private static Optional<DependsOn> dependsOn(Violations v, SourceNode n, String key, Map<String, ConfigField> earlier) {
        return n.optionalChild("depends_on").flatMap(d -> {
            d.onlyKeys(Set.of("field", "equals"));
            String field = d.text("field").orElse(null);
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

    private static FieldKind kind(Violations v, SourceNode n, String type) {
        return switch (type) {
            case "text", "textarea" -> {
                OptionalInt min = integer(n, "min_length");
                OptionalInt max = integer(n, "max_length");
                Optional<Pattern> pattern = n.optionalText("pattern").flatMap(p -> {
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
                yield n.check(() -> new FieldKind.Text(type.equals("textarea"), min, max, pattern));
            }
            case "email" -> new FieldKind.Email();
            case "url" -> new FieldKind.Url();
            case "date" -> new FieldKind.Date();
            case "boolean" -> new FieldKind.Bool();
            case "number" -> {
                Optional<BigDecimal> min = number(n, "min");
                Optional<BigDecimal> max = number(n, "max");
                boolean integer = n.bool("integer", false);
                yield n.check(() -> new FieldKind.Number(min, max, integer));
            }
            case "json" -> {
                Optional<JsonSchema> schema = n.optionalChild("schema").map(s -> v.check(n.path("schema"), () -> JsonSchema.of(s.raw())));
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
                yield n.check(() -> new FieldKind.Select(type.equals("multi_select"), options, from));
            }
            case "mapping" -> {
                List<ConfigOption> options = options(v, n);
                Optional<OptionsSource> from = optionsFrom(v, n);
                List<MappingSource> sources = new ArrayList<>();
                boolean ok = true;
                for (SourceNode s : n.optionalList("sources")) {
                    s.onlyKeys(Set.of("key", "label"));
                    String key = s.text("key").orElse(null);
                    String label = s.text("label").orElse(null);
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
                yield n.check(() -> new FieldKind.Mapping(sources, options, from));
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    /** The static options, or null after recording a problem. */
    private static List<ConfigOption> options(Violations v, SourceNode n) {
        List<ConfigOption> options = new ArrayList<>();
        int before = count(v);
        for (SourceNode o : n.optionalList("options")) {
            o.onlyKeys(Set.of("label", "value"));
            String label = o.text("label").orElse(null);
            String value = o.text("value").orElse(null);
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
    private static Optional<OptionsSource> optionsFrom(Violations v, SourceNode n) {
        Optional<SourceNode> from = n.optionalChild("options_from");
        if (from.isEmpty()) {
            return n.raw().get("options_from") == null ? Optional.empty() : null;
        }
        SourceNode f = from.get();
        int before = count(v);
        f.onlyKeys(Set.of("method", "path", "items", "label", "value", "next", "cursor_param", "search_param"));
        String method = f.optionalText("method").orElse(OptionsSource.GET);
        String path = f.text("path").orElse(null);
        String items = pointer(f, "items");
        String label = pointer(f, "label");
        String value = pointer(f, "value");
        Optional<String> next = f.optionalText("next");
        Optional<String> cursor = f.optionalText("cursor_param");
        Optional<String> search = f.optionalText("search_param");
        if (count(v) > before || path == null || items == null || label == null || value == null) {
            return null;
        }
        OptionsSource source = f.check(() -> new OptionsSource(method, path, items, label, value, next, cursor, search));
        return source == null ? null : Optional.of(source);
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

    /** A JSON pointer; "" is the whole document. */
    private static String pointer(SourceNode n, String key) {
        Object value = n.get(key);
        if (value == null) {
            n.add(key, "is required: a JSON pointer such as /name");
            return null;
        }
        if (!(value instanceof String s) || !(s.isEmpty() || s.startsWith("/"))) {
            n.add(key, "must be a JSON pointer such as /name (or \"\" for the item itself)");
            return null;
        }
        return s;
    }

    private static OptionalInt integer(SourceNode n, String key) {
        Object value = n.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Number number && JsonValues.isFinite(number) && JsonSchema.isWhole(number)
                && JsonValues.decimal(number).compareTo(BigDecimal.ZERO) >= 0
                && JsonValues.decimal(number).compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
            return OptionalInt.of(number.intValue());
        }
        n.add(key, "must be a whole number from 0 to 1000000");
        return OptionalInt.empty();
    }

    private static Optional<BigDecimal> number(SourceNode n, String key) {
        Object value = n.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number && JsonValues.isFinite(number)) {
            return Optional.of(JsonValues.decimal(number));
        }
        n.add(key, "must be a number");
        return Optional.empty();
    }
}
