package dev.latchkey.adapters.web.portal;

import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.config.ConfigField;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.config.FieldKind;
import dev.latchkey.domain.config.MappingSource;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config form of an app page, built from the config fields (every type, sections, depends_on,
 * static and dynamic options, mappings), and the values a posted form gives. Field inputs are named
 * {@code config.<key>}; a multi-select's boxes {@code config.<key>.item.<n>}; a mapping's selects
 * {@code config.<key>.map.<source key>}: no name repeats, so the form reads as a flat map.
 */
@Singleton
public class PortalConfigForm {
    static final String PREFIX = "config.";
    private final JsonMapper json;

    public PortalConfigForm(JsonMapper json) {
        this.json = json;
    }

    /** What the form shows: sections of fields with their values (stored, or as submitted) and every error. */
    public List<Map<String, Object>> sections(ConfigReadout readout, String slug, Map<String, Object> values,
                                              Map<String, String> errors, Map<String, List<ConfigOption>> dynamicOptions) {
        Map<String, ConfigField> byKey = new LinkedHashMap<>();
        readout.fields().forEach(f -> byKey.put(f.field().key(), f.field()));
        List<Map<String, Object>> sections = new ArrayList<>();
        for (ConfigReadout.Section section : readout.sections()) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (String key : section.fields()) {
                ConfigField field = byKey.get(key);
                if (field == null || field.hidden()) {
                    continue;
                }
                fields.add(field(field, slug, values.get(key), errors, dynamicOptions.getOrDefault(key, List.of())));
            }
            if (!fields.isEmpty()) {
                Map<String, Object> s = new HashMap<>();
                s.put("name", section.name().orElse(null));
                s.put("fields", fields);
                sections.add(s);
            }
        }
        return sections;
    }

    /** The stored (or default) values of a readout, by key. */
    public static Map<String, Object> values(ConfigReadout readout) {
        Map<String, Object> values = new HashMap<>();
        readout.fields().forEach(f -> values.put(f.field().key(), f.value()));
        return values;
    }

    /**
     * The values a posted form gives, by the fields' types; what cannot be read at all (bad JSON, a
     * non-number) goes to {@code errors}, in the page's language ({@code texts}).
     */
    public Map<String, Object> read(ConfigReadout readout, Map<String, String> form, Map<String, String> errors, Map<String, String> texts) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigReadout.FieldValue fv : readout.fields()) {
            ConfigField field = fv.field();
            String key = field.key();
            if (field.hidden()) {
                // Set by the company's backend, never shown: a save keeps it as it is.
                if (fv.value() != null) {
                    values.put(key, fv.value());
                }
                continue;
            }
            String name = PREFIX + key;
            String raw = form.get(name);
            switch (field.kind()) {
                case FieldKind.Bool b -> values.put(key, "true".equals(raw));
                case FieldKind.Number n -> {
                    if (raw != null && !raw.isBlank()) {
                        try {
                            BigDecimal number = new BigDecimal(raw.strip());
                            values.put(key, n.integer() && number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact() : number);
                        } catch (NumberFormatException | ArithmeticException e) {
                            errors.put(key, texts.get("invalid_number"));
                        }
                    }
                }
                case FieldKind.Json j -> {
                    if (raw != null && !raw.isBlank()) {
                        try {
                            values.put(key, json.readValue(raw, Argument.OBJECT_ARGUMENT));
                        } catch (IOException e) {
                            errors.put(key, texts.get("invalid_json"));
                        }
                    }
                }
                case FieldKind.Select s when s.multiple() -> {
                    List<String> chosen = new ArrayList<>();
                    form.forEach((k, v) -> {
                        if (k.startsWith(name + ".item.") && !v.isEmpty()) {
                            chosen.add(v);
                        }
                    });
                    values.put(key, chosen);
                }
                case FieldKind.Mapping m -> {
                    Map<String, Object> mapping = new LinkedHashMap<>();
                    for (MappingSource source : m.sources()) {
                        String v = form.get(name + ".map." + source.key());
                        if (v != null && !v.isEmpty()) {
                            mapping.put(source.key(), v);
                        }
                    }
                    values.put(key, mapping);
                }
                default -> {
                    if (raw != null && !raw.isEmpty()) {
                        values.put(key, raw);
                    }
                }
            }
        }
        return values;
    }

    /** Every problem of the values at once, without saving: the fields' own rules plus what could not be read. */
    public static List<FieldViolation> violations(ConfigReadout readout, Map<String, Object> values, Map<String, String> unreadable) {
        Map<String, Object> checked = new HashMap<>(values);
        unreadable.keySet().forEach(checked::remove);
        List<FieldViolation> all = new ArrayList<>(new ConfigFieldSet(readout.fields().stream().map(ConfigReadout.FieldValue::field).toList())
                .violations(checked).stream().filter(v -> !unreadable.containsKey(v.field())).toList());
        unreadable.forEach((key, message) -> all.add(new FieldViolation(key, message)));
        return all;
    }

    /**
     * One message per field, for the page: a required field (or a required mapping's entry) left
     * empty gets the portal's {@code required_field} text, in the page's language; every other
     * message is the config rules' own (English) words.
     */
    public static Map<String, String> errors(ConfigReadout readout, Map<String, Object> values, List<FieldViolation> violations,
                                             Map<String, String> texts) {
        Map<String, ConfigField> byKey = new HashMap<>();
        readout.fields().forEach(f -> byKey.put(f.field().key(), f.field()));
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldViolation v : violations) {
            int dot = v.field().indexOf('.');
            ConfigField field = byKey.get(dot < 0 ? v.field() : v.field().substring(0, dot));
            Object value = field == null ? null : values.get(field.key());
            boolean empty = dot < 0 ? isEmpty(value) : field != null && field.kind() instanceof FieldKind.Mapping
                    && (!(value instanceof Map<?, ?> map) || isEmpty(map.get(v.field().substring(dot + 1))));
            errors.putIfAbsent(v.field(), field != null && field.required() && empty ? texts.get("required_field") : v.message());
        }
        return errors;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private Map<String, Object> field(ConfigField field, String slug, Object value, Map<String, String> errors, List<ConfigOption> dynamic) {
        String id = "config-" + field.key();
        Map<String, Object> f = new HashMap<>();
        f.put("key", field.key());
        f.put("id", id);
        f.put("name", PREFIX + field.key());
        f.put("label", field.label());
        f.put("required", field.required());
        f.put("help", field.helpText().orElse(null));
        f.put("placeholder", field.placeholder().orElse(null));
        f.put("error", errorFor(field.key(), errors));
        f.put("depends_field", field.dependsOn().map(d -> d.field()).orElse(null));
        f.put("depends_equals", field.dependsOn().map(d -> String.valueOf(d.equals())).orElse(null));
        List<String> describedBy = new ArrayList<>();
        field.helpText().ifPresent(h -> describedBy.add(id + "-help"));
        if (f.get("error") != null) {
            describedBy.add(id + "-error");
        }
        f.put("describedby", describedBy.isEmpty() ? null : String.join(" ", describedBy));
        f.put("dynamic", false);
        String control;
        switch (field.kind()) {
            case FieldKind.Text t -> {
                control = t.multiline() ? "textarea" : field.secret() ? "password" : "text";
                f.put("value", value == null ? "" : String.valueOf(value));
                f.put("min_length", t.minLength().isPresent() ? t.minLength().getAsInt() : null);
                f.put("max_length", t.maxLength().isPresent() ? t.maxLength().getAsInt() : null);
            }
            case FieldKind.Email e -> {
                control = "email";
                f.put("value", value == null ? "" : String.valueOf(value));
            }
            case FieldKind.Url u -> {
                control = "url";
                f.put("value", value == null ? "" : String.valueOf(value));
            }
            case FieldKind.Date d -> {
                control = "date";
                f.put("value", value == null ? "" : String.valueOf(value));
            }
            case FieldKind.Number n -> {
                control = "number";
                f.put("value", value == null ? "" : value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value));
                f.put("min", n.min().map(BigDecimal::toPlainString).orElse(null));
                f.put("max", n.max().map(BigDecimal::toPlainString).orElse(null));
                f.put("step", n.integer() ? "1" : "any");
            }
            case FieldKind.Bool b -> {
                control = "checkbox";
                f.put("checked", Boolean.TRUE.equals(value));
            }
            case FieldKind.Json j -> {
                control = "json";
                f.put("value", value == null ? "" : value instanceof String s && errors.containsKey(field.key()) ? s : write(value));
            }
            case FieldKind.Select s -> {
                control = s.multiple() ? "multi" : "select";
                f.put("dynamic", s.optionsFrom().isPresent());
                List<ConfigOption> options = s.optionsFrom().isPresent() ? dynamic : s.options();
                List<String> selected = selected(value);
                f.put("options", options(options, selected));
                f.put("options_url", "/portal/apps/" + slug + "/config/options/" + field.key());
            }
            case FieldKind.Mapping m -> {
                control = "mapping";
                f.put("dynamic", m.optionsFrom().isPresent());
                List<ConfigOption> options = m.optionsFrom().isPresent() ? dynamic : m.options();
                Map<?, ?> mapped = value instanceof Map<?, ?> map ? map : Map.of();
                List<Map<String, Object>> sources = new ArrayList<>();
                for (MappingSource source : m.sources()) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("key", source.key());
                    row.put("label", source.label());
                    row.put("id", id + "-" + source.key());
                    row.put("name", PREFIX + field.key() + ".map." + source.key());
                    row.put("options", options(options, selected(mapped.get(source.key()))));
                    row.put("error", errors.get(field.key() + "." + source.key()));
                    sources.add(row);
                }
                f.put("sources", sources);
                f.put("options_url", "/portal/apps/" + slug + "/config/options/" + field.key());
            }
        }
        f.put("control", control);
        return f;
    }

    /** A field's own error, or the first of its parts (a mapping's entries). */
    private static String errorFor(String key, Map<String, String> errors) {
        if (errors.containsKey(key)) {
            return errors.get(key);
        }
        return errors.entrySet().stream().filter(e -> e.getKey().startsWith(key + ".")).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static List<String> selected(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** The options with the selected ones marked; a selected value missing from them (a later page, a search) is kept as its own option. */
    private static List<Map<String, Object>> options(List<ConfigOption> options, List<String> selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ConfigOption option : options) {
            out.add(Map.of("label", option.label(), "value", option.value(), "selected", selected.contains(option.value())));
            seen.add(option.value());
        }
        for (String value : selected) {
            if (!seen.contains(value)) {
                out.add(0, Map.of("label", value, "value", value, "selected", true));
            }
        }
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }
}
