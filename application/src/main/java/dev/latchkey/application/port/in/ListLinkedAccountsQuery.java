package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/**
 * @param cursor the {@code next_cursor} of the previous page, opaque to callers
 * @param search a prefix of the id or the name
 */
public record ListLinkedAccountsQuery(WorkspaceId workspaceId, int limit, Optional<String> cursor, Optional<String> search) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ListLinkedAccountsQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("must be between 1 and " + MAX_LIMIT);
        }
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(search, "search");
    }
}
