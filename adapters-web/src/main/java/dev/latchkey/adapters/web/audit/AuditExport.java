package dev.latchkey.adapters.web.audit;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A page of the audit log as JSON lines: one entry per line, newest first, each line the object the
 * list returns. A page is bounded (at most 1000 entries); the {@value #NEXT_CURSOR} header, when
 * there are more, is the cursor of the next page. No entry at all is 204 No Content.
 */
public final class AuditExport {
    public static final String NDJSON = "application/x-ndjson";
    public static final String NEXT_CURSOR = "Next-Cursor";

    private AuditExport() {
    }

    public static MutableHttpResponse<String> of(Page<AuditEntry> page, JsonMapper json) {
        if (page.items().isEmpty()) {
            return HttpResponse.noContent(); // no lines: nothing matches (a later page is never empty)
        }
        StringBuilder lines = new StringBuilder(page.items().size() * 400);
        try {
            for (AuditEntry entry : page.items()) {
                lines.append(json.writeValueAsString(AuditEntryResponse.of(entry))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an audit entry could not be written as JSON", e);
        }
        MutableHttpResponse<String> response = HttpResponse.ok(lines.toString()).contentType(NDJSON);
        page.nextCursor().ifPresent(cursor -> response.header(NEXT_CURSOR, cursor));
        return response;
    }
}
