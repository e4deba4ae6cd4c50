package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.AuditLogStorePort;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryFilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The audit log in memory, ordered as the table reads it: newest first by time, then id. */
public final class InMemoryAuditLog implements AuditLogStorePort {
    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::at)
            .thenComparing(e -> e.id().value()).reversed();
    private final List<AuditEntry> entries = new ArrayList<>();
    private boolean away;

    @Override
    public synchronized void append(AuditEntry entry) {
        if (away) {
            throw new IllegalStateException("the database is away");
        }
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> list(AuditEntryFilter filter, Optional<Position> after, int limit) {
        return entries.stream().filter(filter::matches)
                .filter(e -> after.map(p -> NEWEST_FIRST.compare(e, positioned(p, e)) > 0).orElse(true))
                .sorted(NEWEST_FIRST).limit(limit).toList();
    }

    /** An entry at the position, to compare with the comparator (only time and id count). */
    private static AuditEntry positioned(Position p, AuditEntry like) {
        return new AuditEntry(p.id(), like.workspace(), p.at(), like.actor(), like.action(), like.target(), like.status(),
                like.clientAddress(), like.requestId());
    }

    public synchronized List<AuditEntry> all() {
        return List.copyOf(entries);
    }

    public synchronized void away(boolean away) {
        this.away = away;
    }
}
