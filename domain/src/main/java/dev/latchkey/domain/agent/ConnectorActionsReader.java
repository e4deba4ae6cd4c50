package dev.latchkey.domain.agent;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.connector.Template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code actions} of a connector file (README, "MCP server for AI agents"), every problem
 * reported at once under its path ({@code actions[2].path}). Kept apart from the connector
 * definition's reader: actions are for agents only, and nothing else reads them.
 */
public final class ConnectorActionsReader {
    private static final Set<String> KEYS = Set.of("name", "description", "method", "path", "input", "returns");

    private ConnectorActionsReader() {
    }

    /** The source's actions, none when it declares none; {@link InvalidInputException} naming every problem. */
    public static List<ConnectorAction> read(Map<String, ?> source) {
        Object raw = source.get("actions");
        if (raw == null) {
            return List.of();
        }
        Violations v = new Violations();
        if (!(raw instanceof List<?> items)) {
            v.add("actions", "must be a list of actions").throwIfAny();
            return List.of();
        }
        ConnectorSlug slug = source.get("slug") instanceof String text ? v.check("slug", () -> new ConnectorSlug(text)) : null;
        List<ConnectorAction> actions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "actions[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                v.add(at, "must be an object with name, description, method, path and input");
                continue;
            }
            for (Object key : item.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    v.add(at + "." + key, "is not a key of an action (name, description, method, path, input, returns)");
                }
            }
            ConnectorAction action = v.check(at, () -> action(item));
            if (action == null) {
                continue;
            }
            if (!names.add(action.name())) {
                v.add(at + ".name", "is used by another action of this connector");
            }
            if (slug != null && action.toolName(slug).length() > ConnectorAction.MAX_TOOL_NAME) {
                v.add(at + ".name", "makes the tool name " + action.toolName(slug) + " longer than " + ConnectorAction.MAX_TOOL_NAME);
            }
            actions.add(action);
        }
        v.throwIfAny();
        return List.copyOf(actions);
    }

    @SuppressWarnings("unchecked")
    private static ConnectorAction action(Map<?, ?> item) {
        Object input = item.get("input");
        Object returns = item.get("returns");
        if (input != null && !(input instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("input: must be a JSON Schema object");
        }
        if (returns != null && !(returns instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw new IllegalArgumentException("returns: must be a list of JSON pointers");
        }
        String path = text(item, "path");
        Template template;
        try {
            template = new Template(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path: " + e.getMessage());
        }
        return new ConnectorAction(text(item, "name"), text(item, "description"), text(item, "method"), template,
                input == null ? Map.of("type", "object", "properties", Map.of()) : (Map<String, Object>) input,
                returns == null ? List.of() : (List<String>) returns);
    }

    private static String text(Map<?, ?> item, String key) {
        if (!(item.get(key) instanceof String text)) {
            throw new IllegalArgumentException(key + ": is required, a string");
        }
        return text;
    }
}
