package dev.latchkey.adapters.connectors.jwtbearer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A stub token endpoint's side of RFC 7523: the form's grant_type, an RS256 assertion whose signature
 * verifies with the issuer's public key, the expected {@code iss} and {@code aud}, {@code exp} after
 * {@code iat} by at most the provider's limit, and where expected ({@link #withSubject}, {@link #withScope})
 * the {@code sub} and {@code scope} claims. Reusable by end-to-end tests of JWT bearer connectors (published
 * in this module's test jar).
 */
public final class JwtBearerStubVerifier implements ValueMatcher<Request> {
    private final RSAPublicKey publicKey;
    private final String issuer;
    private final String audience;
    private final long maxLifetimeSeconds;
    private final Optional<String> subject;
    private final Optional<String> scope;

    public JwtBearerStubVerifier(RSAPublicKey publicKey, String issuer, String audience, long maxLifetimeSeconds) {
        this(publicKey, issuer, audience, maxLifetimeSeconds, Optional.empty(), Optional.empty());
    }

    private JwtBearerStubVerifier(RSAPublicKey publicKey, String issuer, String audience, long maxLifetimeSeconds,
                                  Optional<String> subject, Optional<String> scope) {
        this.publicKey = publicKey;
        this.issuer = issuer;
        this.audience = audience;
        this.maxLifetimeSeconds = maxLifetimeSeconds;
        this.subject = subject;
        this.scope = scope;
    }

    /** The same verifier, also requiring {@code sub} to be {@code expected}. */
    public JwtBearerStubVerifier withSubject(String expected) {
        return new JwtBearerStubVerifier(publicKey, issuer, audience, maxLifetimeSeconds, Optional.of(expected), scope);
    }

    /** The same verifier, also requiring the {@code scope} claim to be {@code expected} (space-separated, Google's form). */
    public JwtBearerStubVerifier withScope(String expected) {
        return new JwtBearerStubVerifier(publicKey, issuer, audience, maxLifetimeSeconds, subject, Optional.of(expected));
    }

    @Override
    public MatchResult match(Request request) {
        return MatchResult.of(problem(request).isEmpty());
    }

    /** The answer of an OAuth server to an assertion it does not accept (RFC 6749 §5.2), below every other stub. */
    public static void refuseTheRest(WireMockServer server) {
        server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}")));
    }

    /** Why the token request is refused, or empty when it is accepted. */
    public Optional<String> problem(Request request) {
        Map<String, String> form = form(request.getBodyAsString());
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return Optional.of("grant_type is not urn:ietf:params:oauth:grant-type:jwt-bearer");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(form.getOrDefault("assertion", ""));
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.of("the assertion is not RS256");
            }
            if (!jwt.verify(new RSASSAVerifier(publicKey))) {
                return Optional.of("the assertion's signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer()) || claims.getAudience().size() != 1 || !audience.equals(claims.getAudience().get(0))) {
                return Optional.of("iss or aud is not the expected one");
            }
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
                return Optional.of("iat and exp are required");
            }
            if (subject.isPresent() && !subject.get().equals(claims.getSubject())) {
                return Optional.of("sub is not the expected one");
            }
            if (scope.isPresent() && !scope.get().equals(claims.getClaim("scope"))) {
                return Optional.of("scope is not the expected one");
            }
            long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
            if (lifetime <= 0 || lifetime > maxLifetimeSeconds) {
                return Optional.of("exp is not within " + maxLifetimeSeconds + " seconds of iat");
            }
            return Optional.empty();
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            return Optional.of("the assertion is not a signed JWT");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
