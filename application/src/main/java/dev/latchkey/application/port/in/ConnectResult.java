package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.Connection;

import java.net.URI;
import java.time.Instant;

public sealed interface ConnectResult {
    /** Send the customer here; the authorization must complete before {@code expiresAt}. */
    record Redirect(URI authorizationUrl, Instant expiresAt) implements ConnectResult {
    }

    record Connected(Connection connection) implements ConnectResult {
    }
}
