package dev.latchkey.domain.config;

import dev.latchkey.domain.InvalidValueException;

import java.util.Objects;

/**
 * A field is shown, required and validated only while another (earlier) field has a given value,
 * e.g. {@code {"field": "sync_mode", "equals": "custom"}}.
 *
 * @param equals a string, number or boolean
 */
public record DependsOn(String field, Object equals) {
    public DependsOn {
        Texts.requireKey(field, "field");
        Objects.requireNonNull(equals, "equals");
        if (!(equals instanceof String || equals instanceof Number || equals instanceof Boolean)) {
            throw new InvalidValueException("equals", "equals must be a string, a number or true/false");
        }
    }

    /** Whether {@code value} (a field's value, or null) is the one this waits for; numbers compare by value (1 equals 1.0). */
    public boolean holdsFor(Object value) {
        return JsonValues.same(equals, value);
    }
}
