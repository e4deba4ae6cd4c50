package dev.latchkey.application.port.in;

import java.util.Optional;

public interface PrepareProxyRequestUseCase {
    /**
     * Everything needed to sign a request to a connection's provider: which connection (the only
     * one of the connector, or the one named; several without a name is {@code connection_ambiguous}),
     * its API base URL with the connection's values filled in, and the headers and query parameters
     * that authenticate it — with a token refreshed first when needed, or after a 401 when the rejected
     * token is still the stored one (when it is not, the stored token signs the replay without a refresh).
     */
    ProxyTarget prepare(PrepareProxyRequestCommand command);

    /**
     * The target {@link #prepare} made for the same request moments ago, while it is still good to use
     * (young, its token not due for a refresh, its connection unchanged here). No I/O: safe to call on
     * an event loop. For a replay after a 401, only a target signed with another token than the rejected
     * one (prepared here since). Always empty from an implementation that remembers nothing.
     */
    default Optional<ProxyTarget> remembered(PrepareProxyRequestCommand command) {
        return Optional.empty();
    }
}
