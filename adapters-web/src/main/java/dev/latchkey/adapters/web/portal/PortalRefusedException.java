package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/**
 * A portal page that cannot be shown: no live session, a form without its CSRF token, or an app or
 * connection outside the session's scope. {@link PortalRefusalHandler} renders the message page,
 * so a page controller states the rule in one line instead of building the answer.
 */
public final class PortalRefusedException extends RuntimeException {
    /** Why, with the status and the texts of the page that says so. */
    public enum Reason {
        SESSION_EXPIRED(HttpStatus.UNAUTHORIZED, "session_expired_title", "session_expired_text"),
        FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden_title", "forbidden_text"),
        NOT_FOUND(HttpStatus.NOT_FOUND, "no_apps", "no_apps");

        final HttpStatus status;
        final String titleKey;
        final String textKey;

        Reason(HttpStatus status, String titleKey, String textKey) {
            this.status = status;
            this.titleKey = titleKey;
            this.textKey = textKey;
        }
    }

    private final Reason reason;
    private final @Nullable PortalVisit visit;

    private PortalRefusedException(Reason reason, @Nullable PortalVisit visit) {
        super("portal page refused: " + reason, null, false, false);
        this.reason = reason;
        this.visit = visit;
    }

    public static PortalRefusedException sessionExpired() {
        return new PortalRefusedException(Reason.SESSION_EXPIRED, null);
    }

    public static PortalRefusedException forbidden(PortalVisit visit) {
        return new PortalRefusedException(Reason.FORBIDDEN, visit);
    }

    public static PortalRefusedException notFound(PortalVisit visit) {
        return new PortalRefusedException(Reason.NOT_FOUND, visit);
    }

    public Reason reason() {
        return reason;
    }

    /** The visit the page belongs to (its branding and frame parents); none when the session is gone. */
    public @Nullable PortalVisit visit() {
        return visit;
    }
}
