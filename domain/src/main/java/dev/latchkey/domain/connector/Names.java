package dev.latchkey.domain.connector;

import java.util.regex.Pattern;

final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Names() {
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lowercase letters, digits and _, starting with a letter (got '" + name + "')");
        }
    }

    static void requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
