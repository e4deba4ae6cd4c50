package dev.latchkey.domain.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token from a provider, with what came with it. A token without an expiry is treated as
 * valid until the provider says 401.
 */
public record AccessToken(String value, Optional<String> refreshToken, Optional<Instant> expiresAt, String tokenType,
                          List<String> scopes) {
    public AccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an access token must not be blank");
        }
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        tokenType = tokenType == null || tokenType.isBlank() ? "Bearer" : tokenType;
        scopes = List.copyOf(scopes);
    }

    /** Whether it should be refreshed now: expired, or expiring within the margin. */
    public boolean needsRefreshAt(Instant now, Duration margin) {
        return expiresAt.map(at -> !now.plus(margin).isBefore(at)).orElse(false);
    }

    /** Which token this is, without the token: for telling whether a rejected token is still the current one. */
    public TokenFingerprint fingerprint() {
        return TokenFingerprint.of(value);
    }

    /** A refreshed token keeps the old refresh token when the provider did not rotate it. */
    public AccessToken refreshedWith(AccessToken fresh) {
        return new AccessToken(fresh.value, fresh.refreshToken.or(() -> refreshToken), fresh.expiresAt, fresh.tokenType,
                fresh.scopes.isEmpty() ? scopes : fresh.scopes);
    }

    @Override
    public String toString() {
        return "AccessToken[type=" + tokenType + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("never")
                + ", refreshable=" + refreshToken.isPresent() + "]";
    }
}
