package dev.latchkey.application.port.in;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;

/** The audit log, newest first, filtered, a page at a time (the list API and the JSON-lines export). */
public interface ListAuditEntriesUseCase {
    Page<AuditEntry> list(ListAuditEntriesQuery query);
}
