package dev.latchkey.client;

/**
 * A webhook request that did not come from Latchkey, or not now: a header missing, a timestamp
 * outside the tolerance, or no signature that matches. Answer it with 400 (or 401) and ignore it.
 * The message says which; it never holds the secret or a signature.
 */
public class WebhookVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
