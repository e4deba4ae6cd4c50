package dev.latchkey.adapters.persistence.jdbc;

/** A database failure while reading or writing one of Latchkey's stores. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
