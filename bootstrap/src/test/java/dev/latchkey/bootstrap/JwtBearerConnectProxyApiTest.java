package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.connectors.jwtbearer.JwtBearerStubVerifier;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JWT bearer provider (RFC 7523), end to end, shaped like Salesforce's: a private connector of type
 * {@code jwt_bearer} defined through the API, whose API host is the token response's {@code instance_url};
 * a customer connecting it with a service account's PEM key; requests proxied with the token the signed
 * assertion bought; the token renewed by a new assertion when it nears its expiry and when the provider
 * refuses it. The stub token endpoint verifies each assertion with the public key and its claims
 * ({@link JwtBearerStubVerifier}: iss, sub, aud, exp, scope) and answers {@code invalid_grant} otherwise;
 * the stub API accepts only tokens the endpoint issued and has not retired. The PEM key appears in no
 * answer and no log line ({@link NoSecretInLogExtension} scans the log for every line of it).
 */
@MicronautTest(transactional = false)
class JwtBearerConnectProxyApiTest extends ApiTest {
    private static final String CLIENT_ID = "3MVG9ledgerConsumerKey";
    private static final String USERNAME = "integration@ledger.example";
    private static final String AUDIENCE = "https://login.ledger.example";
    private static final String TOKEN_PATH = "/services/oauth2/token";
    private static final String API = "/services/data/v61.0";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final KeyPair keys = rsa();
    private final String pem = pkcs8(keys);
    private final Ledger ledger = new Ledger(new JwtBearerStubVerifier((RSAPublicKey) keys.getPublic(), CLIENT_ID, AUDIENCE, 180)
            .withSubject(USERNAME).withScope("api"));
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort().extensions(ledger));
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        // Renewals here are the requests' own (the refresher's runs would race the counts of assertions).
        properties.put("latchkey.refresh.enabled", "false");
        return properties;
    }

    @BeforeAll
    void provider() {
        registerKey(pem);
        provider.start();
        ledger.instanceUrl = provider.baseUrl();
        provider.stubFor(WireMock.post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)));
        provider.stubFor(WireMock.any(urlPathMatching(API + "/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"records\": [{\"Name\": \"Acme\"}]}")));

        key = newWorkspaceKey();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "jwt_bearer");
        auth.put("token_url", provider.baseUrl() + TOKEN_PATH);
        auth.put("audience", AUDIENCE);
        auth.put("issuer", "{client_id}");
        auth.put("subject", "{username}");
        auth.put("scopes", List.of("api"));
        auth.put("scope_claim", true);
        auth.put("assertion_lifetime_seconds", 180);
        auth.put("token_response", Map.of("instance_url", "/instance_url"));
        auth.put("fields", List.of(Map.of("name", "client_id", "label", "Consumer key"), Map.of("name", "username", "label", "Username"),
                Map.of("name", "private_key", "label", "Private key (PEM)", "secret", true)));
        Reply defined = post("/v1/connectors", Map.of("slug", "ledger", "name", "Ledger", "categories", List.of("crm"),
                "icon_url", "https://ledger.example/icon.png", "docs_url", "https://ledger.example/docs",
                "api", Map.of("base_url", "{instance_url}" + API), "auth", List.of(auth), "verify", Map.of("path", "/limits")), key);
        assertThat(defined.status()).as(defined.text()).isEqualTo(201);
    }

    @AfterAll
    void stopProvider() {
        provider.stop();
    }

    @Test
    void a_service_account_connects_and_its_token_is_renewed_by_a_new_assertion_when_the_provider_retires_it() throws Exception {
        String account = account();
        String session = session(account);

        Map<String, Object> authType = get("/v1/apps/ledger", session).list("auth_types").get(0);
        assertThat(authType).containsEntry("type", "jwt_bearer").containsEntry("redirects", false).containsEntry("refreshes", true);

        int before = ledger.accepted.size();
        Reply connected = post("/v1/apps/ledger/connect", Map.of("credentials", credentials(pem)), session);

        assertThat(connected.status()).as(connected.text()).isEqualTo(201);
        assertNoKeyIn(connected.text());
        assertThat(ledger.accepted).hasSize(before + 1);
        String first = ledger.issued.getLast();
        // The connection's check ran on the org's host, which came from the token response's instance_url.
        assertThat(ledger.served).contains("GET " + API + "/limits " + first);

        Reply accounts = proxy(account, "/sobjects/Account");
        assertThat(accounts.status()).as(accounts.text()).isEqualTo(200);
        assertThat(accounts.text()).contains("Acme");
        assertThat(ledger.served).contains("GET " + API + "/sobjects/Account " + first);

        // The provider retires the token (its session ended): the proxy's 401 makes one new assertion, and the call is replayed.
        ledger.live.remove(first);
        Reply replayed = proxy(account, "/sobjects/Contact");
        Reply after = proxy(account, "/sobjects/Opportunity");

        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(ledger.accepted).hasSize(before + 2);
        String second = ledger.issued.getLast();
        assertThat(second).isNotEqualTo(first);
        assertThat(ledger.served).contains("GET " + API + "/sobjects/Contact " + second, "GET " + API + "/sobjects/Opportunity " + second);
        JWTClaimsSet renewed = ledger.accepted.get(before + 1).getJWTClaimsSet();
        assertThat(renewed.getJWTID()).isNotEqualTo(ledger.accepted.get(before).getJWTClaimsSet().getJWTID());
        assertThat(renewed.getSubject()).isEqualTo(USERNAME);
        assertNoKeyIn(get("/v1/linked-accounts/" + account + "/connections", key).text());
        assertNoKeyIn(get("/v1/apps/ledger", session).text());
    }

    @Test
    void a_token_near_its_expiry_is_renewed_once_by_a_new_assertion_however_many_requests_need_it() throws Exception {
        String account = account();
        ledger.expiresIn = 60; // within the five minutes before expiry in which a token is renewed
        Reply connected;
        try {
            connected = post("/v1/apps/ledger/connect", Map.of("credentials", credentials(pem)), session(account));
        } finally {
            ledger.expiresIn = 3600;
        }
        assertThat(connected.status()).as(connected.text()).isEqualTo(201);
        int before = ledger.accepted.size();
        String expiring = ledger.issued.getLast();

        List<CompletableFuture<Reply>> calls = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> proxy(account, "/sobjects/Account?page=" + i))).toList();
        List<Reply> replies = calls.stream().map(CompletableFuture::join).toList();

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.text()).isEqualTo(200));
        assertThat(ledger.accepted).hasSize(before + 1);
        String fresh = ledger.issued.getLast();
        assertThat(fresh).isNotEqualTo(expiring);
        assertThat(ledger.served).noneMatch(line -> line.startsWith("GET " + API + "/sobjects/Account") && line.endsWith(" " + expiring));
        assertThat(proxy(account, "/sobjects/Account").status()).isEqualTo(200);
        assertThat(ledger.accepted).hasSize(before + 1);
    }

    @Test
    void an_assertion_signed_with_another_key_is_refused_by_the_provider_and_no_key_is_quoted() {
        String account = account();
        String session = session(account);
        String otherPem = pkcs8(rsa());
        registerKey(otherPem);
        int refusedBefore = ledger.refused.size();

        Reply refused = post("/v1/apps/ledger/connect", Map.of("credentials", credentials(otherPem)), session);

        assertProblem(refused, 422, "credentials_rejected");
        assertThat((String) refused.get("detail")).contains("invalid_grant");
        assertNoKeyIn(refused.text());
        for (String line : keyLines(otherPem)) {
            assertThat(refused.text()).doesNotContain(line);
        }
        assertThat(ledger.refused).hasSize(refusedBefore + 1);
        assertThat(ledger.refused.getLast()).isEqualTo("the assertion's signature does not verify");
        assertThat(get("/v1/apps/ledger", session).get("connected")).isEqualTo(false);
    }

    @Test
    void a_text_that_is_no_key_is_a_400_naming_the_field_without_quoting_it() {
        String session = session(account());
        String notAKey = "-----BEGIN PRIVATE KEY-----\nTm90IGEga2V5IGJ1dCBsb29rcyBsaWtlIG9uZQ==\n-----END PRIVATE KEY-----";
        TestSecrets.register("Tm90IGEga2V5IGJ1dCBsb29rcyBsaWtlIG9uZQ==");

        Reply refused = post("/v1/apps/ledger/connect", Map.of("credentials", credentials(notAKey)), session);

        assertProblem(refused, 400, "validation_failed");
        assertThat(refused.errorFields()).containsExactly("credentials.private_key");
        assertThat(refused.text()).doesNotContain("Tm90IGEga2V5");
    }

    // --- helpers ---

    private Reply proxy(String account, String path) {
        return call(HttpRequest.GET("/v1/proxy/ledger" + path).header("X-Linked-Account-Id", account), key);
    }

    private String account() {
        String account = "ledger-user-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        return account;
    }

    private String session(String account) {
        return (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");
    }

    private static Map<String, String> credentials(String privateKey) {
        return Map.of("client_id", CLIENT_ID, "username", USERNAME, "private_key", privateKey);
    }

    private void assertNoKeyIn(String text) {
        assertThat(text).doesNotContain("PRIVATE KEY");
        for (String line : keyLines(pem)) {
            assertThat(text).doesNotContain(line);
        }
    }

    /** The key's base64 lines: what a leak of the key, or of part of it, would show. */
    private static List<String> keyLines(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----")).toList();
    }

    /** The key and each of its lines, looked for in the log after the class. */
    private static void registerKey(String pem) {
        TestSecrets.register(pem);
        keyLines(pem).forEach(TestSecrets::register);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----}, as a Google JSON key file or {@code openssl genpkey} gives it. */
    private static String pkcs8(KeyPair keys) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The provider: its token endpoint issues a new token for each assertion {@link JwtBearerStubVerifier} accepts, with the
     * org's {@code instance_url}, and {@code invalid_grant} for any other; its API answers only live tokens, 401 otherwise.
     */
    static final class Ledger implements ResponseDefinitionTransformerV2 {
        private final JwtBearerStubVerifier verifier;
        final List<SignedJWT> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        final List<String> issued = Collections.synchronizedList(new ArrayList<>());
        final Set<String> live = ConcurrentHashMap.newKeySet();
        /** "METHOD path token" of each API call answered. */
        final List<String> served = Collections.synchronizedList(new ArrayList<>());
        volatile String instanceUrl;
        volatile long expiresIn = 3600;

        Ledger(JwtBearerStubVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public String getName() {
            return "jwt-bearer-ledger";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = java.net.URI.create(request.getUrl()).getPath();
            return path.equals(TOKEN_PATH) ? token(request) : api(request, path, event.getResponseDefinition());
        }

        private ResponseDefinition token(Request request) {
            var problem = verifier.problem(request);
            if (problem.isPresent()) {
                refused.add(problem.get());
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"invalid assertion\"}").build();
            }
            try {
                String body = request.getBodyAsString();
                String assertion = body.substring(body.indexOf("assertion=") + "assertion=".length()).split("&")[0];
                accepted.add(SignedJWT.parse(URLDecoder.decode(assertion, StandardCharsets.UTF_8)));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("the verifier accepted it", e);
            }
            String token = "00Dledger!" + java.util.UUID.randomUUID();
            TestSecrets.register(token);
            live.add(token);
            issued.add(token);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": " + expiresIn
                            + ", \"scope\": \"api\", \"instance_url\": \"" + instanceUrl + "\"}").build();
        }

        private ResponseDefinition api(Request request, String path, ResponseDefinition answer) {
            String authorization = request.getHeader("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring("Bearer ".length()) : "";
            if (!live.contains(token)) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\": \"INVALID_SESSION_ID\", \"message\": \"Session expired or invalid\"}]").build();
            }
            served.add(request.getMethod().getName() + " " + path + " " + token);
            return answer;
        }
    }
}
