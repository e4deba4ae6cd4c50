package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListAuditEntriesQuery;
import dev.latchkey.application.port.in.ListAuditEntriesUseCase;
import dev.latchkey.application.port.out.AuditLogStorePort;
import dev.latchkey.application.port.out.AuditLogStorePort.Position;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the audit log newest first. The cursor is the position (time, id) of the last entry of
 * the page, so a page never repeats or skips an entry however many are appended meanwhile.
 */
public final class ListAuditEntriesService implements ListAuditEntriesUseCase {
    private final AuditLogStorePort log;

    public ListAuditEntriesService(AuditLogStorePort log) {
        this.log = log;
    }

    @Override
    public Page<AuditEntry> list(ListAuditEntriesQuery query) {
        var filter = query.filter();
        if (filter.since().isPresent() && filter.until().isPresent() && !filter.since().get().isBefore(filter.until().get())) {
            throw InvalidInputException.of("until", "must be after since");
        }
        Optional<Position> after = query.cursor().map(ListAuditEntriesService::decodeCursor);
        List<AuditEntry> found = log.list(filter, after, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new Page<>(found, Optional.empty());
        }
        List<AuditEntry> page = found.subList(0, query.limit());
        AuditEntry last = page.get(page.size() - 1);
        return new Page<>(page, Optional.of(encodeCursor(new Position(last.at(), last.id()))));
    }

    static String encodeCursor(Position position) {
        String text = position.at() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Position decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no position");
            }
            return new Position(Instant.parse(text.substring(0, bar)), AuditEntryId.parse(text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw InvalidInputException.of("cursor", "is not a cursor this API returned; pass next_cursor from the previous page as it is");
        }
    }
}
