package dev.latchkey.domain.agent;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.connector.JsonPointer;
import dev.latchkey.domain.connector.Template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A typed operation a connector file declares for AI agents ({@code actions:}): one MCP tool,
 * {@code <connector>_<name>} (e.g. {@code hubspot_search_contacts}), that runs one request through
 * {@code call_api} with the agent's input filled in. Input properties named in the path fill it
 * (percent-encoded); the others go to the query string (GET, HEAD, DELETE) or the JSON body (POST, PUT, PATCH).
 *
 * @param input   the tool's input, a JSON Schema object: {@code properties} (each with a {@code type}) and {@code required}
 * @param returns JSON pointers into the provider's JSON answer to give the agent; empty: the whole body
 */
public record ConnectorAction(String name, String description, String method, Template path, Map<String, Object> input,
                              List<String> returns) {
    public static final int MAX_TOOL_NAME = 64;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");

    public ConnectorAction {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be 1-40 lowercase letters, digits or '_', starting with a letter, "
                    + "e.g. search_contacts");
        }
        if (description == null || description.isBlank() || description.length() > 1000) {
            throw new IllegalArgumentException("description: must be 1-1000 characters: what the action does, for a model to read");
        }
        if (method == null || !METHODS.contains(method)) {
            throw new IllegalArgumentException("method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE");
        }
        Objects.requireNonNull(path, "path");
        if (!path.text().startsWith("/")) {
            throw new IllegalArgumentException("path: must start with '/', below the connector's API base URL");
        }
        input = Map.copyOf(input);
        if (!"object".equals(input.get("type")) || !(input.getOrDefault("properties", Map.of()) instanceof Map<?, ?> properties)) {
            throw new IllegalArgumentException("input: must be a JSON Schema of type object with properties");
        }
        List<?> required = input.get("required") instanceof List<?> list ? list : List.of();
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            if (!(property.getValue() instanceof Map<?, ?> schema) || !TYPES.contains(String.valueOf(schema.get("type")))) {
                throw new IllegalArgumentException("input.properties." + property.getKey() + ": must have a type (string, integer, "
                        + "number, boolean, array or object)");
            }
        }
        for (String placeholder : path.placeholders()) {
            if (!properties.containsKey(placeholder) || !required.contains(placeholder)) {
                throw new IllegalArgumentException("path: {" + placeholder + "} must be a required input property");
            }
        }
        returns = List.copyOf(returns);
        for (String pointer : returns) {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("returns: each must be a JSON pointer such as /results, starting with '/'");
            }
        }
    }

    /**
     * The request an agent's input makes: path placeholders filled (percent-encoded), the other given
     * properties as query parameters or as the JSON body.
     *
     * @param query text of each scalar; a list or object is refused there (it fits the body only)
     * @param body  the properties for a POST, PUT or PATCH; empty for the other methods
     */
    public record Request(String method, String path, Map<String, String> query, Optional<Map<String, Object>> body) {
    }

    /** @throws IllegalArgumentException naming the property that is missing, unknown or of the wrong shape */
    public Request request(Map<String, Object> arguments) {
        Set<String> known = properties();
        for (String key : arguments.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(key + ": is not an input of " + name);
            }
        }
        Map<String, String> pathValues = new HashMap<>();
        for (String placeholder : path.placeholders()) {
            Object value = arguments.get(placeholder);
            if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException(placeholder + ": is required, a text or a number");
            }
            pathValues.put(placeholder, URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        rest.keySet().removeAll(path.placeholders());
        rest.values().removeIf(Objects::isNull);
        if (sendsBody()) {
            return new Request(method, path.fill(pathValues), Map.of(), rest.isEmpty() ? Optional.empty() : Optional.of(rest));
        }
        Map<String, String> query = new LinkedHashMap<>();
        rest.forEach((key, value) -> {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException(key + ": must be a text, number or boolean (it goes to the query string)");
            }
            query.put(key, String.valueOf(value));
        });
        return new Request(method, path.fill(pathValues), query, Optional.empty());
    }

    /** What the agent is given of a JSON answer: the value at each of {@link #returns} that is there, by pointer. */
    public Map<String, Object> pick(Object json) {
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String pointer : returns) {
            JsonPointer.find(json, pointer).ifPresent(value -> picked.put(pointer, value));
        }
        return picked;
    }

    /** The MCP tool's name: the connector's slug with '_' for '-', then the action's name. */
    public String toolName(ConnectorSlug connector) {
        return connector.value().replace('-', '_') + "_" + name;
    }

    /** Whether the input goes to the JSON body (POST, PUT, PATCH) rather than the query string. */
    public boolean sendsBody() {
        return Set.of("POST", "PUT", "PATCH").contains(method.toUpperCase(Locale.ROOT));
    }

    /** The input properties' names. */
    @SuppressWarnings("unchecked")
    public Set<String> properties() {
        return ((Map<String, Object>) input.getOrDefault("properties", Map.of())).keySet();
    }
}
