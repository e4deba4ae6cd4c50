package dev.latchkey.domain.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a change was made to: the resource's path (without its query) when the change came through the
 * API, and the ids that name it ({@code id}, {@code connection_id}, {@code slug}...; {@code created_id}
 * for what a creation made). Their order carries no meaning (the store may not keep it).
 */
public record AuditTarget(Optional<String> path, Map<String, String> ids) {
    public static final int MAX_PATH = 1024;
    public static final int MAX_IDS = 8;
    public static final int MAX_ID = 256;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public AuditTarget {
        Objects.requireNonNull(path, "path");
        path.ifPresent(p -> {
            if (!p.startsWith("/") || p.length() > MAX_PATH || p.chars().anyMatch(c -> c <= ' ' || c == '?' || c == 127)) {
                throw new IllegalArgumentException("path must be an absolute path of at most " + MAX_PATH
                        + " characters, without a query, spaces or control characters");
            }
        });
        Objects.requireNonNull(ids, "ids");
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " ids name a target");
        }
        ids.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("an id's name must be snake_case (got '" + name + "')");
            }
            if (value == null || value.isEmpty() || value.length() > MAX_ID || value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("the id '" + name + "' must be 1 to " + MAX_ID + " characters, without control characters");
            }
        });
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    }

    public static AuditTarget none() {
        return new AuditTarget(Optional.empty(), Map.of());
    }
}
