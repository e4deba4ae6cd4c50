package dev.latchkey.domain.config;

import dev.latchkey.domain.InvalidValueException;

import dev.latchkey.domain.ApiPath;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a select's options come from when they live at the provider: a GET request relative to the
 * connector's API base URL, signed with the connection's credentials, and JSON pointers into the
 * answer. {@code next} and {@code cursorParam} page (the cursor found at {@code next} goes back as
 * the query parameter {@code cursorParam}); {@code searchParam} passes the customer's search text.
 *
 * @param path relative to the connector's base URL; may carry a fixed query ({@code /crm/v3/pipelines/deals?archived=false})
 */
public record OptionsSource(String method, String path, String items, String label, String value, Optional<String> next,
                            Optional<String> cursorParam, Optional<String> searchParam) {
    public static final String GET = "GET";
    static final int MAX_PATH_LENGTH = 500;
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,64}");
    private static final Pattern PATH = Pattern.compile("/(?:[A-Za-z0-9_.~!$&'()*+,;=:@/?\\-]|%[0-9A-Fa-f]{2})*");

    public OptionsSource {
        if (!GET.equals(method)) {
            throw new InvalidValueException("method", "method must be GET");
        }
        path(path);
        pointer(items, "items");
        pointer(label, "label");
        pointer(value, "value");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(cursorParam, "cursorParam");
        Objects.requireNonNull(searchParam, "searchParam");
        next.ifPresent(p -> pointer(p, "next"));
        if (next.isPresent() != cursorParam.isPresent()) {
            throw new InvalidValueException("next", "next and cursor_param go together: next points at the provider's cursor, "
                    + "cursor_param names the query parameter that sends it back");
        }
        cursorParam.ifPresent(p -> param(p, "cursor_param"));
        searchParam.ifPresent(p -> param(p, "search_param"));
    }

    /** The path without its query, and the fixed query ({@code a=1&b=2}) if there is one. */
    public String pathOnly() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    public Optional<String> fixedQuery() {
        int q = path.indexOf('?');
        return q < 0 || q == path.length() - 1 ? Optional.empty() : Optional.of(path.substring(q + 1));
    }

    private static void path(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            throw new InvalidValueException("path", "path must start with a single / (it is relative to the connector's api.base_url)");
        }
        if (path.length() > MAX_PATH_LENGTH || !PATH.matcher(path).matches()) {
            throw new InvalidValueException("path", "path must be a URL path (and optional query) of at most " + MAX_PATH_LENGTH
                    + " characters without spaces or #, every % followed by two hex digits");
        }
        String pathPart = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String lower = pathPart.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            throw new InvalidValueException("path", "path must stay under the connector's api.base_url: no encoded / or \\");
        }
        // the proxy's own rule: dot segments also encoded or as ..; and the rest
        ApiPath.problem(pathPart.substring(1)).ifPresent(problem -> {
            throw new InvalidValueException("path", "path " + problem + " (it must stay under the connector's api.base_url)");
        });
    }

    private static void pointer(String pointer, String what) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            throw new InvalidValueException(what, what + " must be a JSON pointer such as /channels (or \"\" for the whole answer)");
        }
    }

    private static void param(String name, String what) {
        if (!PARAM.matcher(name).matches()) {
            throw new InvalidValueException(what, what + " must be a query parameter name (letters, digits, _ . - [ ])");
        }
    }
}
