package dev.latchkey.domain.idempotency;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;

/**
 * Whose keys a key is among: a workspace's (its API key and session tokens share them), or the
 * operator's admin API, which belongs to no workspace. The same key in two scopes is two keys.
 */
public record IdempotencyScope(String value) {
    private static final IdempotencyScope ADMIN = new IdempotencyScope("admin");

    public IdempotencyScope {
        Objects.requireNonNull(value, "idempotency scope");
        if (!value.equals("admin") && !value.startsWith("workspace:")) {
            throw new IllegalArgumentException("an idempotency scope is 'admin' or 'workspace:<id>'");
        }
    }

    public static IdempotencyScope workspace(WorkspaceId workspace) {
        return new IdempotencyScope("workspace:" + workspace.value());
    }

    public static IdempotencyScope admin() {
        return ADMIN;
    }

    @Override
    public String toString() {
        return value;
    }
}
