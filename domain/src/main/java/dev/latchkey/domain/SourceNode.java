package dev.latchkey.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A position in a parsed document (the maps and lists of YAML or JSON) with its path, reading typed
 * values and recording each problem under the path of what is wrong, such as
 * {@code auth[0].token_url} or {@code config_fields[2].options_from.path}: the one tree reader of the
 * connector definitions, their auth entries (a scheme reading its own keys included) and config fields.
 */
public final class SourceNode {
    private final Violations violations;
    private final String prefix;
    private final Map<?, ?> raw;
    /** What a nested map is called in messages: "map" for connector files, "object" for JSON the API takes. */
    private final String mapWord;

    private SourceNode(Violations violations, String prefix, Map<?, ?> raw, String mapWord) {
        this.violations = violations;
        this.prefix = prefix;
        this.raw = raw;
        this.mapWord = mapWord;
    }

    /** The document's root (or any map read on its own) at {@code prefix} ("" for a whole document). */
    public static SourceNode of(Violations violations, String prefix, Map<?, ?> raw, String mapWord) {
        return new SourceNode(violations, prefix, raw, mapWord);
    }

    public Violations violations() {
        return violations;
    }

    /** The map as parsed. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> raw() {
        return (Map<String, Object>) raw;
    }

    public boolean has(String key) {
        return raw.containsKey(key);
    }

    public Object get(String key) {
        return raw.get(key);
    }

    /** The path of a key here; of this node itself for "" ({@code definition} for a document's root). */
    public String path(String key) {
        if (key.isEmpty()) {
            return prefix.isEmpty() ? "definition" : prefix;
        }
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** Records a problem with a key here ("" for this node itself). */
    public void add(String key, String message) {
        violations.add(path(key), message);
    }

    /**
     * Builds a value; a refusal is recorded at the key it names ({@link InvalidValueException}), else at this node.
     * Returns null when refused.
     */
    public <T> T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidValueException e) {
            add(e.key(), e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            add("", e.getMessage());
            return null;
        }
    }

    public void onlyKeys(Set<String> known) {
        for (Object key : raw.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                add(String.valueOf(key), "is not a known key here; known keys: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** A required non-blank string. */
    public Optional<String> text(String key) {
        Optional<String> value = optionalText(key);
        if (value.isEmpty() && !raw.containsKey(key)) {
            add(key, "is required");
        }
        return value;
    }

    /** A non-blank string, when present. */
    public Optional<String> optionalText(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s && !s.isBlank()) {
            return Optional.of(s);
        }
        add(key, "must be a non-empty string");
        return Optional.empty();
    }

    /** A string, empty allowed (a blank password), when present. */
    public Optional<String> optionalString(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        add(key, "must be a string");
        return Optional.empty();
    }

    /** A whole number, when present. */
    public Optional<Long> optionalWholeNumber(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        add(key, "must be a whole number");
        return Optional.empty();
    }

    public boolean bool(String key, boolean fallback) {
        Object value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        add(key, "must be true or false");
        return fallback;
    }

    /** A list of non-blank strings; empty when absent. */
    public List<String> texts(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(e -> e instanceof String s && !s.isBlank())) {
            add(key, "must be a list of strings");
            return List.of();
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** A map of names to strings (numbers and booleans taken as their text); empty when absent. */
    public Map<String, String> stringMap(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            add(key, "must be a " + mapWord + " of names to strings");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, val) -> {
            if (val instanceof String || val instanceof Number || val instanceof Boolean) {
                out.put(String.valueOf(k), String.valueOf(val));
            } else {
                add(key + "." + k, "must be a string");
            }
        });
        return out;
    }

    /** A required nested map; an empty one (problem recorded) when missing. */
    public SourceNode child(String key) {
        return optionalChild(key).orElseGet(() -> {
            if (!raw.containsKey(key)) {
                add(key, "is required");
            }
            return new SourceNode(violations, path(key), Map.of(), mapWord);
        });
    }

    public Optional<SourceNode> optionalChild(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            add(key, "must be a" + (mapWord.startsWith("o") ? "n " : " ") + mapWord);
            return Optional.empty();
        }
        return Optional.of(new SourceNode(violations, path(key), map, mapWord));
    }

    /** A required, non-empty list of maps. */
    public List<SourceNode> list(String key) {
        List<SourceNode> nodes = optionalList(key);
        if (nodes.isEmpty() && !raw.containsKey(key)) {
            add(key, "is required");
        } else if (nodes.isEmpty() && raw.get(key) instanceof List<?> list && list.isEmpty()) {
            add(key, "must not be empty");
        }
        return nodes;
    }

    /** A list of maps; empty when absent. */
    public List<SourceNode> optionalList(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            add(key, "must be a list");
            return List.of();
        }
        List<SourceNode> nodes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path(key) + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> map) {
                nodes.add(new SourceNode(violations, itemPath, map, mapWord));
            } else {
                violations.add(itemPath, "must be a" + (mapWord.startsWith("o") ? "n " : " ") + mapWord);
            }
        }
        return nodes;
    }
}
