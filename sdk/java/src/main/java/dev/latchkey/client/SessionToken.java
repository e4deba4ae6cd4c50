package dev.latchkey.client;

import java.time.Instant;

/** A session token for your frontend; it reaches only its linked account. Never printed by {@link #toString()}. */
public record SessionToken(String token, Instant expiresAt, String linkedAccountId) {
    @Override
    public String toString() {
        return "SessionToken[linkedAccountId=" + linkedAccountId + ", expiresAt=" + expiresAt + ", token=***]";
    }
}
