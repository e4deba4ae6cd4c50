package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.AuditLogStorePort;
import dev.latchkey.application.service.ListAuditEntriesService;
import dev.latchkey.application.service.RecordAuditEntryService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The audit log: every change made through the API (adapters-web's AuditRecordingFilter) or the console
 * is appended through RecordAuditEntryUseCase, and read through GET /v1/audit and its export.
 */
@Factory
public class AuditFactory {

    @Singleton
    RecordAuditEntryService recordAuditEntry(AuditLogStorePort log, Clock clock) {
        return new RecordAuditEntryService(log, clock);
    }

    @Singleton
    ListAuditEntriesService listAuditEntries(AuditLogStorePort log) {
        return new ListAuditEntriesService(log);
    }
}
