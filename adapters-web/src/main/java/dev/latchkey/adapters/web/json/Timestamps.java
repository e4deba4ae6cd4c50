package dev.latchkey.adapters.web.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/** RFC 3339 UTC timestamps with millisecond precision, as every response writes them. */
public final class Timestamps {
    private Timestamps() {
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static String format(Instant instant) {
        return MILLIS.format(instant);
    }
}
