package dev.latchkey.adapters.web.security;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.validator.JwtValidator;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a {@link SessionGrant} as a JWT signed with the session secret (HS256), and reads one back.
 * The application decides what a grant is and whether it still holds; this only encodes it.
 */
@Singleton
public class SessionTokenCodec {
    public static final String ISSUER = "latchkey";

    private final TokenGenerator generator;
    private final JwtValidator<Object> signatureOnly;

    public SessionTokenCodec(TokenGenerator generator, Collection<SignatureConfiguration> signatures) {
        this.generator = generator;
        this.signatureOnly = JwtValidator.builder().withSignatures(List.copyOf(signatures)).build();
    }

    public String encode(SessionGrant grant) {
        Map<String, Object> claims = Map.of(
                "iss", ISSUER,
                "sub", grant.linkedAccountId().value(),
                "jti", grant.tokenId(),
                "iat", grant.issuedAt().getEpochSecond(),
                "exp", grant.expiresAt().getEpochSecond(),
                "roles", List.of(Roles.SESSION),
                Roles.WORKSPACE_CLAIM, grant.workspaceId().toString(),
                Roles.ACCOUNT_KEY_CLAIM, grant.linkedAccountKey().toString());
        return generator.generateToken(claims)
                .orElseThrow(() -> new IllegalStateException("the session token could not be signed"));
    }

    /** The grant of a token whose signature is ours, expired or not; empty for anything else. */
    public Optional<SessionGrant> decode(String token) {
        try {
            return signatureOnly.validate(token, null).flatMap(jwt -> {
                try {
                    return grantOf(jwt.getJWTClaimsSet().getClaims());
                } catch (ParseException e) {
                    return Optional.empty();
                }
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<SessionGrant> grantOf(Claims claims) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (String name : claims.names()) {
            values.put(name, claims.get(name));
        }
        return grantOf(values);
    }

    private static Optional<SessionGrant> grantOf(Map<String, Object> claims) {
        try {
            if (!ISSUER.equals(claims.get("iss"))) {
                return Optional.empty();
            }
            return Optional.of(new SessionGrant(
                    (String) claims.get("jti"),
                    WorkspaceId.parse((String) claims.get(Roles.WORKSPACE_CLAIM)),
                    new LinkedAccountId((String) claims.get("sub")),
                    LinkedAccountKey.parse((String) claims.get(Roles.ACCOUNT_KEY_CLAIM)),
                    instant(claims.get("iat")),
                    instant(claims.get("exp"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        throw new IllegalArgumentException("not a NumericDate");
    }
}
