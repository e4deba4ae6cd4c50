package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OAuth 1.0a provider, end to end: a private connector of type {@code oauth1} defined through the
 * API, a customer connecting it (request token, consent, callback with {@code oauth_token} and
 * {@code oauth_verifier}, access token), and requests proxied to its API, a query and a form body
 * among them. The stub provider verifies every HMAC-SHA1 signature with its own verifier (below,
 * written from RFC 5849 without Latchkey's code) and answers 401 to any that does not match.
 */
@MicronautTest(transactional = false)
class OAuth1ConnectProxyApiTest extends ApiTest {
    private static final String PUBLIC_URL = "https://latchkey.example";
    private static final String APP_ORIGIN = "https://app.example.com";
    private static final String CONSUMER_KEY = "dpf43f3p2l4k3l03";
    private static final String CONSUMER_SECRET = "kd94hf93k423kf44";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final SignatureVerifier verifier = new SignatureVerifier();
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort().extensions(verifier));
    private final HttpClient direct = HttpClient.newHttpClient();
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.public-url", PUBLIC_URL);
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @BeforeAll
    void provider() {
        provider.start();
        provider.stubFor(WireMock.post(urlPathEqualTo("/oauth/request_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true")));
        provider.stubFor(WireMock.post(urlPathEqualTo("/oauth/access_token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00&user_id=42")));
        provider.stubFor(WireMock.any(urlPathEqualTo("/api/photos")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"photos\": [\"vacation.jpg\"]}")));
        provider.stubFor(WireMock.any(urlPathEqualTo("/api/statuses/update.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"posted\": true}")));
        verifier.tokenSecrets.put("hh5s93j4hdidpola", "hdhd0244k9j7ao03");
        verifier.tokenSecrets.put("nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");

        key = newWorkspaceKey();
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of(APP_ORIGIN)), key).status()).isEqualTo(200);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth1");
        auth.put("request_token_url", provider.baseUrl() + "/oauth/request_token");
        auth.put("authorization_url", provider.baseUrl() + "/oauth/authorize");
        auth.put("access_token_url", provider.baseUrl() + "/oauth/access_token");
        auth.put("signature_method", "HMAC-SHA1");
        auth.put("authorization_params", Map.of("expiration", "never"));
        Reply defined = post("/v1/connectors", Map.of("slug", "photos", "name", "Photos", "categories", List.of("storage"),
                "icon_url", "https://photos.example.net/icon.png", "docs_url", "https://photos.example.net/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth)), key);
        assertThat(defined.status()).as(defined.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/photos/settings", Map.of("client_id", CONSUMER_KEY, "client_secret", CONSUMER_SECRET), key)
                .status()).isEqualTo(200);
    }

    @AfterAll
    void stopProvider() {
        provider.stop();
    }

    @Test
    void a_customer_connects_an_oauth1_provider_and_requests_are_proxied_signed() {
        String account = "photo-fan-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");

        Map<String, Object> authType = get("/v1/apps/photos", session).list("auth_types").get(0);
        assertThat(authType).containsEntry("type", "oauth1").containsEntry("redirects", true).containsEntry("label", "OAuth 1.0a")
                .containsEntry("callback_parameters", List.of("oauth_token", "oauth_verifier")).containsEntry("fields", List.of());

        Reply started = post("/v1/apps/photos/connect", Map.of("mode", "redirect", "return_url", APP_ORIGIN + "/integrations"), session);
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat((String) started.get("authorization_url"))
                .isEqualTo(provider.baseUrl() + "/oauth/authorize?oauth_token=hh5s93j4hdidpola&expiration=never");
        // The provider confirmed the callback it was given (the request token's request was signed, or it would have refused).
        String callback = verifier.callbacks.getLast();
        assertThat(callback).startsWith(PUBLIC_URL + "/oauth/callback?state=");

        // The customer authorizes; the provider sends them back to the callback with the token and a verifier.
        Reply back = call(HttpRequest.GET(callback.substring(PUBLIC_URL.length())
                + "&oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884"));

        assertThat(back.status()).as(back.text()).isEqualTo(302);
        assertThat(back.headers().get("Location")).startsWith(APP_ORIGIN + "/integrations?latchkey_status=connected&connector=photos");
        assertThat(verifier.verified).contains("POST /oauth/request_token", "POST /oauth/access_token");
        assertThat(verifier.verifiers).containsExactly("hfdp7dh39dks9884");

        Reply photos = call(HttpRequest.GET("/v1/proxy/photos/photos?file=vacation.jpg&size=original")
                .header("X-Linked-Account-Id", account), key);
        assertThat(photos.status()).as(photos.text()).isEqualTo(200);
        assertThat(photos.text()).contains("vacation.jpg");

        Reply posted = call(HttpRequest.create(HttpMethod.POST, "/v1/proxy/photos/statuses/update.json?include_entities=true")
                .body("status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).header("X-Linked-Account-Id", account), key);
        assertThat(posted.status()).as(posted.text()).isEqualTo(200);
        assertThat(verifier.verified).contains("GET /api/photos", "POST /api/statuses/update.json");
        assertThat(verifier.signedParameters.get("POST /api/statuses/update.json"))
                .contains("status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21", "include_entities=true",
                        "oauth_token=nnch734d00sl2jdk");
        assertThat(verifier.refused).isEmpty();
    }

    @Test
    void an_existing_oauth1_connection_is_imported_with_its_token_credentials_and_proxied_signed() {
        String account = "imported-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);

        Reply incomplete = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "photos",
                "credentials", Map.of("oauth_token", "nnch734d00sl2jdk")), key);
        assertProblem(incomplete, 400, "validation_failed");
        assertThat(incomplete.errorFields()).containsExactly("credentials.oauth_token_secret");

        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "photos",
                "credentials", Map.of("oauth_token", "nnch734d00sl2jdk", "oauth_token_secret", "pfkkdhi9sl3r4s00")), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);

        Reply photos = call(HttpRequest.GET("/v1/proxy/photos/photos?file=vacation.jpg").header("X-Linked-Account-Id", account), key);
        assertThat(photos.status()).as(photos.text()).isEqualTo(200);
    }

    @Test
    void the_stub_provider_refuses_a_signature_that_does_not_match() throws Exception {
        String header = "OAuth oauth_consumer_key=\"" + CONSUMER_KEY + "\", oauth_token=\"nnch734d00sl2jdk\", "
                + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\", "
                + "oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"";

        HttpResponse<String> tampered = direct.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(provider.baseUrl() + "/api/photos?file=vacation.jpg&size=small")).header("Authorization", header).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).isEqualTo("signature_invalid");
        verifier.refused.clear();
    }

    /**
     * The provider's side of RFC 5849 §3.4 (HMAC-SHA1), written apart from Latchkey's: rebuilds the base string from
     * the request as received (method, URL, query, form body, the header's protocol parameters) and compares.
     */
    static final class SignatureVerifier implements ResponseDefinitionTransformerV2 {
        private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
        final Map<String, String> tokenSecrets = new ConcurrentHashMap<>();
        final List<String> verified = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> callbacks = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> verifiers = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> signedParameters = new ConcurrentHashMap<>();

        @Override
        public String getName() {
            return "oauth1-signature-verifier";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String what = request.getMethod().getName() + " " + URI.create(request.getUrl()).getPath();
            String header = request.getHeader("Authorization");
            if (header == null || !header.startsWith("OAuth ")) {
                return refuse(what);
            }
            Map<String, String> oauth = new LinkedHashMap<>();
            Matcher m = PARAMETER.matcher(header);
            while (m.find()) {
                oauth.put(m.group(1), decode(m.group(2)));
            }
            String tokenSecret = oauth.containsKey("oauth_token") ? tokenSecrets.get(oauth.get("oauth_token")) : "";
            if (!CONSUMER_KEY.equals(oauth.get("oauth_consumer_key")) || tokenSecret == null
                    || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method")) || !oauth.containsKey("oauth_nonce")
                    || !oauth.containsKey("oauth_timestamp")) {
                return refuse(what);
            }
            List<String[]> parameters = new ArrayList<>();
            URI url = URI.create(request.getAbsoluteUrl());
            if (url.getRawQuery() != null) {
                parameters.addAll(pairs(url.getRawQuery()));
            }
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded") && !request.getBodyAsString().isEmpty()) {
                parameters.addAll(pairs(request.getBodyAsString()));
            }
            oauth.forEach((name, value) -> {
                if (!Set.of("oauth_signature", "realm").contains(name)) {
                    parameters.add(new String[] {name, value});
                }
            });
            String normalized = parameters.stream().map(p -> new String[] {encode(p[0]), encode(p[1])})
                    .sorted((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]))
                    .map(p -> p[0] + "=" + p[1]).reduce((a, b) -> a + "&" + b).orElse("");
            String base = request.getMethod().getName() + "&" + encode(url.getScheme() + "://" + url.getHost() + ":" + url.getPort()
                    + url.getRawPath()) + "&" + encode(normalized);
            if (!hmacSha1(encode(CONSUMER_SECRET) + "&" + encode(tokenSecret), base).equals(oauth.get("oauth_signature"))) {
                return refuse(what);
            }
            verified.add(what);
            signedParameters.put(what, normalized);
            if (oauth.containsKey("oauth_callback")) {
                callbacks.add(oauth.get("oauth_callback"));
            }
            if (oauth.containsKey("oauth_verifier")) {
                verifiers.add(oauth.get("oauth_verifier"));
            }
            return event.getResponseDefinition();
        }

        private ResponseDefinition refuse(String what) {
            refused.add(what);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(401).withBody("signature_invalid").build();
        }

        private static List<String[]> pairs(String text) {
            List<String[]> out = new ArrayList<>();
            for (String pair : text.split("&")) {
                String[] kv = pair.split("=", 2);
                out.add(new String[] {decode(kv[0]), kv.length > 1 ? decode(kv[1]) : ""});
            }
            return out;
        }

        private static String decode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }

        /** RFC 3986 unreserved characters kept, everything else percent-encoded (RFC 5849 §3.6). */
        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        }

        private static String hmacSha1(String key, String text) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
