package dev.latchkey.client;

import java.time.Instant;

/**
 * A connection's access token, fresh, for calling the provider with its own SDK. Never printed by
 * {@link #toString()}.
 *
 * @param expiresAt null when the provider gave no expiry (valid until it answers 401)
 */
public record AccessToken(String accessToken, Instant expiresAt, String tokenType, String connectionId) {
    @Override
    public String toString() {
        return "AccessToken[connectionId=" + connectionId + ", tokenType=" + tokenType + ", expiresAt=" + expiresAt + ", accessToken=***]";
    }
}
