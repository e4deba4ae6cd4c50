package dev.latchkey.adapters.web.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operation ids of the OpenAPI document the build generated ({@code META-INF/swagger/openapi.yml}),
 * by method and path template: the names the audit log gives the API's changes, so that an entry's
 * action is the name a reader finds in the document. (Micronaut does not keep {@code @Operation} in a
 * route's runtime metadata, so the document is read once, at start.) The generated YAML is regular:
 * a path at two spaces, its methods at four, their {@code operationId} at six.
 */
public final class OperationIds {
    static final String DOCUMENT = "META-INF/swagger/openapi.yml";
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
    private static final Pattern OPERATION_ID = Pattern.compile("^      operationId:\\s*\"?([A-Za-z0-9_.-]+)\"?\\s*$");

    private final Map<String, String> ids;

    private OperationIds(Map<String, String> ids) {
        this.ids = Map.copyOf(ids);
    }

    public static OperationIds load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(DOCUMENT)) {
            return in == null ? new OperationIds(Map.of()) : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }

    static OperationIds read(InputStream document) throws IOException {
        Map<String, String> ids = new HashMap<>();
        String path = null;
        String method = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(document, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher m;
                if ((m = PATH.matcher(line)).matches()) {
                    path = m.group(1);
                    method = null;
                } else if (!line.startsWith(" ") && !line.isEmpty()) {
                    path = null; // a new top-level section (components...)
                    method = null;
                } else if (path != null && (m = METHOD.matcher(line)).matches()) {
                    method = m.group(1).toUpperCase(Locale.ROOT);
                } else if (path != null && method != null && (m = OPERATION_ID.matcher(line)).matches()) {
                    ids.put(method + " " + path, m.group(1));
                }
            }
        }
        return new OperationIds(ids);
    }

    /** The operation id of a method on a route's path template ({@code /v1/webhooks/{id}}; a query part is ignored). */
    public Optional<String> of(String method, String template) {
        return Optional.ofNullable(ids.get(method + " " + withoutQuery(template)));
    }

    static String withoutQuery(String template) {
        int query = template.indexOf("{?");
        String path = query < 0 ? template : template.substring(0, query);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
