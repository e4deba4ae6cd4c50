package dev.latchkey.domain;

/**
 * One problem with one input field, in words a caller can act on.
 *
 * @param field   the field's name as the caller sent it (snake_case on the HTTP API)
 * @param message what is wrong and how to fix it
 */
public record FieldViolation(String field, String message) {
    public FieldViolation {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field must be named");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message must be given");
        }
    }
}
