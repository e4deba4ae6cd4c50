package dev.latchkey.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.web.security.SessionTokenCodec;
import dev.latchkey.domain.session.SessionGrant;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Session tokens: minted by a backend with its API key, used by a frontend, refused once expired, revoked or forged. */
@MicronautTest(transactional = false)
class SessionTokenApiTest extends ApiTest {

    private static final String TOKENS = "/v1/session-tokens";
    private static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";
    private static final String OTHER_SECRET = "another-secret-that-is-long-enough-0123456789";

    @Inject
    SessionTokenCodec codec;

    private Map<String, String> properties;
    private String key;

    /** The context's properties, kept so a second instance can be started on the same database. */
    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
        }
        return properties;
    }

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
    }

    @Test
    void mint_answers_201_with_the_token_its_expiry_and_the_account() {
        String account = newAccount();

        Reply minted = mint(Map.of("linked_account_id", account));

        assertThat(minted.status()).isEqualTo(201);
        assertThat(minted.get("linked_account_id")).isEqualTo(account);
        assertThat((String) minted.get("token")).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat((String) minted.get("expires_at")).matches(RFC_3339_UTC);
        Map<String, Object> claims = payload((String) minted.get("token"));
        assertThat(claims).containsKeys("jti", "iat", "exp", "ws").containsEntry("sub", account).containsEntry("iss", "latchkey");
        assertThat(Instant.ofEpochSecond(((Number) claims.get("exp")).longValue())).isEqualTo(Instant.parse((String) minted.get("expires_at")));
    }

    @Test
    void expires_at_is_written_with_milliseconds_like_every_other_time() {
        Reply minted = mint(Map.of("linked_account_id", newAccount()));

        assertThat((String) minted.get("expires_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat((String) get("/v1/session", (String) minted.get("token")).get("expires_at"))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @Test
    void the_default_ttl_is_an_hour() {
        Map<String, Object> claims = payload(token(newAccount()));

        assertThat(seconds(claims, "exp") - seconds(claims, "iat")).isEqualTo(3600);
    }

    @Test
    void a_ttl_of_60_and_of_86400_seconds_is_accepted() {
        String account = newAccount();
        for (int ttl : List.of(60, 86_400)) {
            Reply minted = mint(Map.of("linked_account_id", account, "ttl_seconds", ttl));

            assertThat(minted.status()).isEqualTo(201);
            Map<String, Object> claims = payload((String) minted.get("token"));
            assertThat(seconds(claims, "exp") - seconds(claims, "iat")).isEqualTo(ttl);
        }
    }

    @Test
    void a_ttl_outside_60_to_86400_or_not_a_number_is_refused_naming_ttl_seconds() {
        String account = newAccount();
        for (Object ttl : List.of(59, 86_401, "abc", 0, -60, 3600.5, "3600")) {
            Reply reply = mint(Map.of("linked_account_id", account, "ttl_seconds", ttl));

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as("ttl_seconds %s", ttl).containsExactly("ttl_seconds");
        }
    }

    @Test
    void minting_for_an_unknown_linked_account_is_404_linked_account_not_found() {
        assertProblem(mint(Map.of("linked_account_id", "nobody")), 404, "linked_account_not_found");
    }

    @Test
    void minting_without_a_linked_account_id_is_refused_naming_it() {
        Reply reply = mint(Map.of("ttl_seconds", 60));

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("linked_account_id");
    }

    @Test
    void the_session_endpoint_tells_the_token_s_account_and_expiry_as_minted() {
        String account = newAccount();
        Reply minted = mint(Map.of("linked_account_id", account, "ttl_seconds", 600));

        Reply session = get("/v1/session", (String) minted.get("token"));

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body()).isEqualTo(Map.of("linked_account_id", account, "expires_at", minted.get("expires_at")));
    }

    @Test
    void a_session_token_on_the_api_key_endpoints_is_403_forbidden_for_session_token() {
        String account = newAccount();
        String token = token(account);

        assertProblem(get("/v1/linked-accounts", token), 403, "forbidden_for_session_token");
        assertProblem(get("/v1/linked-accounts/" + account, token), 403, "forbidden_for_session_token");
        assertProblem(post("/v1/linked-accounts", Map.of("id", "made-by-a-frontend"), token), 403, "forbidden_for_session_token");
        assertProblem(delete("/v1/linked-accounts/" + account, token), 403, "forbidden_for_session_token");
        assertProblem(mint(Map.of("linked_account_id", account), token), 403, "forbidden_for_session_token");
        assertProblem(post(TOKENS + "/revoke", Map.of("token", token), token), 403, "forbidden_for_session_token");

        assertThat(get("/v1/linked-accounts/" + account, key).status()).isEqualTo(200);
        assertThat(get("/v1/linked-accounts/made-by-a-frontend", key).status()).isEqualTo(404);
        assertThat(get("/v1/session", token).status()).isEqualTo(200);
    }

    @Test
    void an_api_key_on_the_session_endpoint_is_403_session_token_required() {
        assertProblem(get("/v1/session", key), 403, "session_token_required");
    }

    @Test
    void an_expired_token_with_a_real_signature_is_401() {
        SessionGrant live = codec.decode(token(newAccount())).orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expired = codec.encode(regranted(live, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
        String sameButLive = codec.encode(regranted(live, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))));

        assertProblem(get("/v1/session", expired), 401, "unauthorized");
        assertThat(get("/v1/session", expired).headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(get("/v1/session", sameButLive).status()).as("the same grant, not expired").isEqualTo(200);
    }

    @Test
    void a_token_with_one_character_of_its_payload_changed_is_401() {
        String token = token(newAccount());
        String[] parts = token.split("\\.");
        int at = parts[1].length() / 2;
        char changed = parts[1].charAt(at) == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + parts[1].substring(0, at) + changed + parts[1].substring(at + 1) + "." + parts[2];

        assertThat(tampered).isNotEqualTo(token);
        assertProblem(get("/v1/session", tampered), 401, "unauthorized");
        assertThat(get("/v1/session", token).status()).isEqualTo(200);
    }

    @Test
    void a_token_whose_payload_names_another_account_under_the_original_signature_is_401() throws IOException {
        String victim = newAccount();
        String token = token(newAccount());
        String[] parts = token.split("\\.");
        Map<String, Object> claims = new HashMap<>(payload(token));
        claims.put("sub", victim);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(claims));

        assertProblem(get("/v1/session", parts[0] + "." + forgedPayload + "." + parts[2]), 401, "unauthorized");
    }

    @Test
    void a_token_signed_with_another_secret_is_401() throws Exception {
        String token = token(newAccount());

        assertProblem(get("/v1/session", resigned(token, OTHER_SECRET)), 401, "unauthorized");
        assertThat(get("/v1/session", resigned(token, SESSION_SECRET)).status())
                .as("the same claims signed with the service's own secret").isEqualTo(200);
    }

    @Test
    void an_unsigned_token_is_401() throws Exception {
        String token = token(newAccount());
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.US_ASCII));

        assertProblem(get("/v1/session", header + "." + token.split("\\.")[1] + "."), 401, "unauthorized");
    }

    @Test
    void a_revoked_token_is_refused_and_revoking_again_is_204() {
        String token = token(newAccount());
        assertThat(get("/v1/session", token).status()).isEqualTo(200);

        assertThat(post(TOKENS + "/revoke", Map.of("token", token), key).status()).isEqualTo(204);
        assertProblem(get("/v1/session", token), 401, "unauthorized");
        assertThat(post(TOKENS + "/revoke", Map.of("token", token), key).status()).isEqualTo(204);
        assertProblem(get("/v1/session", token), 401, "unauthorized");
    }

    @Test
    void revoking_one_token_leaves_the_account_s_other_tokens_working() {
        String account = newAccount();
        String revoked = token(account);
        String kept = token(account);

        post(TOKENS + "/revoke", Map.of("token", revoked), key);

        assertThat(get("/v1/session", revoked).status()).isEqualTo(401);
        assertThat(get("/v1/session", kept).status()).isEqualTo(200);
    }

    @Test
    void revoking_a_malformed_token_is_400_naming_token() {
        for (Object token : List.of("not-a-jwt", "a.b.c", 42)) {
            Reply reply = post(TOKENS + "/revoke", Map.of("token", token), key);

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as("token %s", token).containsExactly("token");
        }
        assertThat(post(TOKENS + "/revoke", Map.of(), key).errorFields()).containsExactly("token");
    }

    @Test
    void revoking_a_token_signed_with_another_secret_is_400_naming_token() throws Exception {
        Reply reply = post(TOKENS + "/revoke", Map.of("token", resigned(token(newAccount()), OTHER_SECRET)), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("token");
    }

    @Test
    void deleting_the_linked_account_ends_its_tokens_and_recreating_the_id_does_not_revive_them() {
        String account = newAccount();
        String token = token(account);
        assertThat(get("/v1/session", token).status()).isEqualTo(200);

        assertThat(delete("/v1/linked-accounts/" + account, key).status()).isEqualTo(204);
        assertProblem(get("/v1/session", token), 401, "unauthorized");

        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        assertProblem(get("/v1/session", token), 401, "unauthorized");
        assertThat(get("/v1/session", token(account)).status()).as("a token of the new account").isEqualTo(200);
    }

    @Test
    void a_token_revoked_on_one_instance_is_refused_on_every_instance() {
        Map<String, Object> second = new HashMap<String, Object>(getProperties());
        second.put("micronaut.server.port", -1);
        try (EmbeddedServer instanceB = ApplicationContext.run(EmbeddedServer.class, second, "test");
             HttpClient clientB = HttpClient.create(instanceB.getURL())) {
            String token = token(newAccount());
            assertThat(call(clientB, HttpRequest.GET("/v1/session").bearerAuth(token)).status())
                    .as("a token minted on A works on B").isEqualTo(200);

            assertThat(post(TOKENS + "/revoke", Map.of("token", token), key).status()).isEqualTo(204);

            Reply onB = call(clientB, HttpRequest.GET("/v1/session").bearerAuth(token));
            assertProblem(onB, 401, "unauthorized");
            assertProblem(get("/v1/session", token), 401, "unauthorized");
        }
    }

    private String newAccount() {
        String id = "acct-" + UUID.randomUUID();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        return id;
    }

    private Reply mint(Map<String, Object> body) {
        return mint(body, key);
    }

    private Reply mint(Map<String, Object> body, String bearer) {
        return post(TOKENS, body, bearer);
    }

    private String token(String account) {
        Reply minted = mint(Map.of("linked_account_id", account));
        assertThat(minted.status()).isEqualTo(201);
        return (String) minted.get("token");
    }

    /** The JWT's claims, read without checking anything. */
    private Map<String, Object> payload(String token) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return this.json.readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(Map<String, Object> claims, String name) {
        return ((Number) claims.get(name)).longValue();
    }

    private static SessionGrant regranted(SessionGrant grant, Instant issuedAt, Instant expiresAt) {
        return new SessionGrant(UUID.randomUUID().toString(), grant.workspaceId(), grant.linkedAccountId(), grant.linkedAccountKey(),
                issuedAt, expiresAt);
    }

    /** The same claims, signed HS256 with {@code secret}. */
    private static String resigned(String token, String secret) throws ParseException, JOSEException {
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
