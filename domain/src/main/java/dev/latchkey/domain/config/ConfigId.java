package dev.latchkey.domain.config;

import java.util.regex.Pattern;

/**
 * Names one of several configs of one app for one linked account ({@code default}, {@code sales-pipeline}):
 * a slug, safe in URLs, query strings and logs.
 */
public record ConfigId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    public static final ConfigId DEFAULT = new ConfigId("default");

    public ConfigId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit, "
                    + "such as default or sales-pipeline");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
