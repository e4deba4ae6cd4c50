package dev.latchkey.application.port.out;

/** A row lock was not granted within the wait the caller allowed: another transaction holds it (see {@link ConnectionStorePort#lockForUpdate}). */
public final class RowLockTimeoutException extends RuntimeException {
    public RowLockTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
