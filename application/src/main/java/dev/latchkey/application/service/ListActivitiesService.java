package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListActivitiesQuery;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.application.port.out.ActivityLogStorePort;
import dev.latchkey.application.port.out.ActivityLogStorePort.Position;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.LoggedActivity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the activity log newest first. The cursor is the position (start time, id) of the last
 * record of the page, so a page never repeats or skips a record however many are written meanwhile.
 */
public final class ListActivitiesService implements ListActivitiesUseCase {
    private final ActivityLogStorePort log;

    public ListActivitiesService(ActivityLogStorePort log) {
        this.log = log;
    }

    @Override
    public Page<LoggedActivity> list(ListActivitiesQuery query) {
        var filter = query.filter();
        if (filter.since().isPresent() && filter.until().isPresent() && !filter.since().get().isBefore(filter.until().get())) {
            throw InvalidInputException.of("until", "must be after since");
        }
        Optional<Position> after = query.cursor().map(ListActivitiesService::decodeCursor);
        List<LoggedActivity> found = log.list(filter, after, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new Page<>(found, Optional.empty());
        }
        List<LoggedActivity> page = found.subList(0, query.limit());
        LoggedActivity last = page.get(page.size() - 1);
        return new Page<>(page, Optional.of(encodeCursor(new Position(last.activity().at(), last.id()))));
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
            return new Position(Instant.parse(text.substring(0, bar)), ActivityId.parse(text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw InvalidInputException.of("cursor", "is not a cursor this API returned; pass next_cursor from the previous page as it is");
        }
    }
}
