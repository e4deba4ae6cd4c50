package dev.latchkey.application.port.out;

import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryFilter;
import dev.latchkey.domain.audit.AuditEntryId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The audit log as stored: append-only (there is no way to change or remove an entry), read newest first. */
public interface AuditLogStorePort {

    /** Where a page ended: entries strictly older (by time, then id) come next. */
    record Position(Instant at, AuditEntryId id) {
        public Position {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(id, "id");
        }
    }

    /** Stores the entry, durably, before returning. */
    void append(AuditEntry entry);

    /** At most {@code limit} entries matching the filter, newest first, after {@code after} when given. */
    List<AuditEntry> list(AuditEntryFilter filter, Optional<Position> after, int limit);
}
