package dev.latchkey.domain.account;

import java.util.regex.Pattern;

/** The company's own stable id for its customer: 1-128 of {@code A-Z a-z 0-9 . _ : @ -}. */
public record LinkedAccountId(String value) {
    public static final int MAX_LENGTH = 128;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:@-]{1," + MAX_LENGTH + "}");

    public LinkedAccountId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("is required: your own stable id for this customer, e.g. \"cust-42\"");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("may contain only letters, digits and . _ : @ - (no spaces)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
