package dev.latchkey.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields a {@code PATCH /v1/linked-accounts/{id}} changes; the others stay as they are.
 * {@code LinkedAccountChanges.name("Acme GmbH")}, {@code LinkedAccountChanges.clearName().metadata(Map.of())}.
 */
public final class LinkedAccountChanges {
    private final Map<String, Object> fields;

    private LinkedAccountChanges(Map<String, Object> fields) {
        this.fields = fields;
    }

    public static LinkedAccountChanges name(String name) {
        return new LinkedAccountChanges(new LinkedHashMap<>()).andName(name);
    }

    public static LinkedAccountChanges clearName() {
        LinkedAccountChanges changes = new LinkedAccountChanges(new LinkedHashMap<>());
        changes.fields.put("name", null);
        return changes;
    }

    /** Replaces the metadata as a whole. */
    public static LinkedAccountChanges replaceMetadata(Map<String, ?> metadata) {
        return new LinkedAccountChanges(new LinkedHashMap<>()).metadata(metadata);
    }

    public LinkedAccountChanges andName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null; use clearName() to clear it");
        }
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put("name", name);
        return new LinkedAccountChanges(next);
    }

    /** Replaces the metadata as a whole. */
    public LinkedAccountChanges metadata(Map<String, ?> metadata) {
        if (metadata == null) {
            throw new IllegalArgumentException("metadata must not be null; give an empty map to clear it");
        }
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put("metadata", metadata);
        return new LinkedAccountChanges(next);
    }

    Map<String, Object> body() {
        return fields;
    }

    @Override
    public String toString() {
        return "LinkedAccountChanges" + fields.keySet();
    }
}
