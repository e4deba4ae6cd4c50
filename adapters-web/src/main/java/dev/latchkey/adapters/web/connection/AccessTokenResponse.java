package dev.latchkey.adapters.web.connection;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.credential.AccessToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A connection's access token, fresh, for a backend that calls the provider with its own SDK. */
@Serdeable
@Schema(name = "AccessToken")
public record AccessTokenResponse(String accessToken,
                                  @Nullable @Schema(format = "date-time", description = "null when the provider gave no expiry: valid until it says 401") String expiresAt,
                                  String tokenType, String connectionId,
                                  @Schema(description = "names this token without revealing it (its SHA-256, base64url): pass it as "
                                          + "rejected_token_id with force_refresh=true when the provider answers 401 to the token")
                                  String tokenId) {
    static AccessTokenResponse of(Connection connection, AccessToken token) {
        return new AccessTokenResponse(token.value(), token.expiresAt().map(Timestamps::format).orElse(null), token.tokenType(),
                connection.id().toString(), token.fingerprint().value());
    }

    @Override
    public String toString() {
        return "AccessTokenResponse[connectionId=" + connectionId + ", expiresAt=" + expiresAt + ", tokenId=" + tokenId + "]";
    }
}
