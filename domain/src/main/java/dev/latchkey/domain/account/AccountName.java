package dev.latchkey.domain.account;

import dev.latchkey.domain.StorableText;

/** A human name for a linked account ("Acme Inc"), at most 200 characters. */
public record AccountName(String value) {
    public static final int MAX_LENGTH = 200;

    public AccountName {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("must not be blank; send null to leave the account unnamed");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        StorableText.require(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
