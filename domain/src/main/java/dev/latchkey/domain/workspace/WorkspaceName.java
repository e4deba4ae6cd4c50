package dev.latchkey.domain.workspace;

import java.util.regex.Pattern;

/** An operator-chosen handle for a workspace, such as {@code acme} or {@code acme-live}. */
public record WorkspaceName(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public WorkspaceName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "must be 1-63 lowercase letters, digits or '-', starting with a letter or digit (e.g. \"acme\")");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
