package dev.latchkey.adapters.persistence.connection;

import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of {@link Credentials} that is encrypted into {@code connections.credentials_ciphertext}.
 * {@code v} is the version of this shape; times are RFC 3339 text so no precision is lost.
 */
@Serdeable
public record StoredCredentials(int v, Map<String, String> fields, @Nullable Token token) {
    static final int VERSION = 1;

    static StoredCredentials of(Credentials credentials) {
        return new StoredCredentials(VERSION, credentials.fields(), credentials.token().map(Token::of).orElse(null));
    }

    Credentials toDomain() {
        return new Credentials(fields == null ? Map.of() : fields, Optional.ofNullable(token).map(Token::toDomain));
    }

    @Override
    public String toString() {
        return "StoredCredentials[fields=" + (fields == null ? "none" : fields.keySet()) + "]";
    }

    @Serdeable
    public record Token(String value, @Nullable String refreshToken, @Nullable String expiresAt, String tokenType,
                        @Nullable List<String> scopes) {
        static Token of(AccessToken token) {
            return new Token(token.value(), token.refreshToken().orElse(null),
                    token.expiresAt().map(Instant::toString).orElse(null), token.tokenType(), token.scopes());
        }

        AccessToken toDomain() {
            return new AccessToken(value, Optional.ofNullable(refreshToken), Optional.ofNullable(expiresAt).map(Instant::parse),
                    tokenType, scopes == null ? List.of() : scopes);
        }

        @Override
        public String toString() {
            return "Token[type=" + tokenType + "]";
        }
    }
}
