package dev.latchkey.adapters.connectors.jwtbearer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a JWT bearer assertion (RFC 7523 §3) states.
 *
 * @param issuer   {@code iss}: who signs — a Google service account's {@code client_email}, a Salesforce
 *                 connected app's consumer key
 * @param subject  {@code sub}: whom the token acts for — the user a Google service account impersonates
 *                 with domain-wide delegation, the Salesforce username; empty for none (Google without delegation)
 * @param audience {@code aud}: the token endpoint's URL, or the audience the provider declares
 *                 ({@code https://login.salesforce.com})
 * @param scopes   sent as one space-separated {@code scope} claim when not empty (Google's form); empty for none
 * @param lifetime {@code exp - iat}: more than zero, at most one hour (RFC 7523 lets the provider bound it;
 *                 Google allows one hour, Salesforce three minutes)
 * @param keyId    {@code kid} in the header: which of the issuer's keys signed (Google's {@code private_key_id})
 */
public record JwtBearerClaims(String issuer, Optional<String> subject, String audience, List<String> scopes, Duration lifetime,
                              Optional<String> keyId) {
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    public JwtBearerClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(keyId, "keyId");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer: is required (the service account's email, or the app's client id)");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("audience: is required (the token URL, or the audience the provider documents)");
        }
        subject = subject.filter(s -> !s.isBlank());
        keyId = keyId.filter(k -> !k.isBlank());
        scopes = scopes.stream().filter(s -> !s.isBlank()).toList();
        if (scopes.stream().anyMatch(s -> s.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("scopes: a scope holds no spaces");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("assertion_lifetime_seconds: must be more than 0 and at most 3600");
        }
    }
}
