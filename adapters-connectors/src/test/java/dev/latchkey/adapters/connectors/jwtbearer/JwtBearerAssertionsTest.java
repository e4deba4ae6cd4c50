package dev.latchkey.adapters.connectors.jwtbearer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.domain.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtBearerAssertionsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static KeyPair keys;

    private final JwtBearerAssertions assertions = new JwtBearerAssertions(Clock.fixed(NOW, ZoneOffset.UTC), () -> "jti-1");

    @BeforeAll
    static void keys() {
        keys = TestKeys.rsa();
    }

    private static SignedJWT verified(String assertion) throws Exception {
        SignedJWT jwt = SignedJWT.parse(assertion);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).as("signature verifies with the public key").isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        return jwt;
    }

    /** https://developers.google.com/identity/protocols/oauth2/service-account#httprest: iss, scope, aud, exp (at most an hour), iat. */
    @Test
    void a_google_service_account_assertion_has_googles_claims_exactly() throws Exception {
        JwtBearerClaims claims = new JwtBearerClaims("robot@project.iam.gserviceaccount.com", Optional.empty(),
                "https://oauth2.googleapis.com/token",
                List.of("https://www.googleapis.com/auth/drive.readonly", "https://www.googleapis.com/auth/calendar.readonly"),
                Duration.ofHours(1), Optional.of("0123456789abcdef"));

        SignedJWT jwt = verified(assertions.sign(claims, JwtBearerAssertions.privateKey(TestKeys.pkcs8(keys), "private_key")));

        assertThat(jwt.getHeader().getKeyID()).isEqualTo("0123456789abcdef");
        assertThat(jwt.getJWTClaimsSet().toJSONObject()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "iss", "robot@project.iam.gserviceaccount.com",
                "scope", "https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/calendar.readonly",
                "aud", "https://oauth2.googleapis.com/token",
                "iat", NOW.getEpochSecond(),
                "exp", NOW.getEpochSecond() + 3600,
                "jti", "jti-1"));
    }

    @Test
    void google_domain_wide_delegation_names_the_impersonated_user_as_sub() throws Exception {
        JwtBearerClaims claims = new JwtBearerClaims("robot@project.iam.gserviceaccount.com", Optional.of("alice@example.com"),
                "https://oauth2.googleapis.com/token", List.of("https://www.googleapis.com/auth/gmail.readonly"), Duration.ofMinutes(60),
                Optional.empty());

        SignedJWT jwt = verified(assertions.sign(claims, JwtBearerAssertions.privateKey(TestKeys.pkcs8(keys), "private_key")));

        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice@example.com");
        assertThat(jwt.getHeader().getKeyID()).isNull();
    }

    /** https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm: iss = consumer key, aud = https://login.salesforce.com, sub = username, exp within 3 minutes. */
    @Test
    void a_salesforce_assertion_has_the_consumer_key_the_username_and_login_salesforce_com() throws Exception {
        JwtBearerClaims claims = new JwtBearerClaims("3MVG9consumerKey", Optional.of("integration@acme.example"), "https://login.salesforce.com",
                List.of(), Duration.ofMinutes(3), Optional.empty());

        SignedJWT jwt = verified(assertions.sign(claims, JwtBearerAssertions.privateKey(TestKeys.pkcs1(keys), "private_key")));

        assertThat(jwt.getJWTClaimsSet().toJSONObject()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "iss", "3MVG9consumerKey",
                "sub", "integration@acme.example",
                "aud", "https://login.salesforce.com",
                "iat", NOW.getEpochSecond(),
                "exp", NOW.getEpochSecond() + 180,
                "jti", "jti-1"));
    }

    @Test
    void each_assertion_gets_its_own_jti_by_default() throws Exception {
        JwtBearerAssertions random = new JwtBearerAssertions(Clock.fixed(NOW, ZoneOffset.UTC));
        JwtBearerClaims claims = new JwtBearerClaims("iss", Optional.empty(), "aud", List.of(), Duration.ofMinutes(5), Optional.empty());

        String first = SignedJWT.parse(random.sign(claims, JwtBearerAssertions.privateKey(TestKeys.pkcs1(keys), "k"))).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(random.sign(claims, JwtBearerAssertions.privateKey(TestKeys.pkcs1(keys), "k"))).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PKCS#1", "PKCS#8", "PKCS#8 with literal \\n, as copied out of a JSON key file"})
    void pem_keys_are_read_in_both_forms(String form) {
        String pem = form.startsWith("PKCS#1") ? TestKeys.pkcs1(keys) : TestKeys.pkcs8(keys);
        if (form.contains("literal")) {
            pem = pem.replace("\n", "\\n");
        }

        assertThat(JwtBearerAssertions.privateKey(pem, "private_key").getModulus())
                .isEqualTo(((RSAPublicKey) keys.getPublic()).getModulus());
    }

    @Test
    void a_key_that_is_not_a_pem_rsa_private_key_is_refused_naming_the_field_without_echoing_it() {
        for (String bad : List.of("hunter2", "-----BEGIN RSA PRIVATE KEY-----\nTm90QUtleUF0QWxsU2VjcmV0U3R1ZmY=\n-----END RSA PRIVATE KEY-----\n", "")) {
            assertThatThrownBy(() -> JwtBearerAssertions.privateKey(bad, "private_key"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("private_key"));
                        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("Tm90QUtleUF0QWxsU2VjcmV0U3R1ZmY");
                        assertThat(e.getCause()).isNull();
                    });
        }
    }

    @Test
    void a_lifetime_over_an_hour_or_none_is_refused() {
        for (Duration lifetime : List.of(Duration.ofSeconds(3601), Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> new JwtBearerClaims("iss", Optional.empty(), "aud", List.of(), lifetime, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("assertion_lifetime_seconds:");
        }
        assertThatThrownBy(() -> new JwtBearerClaims(" ", Optional.empty(), "aud", List.of(), Duration.ofMinutes(1), Optional.empty()))
                .hasMessageStartingWith("issuer:");
        assertThatThrownBy(() -> new JwtBearerClaims("iss", Optional.empty(), "", List.of(), Duration.ofMinutes(1), Optional.empty()))
                .hasMessageStartingWith("audience:");
    }

    @Test
    void the_token_request_body_is_the_rfc_7523_grant() {
        assertThat(JwtBearerGrant.body("eyJ.a-b_c.d"))
                .isEqualTo("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJ.a-b_c.d");
        assertThat(JwtBearerGrant.form("x", Map.of("grant_type", "not overridable", "client_id", "c")))
                .containsExactly(Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), Map.entry("assertion", "x"),
                        Map.entry("client_id", "c"));
    }
}
