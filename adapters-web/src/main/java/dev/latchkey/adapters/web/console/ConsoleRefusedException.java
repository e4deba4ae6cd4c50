package dev.latchkey.adapters.web.console;

import io.micronaut.http.HttpStatus;

/** A console page or action refused; {@link ConsoleRefusalHandler} renders the page saying why. */
public class ConsoleRefusedException extends RuntimeException {
    /** Why, with the page's status, title and text. */
    public enum Reason {
        SIGNED_OUT(HttpStatus.UNAUTHORIZED, "Signed out", "Your console session has ended. Sign in again to continue."),
        NO_ROLE(HttpStatus.FORBIDDEN, "No access to the console",
                "You signed in, but none of your groups gives a console role. Ask your Latchkey operator to add you to one."),
        ROLE_REFUSED(HttpStatus.FORBIDDEN, "Not allowed", "Your console role does not allow this."),
        FORM_EXPIRED(HttpStatus.FORBIDDEN, "This form has expired", "The form did not carry this session's token. Reload the page and try again."),
        NOT_FOUND(HttpStatus.NOT_FOUND, "Not found", "There is nothing here: it does not exist in this workspace."),
        SIGN_IN_FAILED(HttpStatus.BAD_REQUEST, "Sign-in failed", "The sign-in could not be completed. Start it again."),
        PROVIDER_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "Sign-in failed", "The identity provider could not complete the sign-in."),
        BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Too many sign-ins", "Too many sign-ins are under way. Try again in a few minutes.");

        final HttpStatus status;
        final String title;
        final String text;

        Reason(HttpStatus status, String title, String text) {
            this.status = status;
            this.title = title;
            this.text = text;
        }
    }

    private final Reason reason;
    private final String detail;

    public ConsoleRefusedException(Reason reason) {
        this(reason, null);
    }

    /** @param detail shown under the text (no secret: a provider's error code, which check failed) */
    public ConsoleRefusedException(Reason reason, String detail) {
        super(reason.title + (detail == null ? "" : ": " + detail));
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
