package dev.latchkey.adapters.web.json;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.function.Function;

/** Values taken from a request path: a malformed one is a 400 naming the path parameter, never a 500 or a 404. */
public final class PathValues {
    private PathValues() {
    }

    public static LinkedAccountId linkedAccountId(String id) {
        return parse("id", id, LinkedAccountId::new);
    }

    public static ConnectorSlug slug(String slug) {
        return parse("slug", slug, ConnectorSlug::new);
    }

    public static ConnectionId connectionId(String id) {
        return parse("connection_id", id, ConnectionId::parse);
    }

    public static WorkspaceId workspaceId(String id) {
        return parse("id", id, WorkspaceId::parse);
    }

    private static <T> T parse(String field, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, e.getMessage());
        }
    }
}
