package dev.latchkey.adapters.web.console;

/**
 * A sign-in that could not complete. The message is safe to show (no token, no secret).
 * {@link #providerAway()}: the identity provider did not answer (a 502 page), rather than refused or
 * sent something the checks refuse (a 400 page).
 */
public class ConsoleSignInException extends RuntimeException {
    private final boolean providerAway;

    public ConsoleSignInException(String message, boolean providerAway) {
        super(message);
        this.providerAway = providerAway;
    }

    public boolean providerAway() {
        return providerAway;
    }
}
