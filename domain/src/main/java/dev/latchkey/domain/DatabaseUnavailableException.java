package dev.latchkey.domain;

/** The database could not be reached (or answered that it cannot serve now): try again shortly. No secret in the message. */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message) {
        super(message);
    }

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
