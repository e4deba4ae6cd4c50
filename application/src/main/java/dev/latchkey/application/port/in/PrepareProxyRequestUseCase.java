package dev.latchkey.application.port.in;

public interface PrepareProxyRequestUseCase {
    /**
     * Everything needed to sign a request to a connection's provider: which connection (the only
     * one of the connector, or the one named; several without a name is {@code connection_ambiguous}),
     * its API base URL with the connection's values filled in, and the headers and query parameters
     * that authenticate it — with a token refreshed first when needed (or when forced after a 401).
     */
    ProxyTarget prepare(PrepareProxyRequestCommand command);
}
