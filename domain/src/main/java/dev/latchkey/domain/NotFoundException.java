package dev.latchkey.domain;

/**
 * The object does not exist for the caller. Objects of another workspace are reported the same
 * way, so a caller cannot learn whether an id exists elsewhere.
 */
public final class NotFoundException extends RuntimeException {
    private final String code;

    public NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable code, such as {@code linked_account_not_found}. */
    public String code() {
        return code;
    }
}
