package dev.latchkey.domain.config;

import dev.latchkey.domain.FieldViolation;

import java.util.List;

/**
 * Values a customer sent do not fit the app's config fields; every problem is listed, nothing was
 * saved. Distinct from a malformed request (that is {@link dev.latchkey.domain.InvalidInputException}).
 */
public final class InvalidConfigException extends RuntimeException {
    private final transient List<FieldViolation> violations;

    public InvalidConfigException(List<FieldViolation> violations) {
        super(violations.size() == 1 ? "The config value '" + violations.get(0).field() + "' is invalid: " + violations.get(0).message()
                : violations.size() + " config values are invalid; see errors.");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid config names at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
