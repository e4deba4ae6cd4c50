package dev.latchkey.domain;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parses UUIDs in their canonical 8-4-4-4-12 form only ({@link UUID#fromString} also takes "1-1-1-1-1"). */
public final class Uuids {
    private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    public static UUID parseCanonical(String text, String messageIfNot) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException(messageIfNot);
        }
        return UUID.fromString(text.toLowerCase(Locale.ROOT));
    }
}
