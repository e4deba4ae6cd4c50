package dev.latchkey.client;

import java.util.List;

/**
 * Every failure the client reports. {@link #code()} is Latchkey's stable problem code
 * ({@code linked_account_not_found}, {@code validation_failed}, {@code connection_ambiguous}...) or
 * one of the client's own: {@code network_error} (Latchkey could not be reached; {@link #status()}
 * is 0), {@code invalid_response} (an answer the client did not understand), or
 * {@code http_<status>} for an error answer without a problem document. The message is the
 * problem's {@code detail}; it never holds a secret.
 */
public class LatchkeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> fieldErrors;

    public LatchkeyException(int status, String code, String title, String detail, List<FieldError> fieldErrors) {
        this(status, code, title, detail, fieldErrors, null);
    }

    LatchkeyException(int status, String code, String title, String detail, List<FieldError> fieldErrors, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.code = code;
        this.title = title;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    static LatchkeyException network(String what, Throwable cause) {
        return new LatchkeyException(0, "network_error", "Network error", what, List.of(), cause);
    }

    static LatchkeyException invalidResponse(int status, String what, Throwable cause) {
        return new LatchkeyException(status, "invalid_response", "Invalid response", what, List.of(), cause);
    }

    /** The HTTP status of Latchkey's answer, or 0 when none came back. */
    public int status() {
        return status;
    }

    /** The stable code to branch on. */
    public String code() {
        return code;
    }

    /** The problem's short title (the HTTP reason, e.g. {@code Not Found}). */
    public String title() {
        return title;
    }

    /** The problem's detail: what went wrong and what to do. */
    public String detail() {
        return getMessage();
    }

    /** Every invalid field at once, for {@code validation_failed} (and {@code invalid_config}); empty otherwise. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public String toString() {
        return "LatchkeyException[" + status + " " + code + ": " + getMessage()
                + (fieldErrors.isEmpty() ? "" : ", fieldErrors=" + fieldErrors) + "]";
    }
}
