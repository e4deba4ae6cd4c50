package dev.latchkey.domain.audit;

/** How a change ended, read from the status it was answered with. */
public enum AuditOutcome {
    /** 1xx to 3xx: the change was made. */
    SUCCEEDED,
    /** 4xx: refused (not found in the caller's workspace, invalid, conflicting); nothing changed. */
    REFUSED,
    /** 5xx: it failed on Latchkey's side; whether something changed is not known. */
    FAILED;

    public static AuditOutcome of(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100 to 599)");
        }
        return status < 400 ? SUCCEEDED : status < 500 ? REFUSED : FAILED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the outcomes there are */
    public static AuditOutcome fromWire(String text) {
        for (AuditOutcome outcome : values()) {
            if (outcome.wireName().equals(text)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("must be one of succeeded, refused, failed");
    }
}
