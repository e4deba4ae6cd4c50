package dev.latchkey.domain;

/**
 * The database cannot be reached (refused, timed out, shutting down): nothing about the request is
 * wrong, and the same request may succeed once the database is back. The persistence adapters throw
 * it for connection-level failures; the web adapters answer it with 503 {@code database_unavailable}.
 * No secret in the message.
 */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message) {
        super(message);
    }

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
