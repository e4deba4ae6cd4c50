package dev.latchkey.adapters.web.security;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.security.authentication.Authentication;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

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

    /**
     * Who the caller is, for the audit log: an API key (its id and hint), a session token (its linked
     * account) or the operator. Empty for any other principal (the console records its users itself).
     */
    public static Optional<Actor> actor(Authentication authentication) {
        if (authentication.getRoles().contains(Roles.API_KEY)) {
            Object id = authentication.getAttributes().get(Roles.API_KEY_ID);
            Object hint = authentication.getAttributes().get(Roles.API_KEY_HINT);
            return id == null || hint == null ? Optional.empty()
                    : Optional.of(new Actor.ApiKey(new ApiKeyId(UUID.fromString(id.toString())), hint.toString()));
        }
        if (authentication.getRoles().contains(Roles.SESSION)) {
            return Optional.of(new Actor.SessionToken(sessionAccount(authentication)));
        }
        if (authentication.getRoles().contains(Roles.ADMIN)) {
            return Optional.of(new Actor.Operator());
        }
        return Optional.empty();
    }

    /** The caller's workspace, when it has one (the operator has none). */
    public static Optional<WorkspaceId> workspaceIfAny(Authentication authentication) {
        Object workspace = authentication.getAttributes().get(Roles.WORKSPACE_CLAIM);
        return workspace == null ? Optional.empty() : Optional.of(WorkspaceId.parse(workspace.toString()));
    }
}
