package dev.latchkey.domain.connector;

import java.util.Objects;

/** A company's own OAuth app at a provider (white-label): its client id and secret. */
public record OAuthClient(String clientId, String clientSecret) {
    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", clientSecret=***]";
    }
}
