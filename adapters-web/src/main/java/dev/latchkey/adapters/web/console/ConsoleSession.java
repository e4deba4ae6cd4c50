package dev.latchkey.adapters.web.console;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in console user: who (the ID token's subject and a name to show), with which roles, the
 * CSRF token every form of the session posts, and the ID token (the hint of RP-initiated logout).
 */
public record ConsoleSession(String subject, String displayName, ConsoleGrants grants, String csrf, String idToken,
                             Instant signedInAt, Instant lastSeenAt) {
    public ConsoleSession {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(signedInAt, "signedInAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    ConsoleSession seen(Instant now) {
        return new ConsoleSession(subject, displayName, grants, csrf, idToken, signedInAt, now);
    }

    @Override
    public String toString() {
        return "ConsoleSession[subject=" + subject + ", roles=" + grants.describe() + "]";
    }
}
