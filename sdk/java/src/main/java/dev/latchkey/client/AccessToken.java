package dev.latchkey.client;

import java.time.Instant;

/**
 * A connection's access token, fresh, for calling the provider with its own SDK. Never printed by
 * {@link #toString()}.
 *
 * @param expiresAt null when the provider gave no expiry (valid until it answers 401)
 * @param tokenId   names the token without revealing it (its SHA-256): what
 *                  {@link Connections#refreshRejected(String, AccessToken)} sends when the provider answered 401 to it
 */
public record AccessToken(String accessToken, Instant expiresAt, String tokenType, String connectionId, String tokenId) {
    @Override
    public String toString() {
        return "AccessToken[connectionId=" + connectionId + ", tokenType=" + tokenType + ", expiresAt=" + expiresAt
                + ", tokenId=" + tokenId + ", accessToken=***]";
    }
}
