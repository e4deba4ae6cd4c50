package dev.latchkey.application.port.in;

import dev.latchkey.domain.audit.AuditEntry;

/** Appends one change to the audit log. */
public interface RecordAuditEntryUseCase {
    /**
     * @return the entry as stored
     * @throws IllegalArgumentException when the command does not describe a valid entry (an action or an id with control characters...)
     * @throws RuntimeException when the store could not take it: the caller decides what a lost entry means for it
     */
    AuditEntry record(RecordAuditEntryCommand command);
}
