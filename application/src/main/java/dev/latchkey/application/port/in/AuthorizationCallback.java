package dev.latchkey.application.port.in;

import java.util.Map;
import java.util.Optional;

/**
 * The query of {@code /oauth/callback}: Latchkey's {@code state}, and either what the scheme completes
 * with ({@code code} for OAuth 2.0, {@code oauth_token} and {@code oauth_verifier} for OAuth 1.0a...)
 * or the provider's {@code error}. Which parameters complete it is the scheme's business, so all are kept.
 */
public record AuthorizationCallback(Map<String, String> parameters) {
    public AuthorizationCallback {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> state() {
        return parameter("state");
    }

    public Optional<String> error() {
        return parameter("error");
    }

    public Optional<String> errorDescription() {
        return parameter("error_description");
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public String toString() {
        return "AuthorizationCallback[parameters=" + parameters.keySet() + ", error=" + error().orElse("none") + "]";
    }
}
