package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RecordAuditEntryCommand;
import dev.latchkey.application.port.in.RecordAuditEntryUseCase;
import dev.latchkey.application.port.out.AuditLogStorePort;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryId;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Appends a change to the audit log, synchronously: changes are rare next to reads and proxied calls,
 * and an audit log that drops entries under load (as the activity log may) would not be one. The time
 * is the clock's, in microseconds (what PostgreSQL keeps), so an entry reads back equal to itself.
 */
public final class RecordAuditEntryService implements RecordAuditEntryUseCase {
    private final AuditLogStorePort log;
    private final Clock clock;

    public RecordAuditEntryService(AuditLogStorePort log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(RecordAuditEntryCommand command) {
        AuditEntry entry = new AuditEntry(AuditEntryId.random(), command.workspace(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                command.actor(), command.action(), command.target(), command.status(), command.clientAddress(), command.requestId());
        log.append(entry);
        return entry;
    }
}
