package dev.latchkey.adapters.web.portal;

import java.util.Map;

/** The notice at the top of an app page after a connect, a failed connect or a disconnect. */
public record StatusMessage(Kind kind, String text) {
    public enum Kind { OK, ERROR }

    public static StatusMessage ok(String text) {
        return new StatusMessage(Kind.OK, text);
    }

    public static StatusMessage error(String text) {
        return new StatusMessage(Kind.ERROR, text);
    }

    public Map<String, String> toModel() {
        return Map.of("kind", kind == Kind.OK ? "ok" : "error", "text", text);
    }
}
