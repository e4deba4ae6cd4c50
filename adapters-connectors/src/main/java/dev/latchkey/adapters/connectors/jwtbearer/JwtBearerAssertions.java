package dev.latchkey.adapters.connectors.jwtbearer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.domain.InvalidInputException;

import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * RS256-signed JWT bearer assertions (RFC 7523 §2.1 and §3): {@code iss}, {@code sub} when there is
 * one, {@code aud}, {@code scope} when there are scopes, {@code iat}, {@code exp} and a fresh
 * {@code jti}; header {@code {"alg":"RS256","typ":"JWT"}} with {@code kid} when known.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523">RFC 7523</a>
 * @see <a href="https://developers.google.com/identity/protocols/oauth2/service-account#httprest">Google: preparing to make a delegated API call (HTTP/REST)</a>
 * @see <a href="https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm">Salesforce: OAuth 2.0 JWT bearer flow</a>
 */
public final class JwtBearerAssertions {
    private final Clock clock;
    private final Supplier<String> jwtIds;

    public JwtBearerAssertions(Clock clock) {
        this(clock, () -> UUID.randomUUID().toString());
    }

    /** @param jwtIds where each assertion's {@code jti} comes from (unique per assertion) */
    public JwtBearerAssertions(Clock clock, Supplier<String> jwtIds) {
        this.clock = clock;
        this.jwtIds = jwtIds;
    }

    /** The compact serialization of the assertion, issued now and signed with {@code key}. */
    public String sign(JwtBearerClaims claims, RSAPrivateKey key) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .audience(claims.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(claims.lifetime())))
                .jwtID(jwtIds.get());
        claims.subject().ifPresent(set::subject);
        if (!claims.scopes().isEmpty()) {
            set.claim("scope", String.join(" ", claims.scopes()));
        }
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        claims.keyId().ifPresent(header::keyID);
        SignedJWT jwt = new SignedJWT(header.build(), set.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException | IllegalArgumentException e) {
            throw InvalidInputException.of("private_key", "cannot sign an RS256 JWT (the key must be RSA, 2048 bits or more)");
        }
        return jwt.serialize();
    }

    /**
     * The RSA private key of a PEM text, PKCS#8 ({@code BEGIN PRIVATE KEY}, as in Google's JSON key files)
     * or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); a key pasted with literal {@code \n} is accepted. Anything
     * else is refused naming {@code field}, without quoting the text or attaching the parser's exception.
     */
    public static RSAPrivateKey privateKey(String pem, String field) {
        String text = pem == null ? "" : pem.contains("\\n") && !pem.contains("\n") ? pem.replace("\\n", "\n") : pem;
        try {
            if (JWK.parseFromPEMEncodedObjects(text.strip()) instanceof RSAKey rsa && rsa.isPrivate()) {
                return rsa.toRSAPrivateKey();
            }
        } catch (JOSEException | RuntimeException e) {
            // refused below, without the parser's message (it might quote the key)
        }
        throw InvalidInputException.of(field, "is not an unencrypted PEM RSA private key (-----BEGIN PRIVATE KEY----- or "
                + "-----BEGIN RSA PRIVATE KEY-----); paste the whole key the provider generated");
    }
}
