package dev.latchkey.adapters.web.audit;

import dev.latchkey.application.port.in.ListAuditEntriesQuery;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.audit.ActorFilter;
import dev.latchkey.domain.audit.AuditEntryFilter;
import dev.latchkey.domain.audit.AuditOutcome;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The audit log's query parameters, read alike by the API-key and the operator's endpoints and the console; every bad one is reported at once. */
public final class AuditQueries {
    static final String FILTERS = "Filters: actor (api_key, session, operator or console_user, optionally with ':' and one actor's id: "
            + "api_key:<key id>, session:<linked account id>), action (an operation id such as deleteWebhook), outcome (succeeded, "
            + "refused, failed), since (inclusive) and until (exclusive) as RFC 3339 times.";

    private AuditQueries() {
    }

    public static ListAuditEntriesQuery query(Optional<WorkspaceId> workspace, @Nullable String actor, @Nullable String action,
                                       @Nullable String outcome, @Nullable String since, @Nullable String until,
                                       @Nullable String limit, int defaultLimit, int maxLimit, @Nullable String cursor,
                                       List<FieldViolation> problems) {
        AuditEntryFilter filter = new AuditEntryFilter(workspace,
                text("actor", actor, ActorFilter::parse, problems),
                text("action", action, AuditQueries::action, problems),
                typed("outcome", outcome, AuditOutcome::fromWire, problems), // an enum: empty is none of its values
                typed("since", since, AuditQueries::time, problems),
                typed("until", until, AuditQueries::time, problems));
        int pageSize = typed("limit", limit, text -> limit(text, maxLimit), problems).orElse(defaultLimit);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ListAuditEntriesQuery(filter, pageSize, Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
    }

    /** A text filter: left out or empty is absent. */
    static <T> Optional<T> text(String field, @Nullable String text, Function<String, T> reader, List<FieldViolation> problems) {
        return text == null || text.isEmpty() ? Optional.empty() : typed(field, text, reader, problems);
    }

    /** A filter the document types (a time, a number): left out is absent, but an empty value is not one of its type. */
    static <T> Optional<T> typed(String field, @Nullable String text, Function<String, T> reader, List<FieldViolation> problems) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(text));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldViolation(field, e.getMessage()));
            return Optional.empty();
        }
    }

    private static String action(String text) {
        if (text.length() > 128 || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must be an operation id such as deleteWebhook (at most 128 characters)");
        }
        return text;
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an RFC 3339 time such as 2026-12-05T10:00:00Z");
        }
    }

    private static int limit(String text, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a whole number from 1 to " + max);
    }
}
