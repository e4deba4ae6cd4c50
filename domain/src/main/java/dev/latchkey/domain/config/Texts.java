package dev.latchkey.domain.config;

import dev.latchkey.domain.InvalidValueException;

import java.util.regex.Pattern;

/** The shared rules of names and texts in config-field definitions. */
final class Texts {
    static final int LABEL_LENGTH = 200;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Texts() {
    }

    static void requireKey(String key, String what) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidValueException(what, what + " must be 1-64 lowercase letters, digits and _, starting with a letter (got '"
                    + key + "')");
        }
    }

    static void require(String text, String what, int maxLength) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(what, what + " must not be blank");
        }
        if (text.length() > maxLength) {
            throw new InvalidValueException(what, what + " must be at most " + maxLength + " characters");
        }
    }
}
