package dev.latchkey.application.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RFC 6901 pointers over parsed JSON (maps, lists, scalars), as connectors use them to pick values. */
final class JsonPointer {
    private JsonPointer() {
    }

    static Optional<String> read(Object json, String pointer) {
        Object node = json;
        if (!pointer.isEmpty()) {
            for (String raw : pointer.substring(1).split("/", -1)) {
                String token = raw.replace("~1", "/").replace("~0", "~");
                if (node instanceof Map<?, ?> map) {
                    node = map.get(token);
                } else if (node instanceof List<?> list && token.matches("0|[1-9]\\d{0,8}") && Integer.parseInt(token) < list.size()) {
                    node = list.get(Integer.parseInt(token));
                } else {
                    return Optional.empty();
                }
            }
        }
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return Optional.of(String.valueOf(node));
        }
        return Optional.empty();
    }
}
