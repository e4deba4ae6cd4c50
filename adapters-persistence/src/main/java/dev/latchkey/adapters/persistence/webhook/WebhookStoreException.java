package dev.latchkey.adapters.persistence.webhook;

/** A database failure while reading or writing webhooks. */
public final class WebhookStoreException extends RuntimeException {
    public WebhookStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
