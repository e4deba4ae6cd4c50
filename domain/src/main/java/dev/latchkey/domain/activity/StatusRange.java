package dev.latchkey.domain.activity;

import java.util.regex.Pattern;

/**
 * A status filter of the activity log: a class ({@code 2xx}, {@code 4xx}, {@code 5xx}) or one status
 * ({@code 429}), as the inclusive range {@code from..to}.
 */
public record StatusRange(int from, int to) {
    private static final Pattern CLASS = Pattern.compile("[1-5]xx");
    private static final Pattern ONE = Pattern.compile("[1-5][0-9][0-9]");

    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("must be a status from 100 to 599 or a class such as 4xx");
        }
    }

    /** @throws IllegalArgumentException saying what is accepted */
    public static StatusRange parse(String text) {
        if (text != null && CLASS.matcher(text).matches()) {
            int base = (text.charAt(0) - '0') * 100;
            return new StatusRange(base, base + 99);
        }
        if (text != null && ONE.matcher(text).matches()) {
            int status = Integer.parseInt(text);
            return new StatusRange(status, status);
        }
        throw new IllegalArgumentException("must be a status class (2xx, 3xx, 4xx, 5xx) or one status such as 429");
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }
}
