package dev.latchkey.domain;

/** The request is valid but clashes with the current state (the id is taken, say). */
public final class ConflictException extends RuntimeException {
    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable code, such as {@code linked_account_exists}. */
    public String code() {
        return code;
    }
}
