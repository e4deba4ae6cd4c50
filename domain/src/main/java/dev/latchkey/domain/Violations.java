package dev.latchkey.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the violations of several fields so a caller hears about all of them at once.
 * A value type's own constructor is the rule; {@link #check} turns its refusal into a violation.
 */
public final class Violations {
    private final List<FieldViolation> found = new ArrayList<>();

    /** Builds a value, or records why it could not be built under the field's name and returns null. */
    public <T> T check(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    /** How many violations were found so far. */
    public int count() {
        return found.size();
    }

    /** The violations found so far, in the order found. */
    public List<FieldViolation> all() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
