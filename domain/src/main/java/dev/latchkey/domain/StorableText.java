package dev.latchkey.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The rule every text the service accepts keeps: it holds no U+0000 and no lone UTF-16 surrogate.
 * Neither can be stored (PostgreSQL refuses NUL in text and jsonb, and a lone surrogate has no
 * UTF-8 form), so text carrying one is refused where it arrives, with a 400 naming the field,
 * rather than failing later in the database as a 500. The JSON reader and the request filter of
 * the web adapter apply it to every string, key, path, query and header; value types apply it too.
 */
public final class StorableText {
    private StorableText() {
    }

    /** Why {@code text} cannot be stored, in words a caller can act on; empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + "); send valid Unicode text");
            }
        }
        return Optional.empty();
    }

    /** {@code text} itself, or an {@link IllegalArgumentException} saying why it cannot be stored. */
    public static String require(String text) {
        problem(text).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return text;
    }

    /**
     * {@code text} fit to name a field in an error: a NUL or a lone surrogate written as the JSON
     * escape &#92;u0000, so the caller can see which key was meant.
     */
    public static String printable(String text) {
        if (problem(text).isEmpty() && text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A name the caller sent (a JSON key, a query parameter, a form field) as an error names it:
     * {@link #printable}, and in quotes when it is blank, so the field is still visible.
     */
    public static String fieldName(String name) {
        String printable = printable(name);
        return printable.isBlank() ? "\"" + printable + "\"" : printable;
    }
}
