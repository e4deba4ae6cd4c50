package dev.latchkey.adapters.web.security;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.security.authentication.Authentication;

import java.time.Instant;
import java.util.Date;

/** Reads who the caller is from an authenticated request. */
public final class Caller {
    private Caller() {
    }

    public static WorkspaceId workspace(Authentication authentication) {
        return WorkspaceId.parse(String.valueOf(authentication.getAttributes().get(Roles.WORKSPACE_CLAIM)));
    }

    /** The linked account of a session token (its subject). */
    public static LinkedAccountId sessionAccount(Authentication authentication) {
        return new LinkedAccountId(authentication.getName());
    }

    public static Instant sessionExpiry(Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        if (exp instanceof Date date) {
            return date.toInstant();
        }
        if (exp instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        throw new IllegalStateException("a session token always carries exp");
    }
}
