package dev.latchkey.domain.connector;

import java.util.regex.Pattern;

/** A connector's handle in URLs and files: {@code hubspot}, {@code google-drive}. */
public record ConnectorSlug(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public ConnectorSlug {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("must be 2-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
