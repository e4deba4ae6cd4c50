package dev.latchkey.client;

/** {@code /v1/connect-links}: single-use links to the hosted portal. */
public final class ConnectLinks {
    private final Transport transport;

    ConnectLinks(Transport transport) {
        this.transport = transport;
    }

    /** A new link; send the customer to {@link ConnectLink#url()} (a new tab, a redirect or an iframe). */
    public ConnectLink create(ConnectLinkRequest request) {
        return transport.call("POST", "/v1/connect-links", request.body(), Transport.Repeat.CREATE, Transport.type(ConnectLink.class));
    }
}
