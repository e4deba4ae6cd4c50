package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.workspace.AllowedOrigins;

import java.util.Optional;

/**
 * How an OAuth callback ended.
 *
 * @param pending        the authorization it completed; empty when the state was unknown, expired or used
 * @param connection     the connection, when connected
 * @param error          a stable code ({@code access_denied}, {@code state_invalid}, {@code exchange_failed}...) when not
 * @param message        words for the customer
 * @param allowedOrigins the workspace's origins, for postMessage and the return URL
 */
public record AuthorizationOutcome(Optional<PendingAuthorization> pending, Optional<Connection> connection,
                                   Optional<String> error, String message, AllowedOrigins allowedOrigins) {
    public boolean connected() {
        return connection.isPresent();
    }
}
