package dev.latchkey.application.port.in;

public interface OpenConnectLinkUseCase {
    /** Exchanges a link's code, once, for a portal session. */
    OpenConnectLinkResult open(String code);
}
