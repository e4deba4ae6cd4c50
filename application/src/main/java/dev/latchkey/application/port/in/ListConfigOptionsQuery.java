package dev.latchkey.application.port.in;

import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.connection.ConnectionId;

import java.util.Objects;
import java.util.Optional;

/**
 * The options of one select, multi-select or mapping field, optionally searched, one page at a time.
 *
 * @param connectionId the connection to ask the provider through; empty: the only one, or when the account has
 *                     several to the app, the most recently created active one
 */
public record ListConfigOptionsQuery(ConfigQuery config, String fieldKey, Optional<String> search, Optional<String> cursor,
                                     Optional<ConnectionId> connectionId) {
    public static final int MAX_SEARCH_LENGTH = 200;
    public static final int MAX_CURSOR_LENGTH = 2000;

    /** Through the account's only (or most recently created active) connection to the app. */
    public ListConfigOptionsQuery(ConfigQuery config, String fieldKey, Optional<String> search, Optional<String> cursor) {
        this(config, fieldKey, search, cursor, Optional.empty());
    }

    public ListConfigOptionsQuery {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(fieldKey, "fieldKey");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(connectionId, "connectionId");
        search.ifPresent(s -> {
            if (s.length() > MAX_SEARCH_LENGTH) {
                throw new IllegalArgumentException("search must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
        });
        cursor.ifPresent(c -> {
            if (c.isBlank() || c.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("cursor must be the next_cursor of the previous page");
            }
        });
    }

    public ConfigId configId() {
        return config.configId();
    }
}
