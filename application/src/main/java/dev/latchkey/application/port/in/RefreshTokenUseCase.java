package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Optional;

public interface RefreshTokenUseCase {
    /**
     * The connection with credentials good to use now: refreshed first when its token expires within
     * the connector's margin (5 minutes by default), or when {@code force} (the provider just said 401).
     * At most one refresh per connection runs at a time, across threads and instances; the others
     * wait and read the result. {@code invalid_grant} makes the connection expired (and tells the
     * company); a transient failure leaves it active and is a ProviderException UNAVAILABLE when the
     * current token can no longer be used. An expired connection is {@code connection_expired} (409).
     */
    Connection fresh(WorkspaceId workspaceId, ConnectionId connectionId, boolean force);

    /** The same, starting from a connection the caller has just read (saves reading it again). */
    Connection fresh(Connection seen, boolean force);

    /** When a request would refresh this connection's token first (its expiry minus the margin); empty if never. */
    Optional<Instant> refreshDueAt(Connection connection);
}
