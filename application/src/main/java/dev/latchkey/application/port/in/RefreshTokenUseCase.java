package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.credential.TokenFingerprint;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Optional;

/**
 * Tokens good to use now. At most one refresh per connection runs at a time, across threads and
 * instances; the others wait for it (a bounded time: then {@code RefreshInProgressException}, 503 with
 * Retry-After) and read its result. {@code invalid_grant} makes the connection expired (and tells the
 * company); a transient failure leaves it active and is a ProviderException UNAVAILABLE (with when to
 * try again) when the current token can no longer be used. An expired connection is
 * {@code connection_expired} (409).
 */
public interface RefreshTokenUseCase {
    /** The connection, its token refreshed first when it expires within the connector's margin (5 minutes by default). */
    Connection fresh(WorkspaceId workspaceId, ConnectionId connectionId);

    /** The same, starting from a connection the caller has just read (saves reading it again). */
    Connection fresh(Connection seen);

    /**
     * After the provider rejected the token with this fingerprint (a 401): the token is refreshed only
     * while it is still the stored one — compared under the connection's row lock. When another request
     * (or instance) has replaced it already, the stored token is returned and the provider is not called:
     * a burst of 401s for one token refreshes it once, and a request that carried an older token is
     * simply sent again with the current one.
     */
    Connection replacing(WorkspaceId workspaceId, ConnectionId connectionId, TokenFingerprint rejected);

    /** The same, starting from a connection the caller has just read. */
    Connection replacing(Connection seen, TokenFingerprint rejected);

    /** When a request would refresh this connection's token first (its expiry minus the margin); empty if never. */
    Optional<Instant> refreshDueAt(Connection connection);
}
