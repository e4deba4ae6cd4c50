package dev.latchkey.domain.audit;

import java.util.Objects;
import java.util.UUID;

/** The id of one audit entry. */
public record AuditEntryId(UUID value) {
    public AuditEntryId {
        Objects.requireNonNull(value, "value");
    }

    public static AuditEntryId random() {
        return new AuditEntryId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is no audit entry id */
    public static AuditEntryId parse(String text) {
        try {
            if (text == null || text.length() != 36) {
                throw new IllegalArgumentException("not a UUID");
            }
            return new AuditEntryId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an audit entry id (a UUID) from GET /v1/audit");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
