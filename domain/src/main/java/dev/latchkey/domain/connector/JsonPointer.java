package dev.latchkey.domain.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RFC 6901 JSON pointers over parsed JSON (maps, lists and scalars), as connector definitions use them. */
public final class JsonPointer {
    private JsonPointer() {
    }

    /** The value at the pointer, as text when it is a string, number or boolean; empty otherwise. */
    public static Optional<String> text(Object root, String pointer) {
        return find(root, pointer).flatMap(value -> value instanceof String || value instanceof Number || value instanceof Boolean
                ? Optional.of(String.valueOf(value)) : Optional.empty());
    }

    public static Optional<Object> find(Object root, String pointer) {
        if (pointer.isEmpty()) {
            return Optional.ofNullable(root);
        }
        if (!pointer.startsWith("/")) {
            return Optional.empty();
        }
        Object current = root;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> map) {
                current = map.get(token);
            } else if (current instanceof List<?> list && token.matches("0|[1-9][0-9]{0,8}")) {
                int index = Integer.parseInt(token);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }
}
