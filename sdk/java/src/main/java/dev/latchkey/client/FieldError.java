package dev.latchkey.client;

/** One invalid field of a refused request, e.g. {@code ("ttl_seconds", "must be 60 to 86400")}. */
public record FieldError(String field, String message) {
}
