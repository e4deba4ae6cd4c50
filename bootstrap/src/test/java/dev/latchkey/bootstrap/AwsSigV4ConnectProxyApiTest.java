package dev.latchkey.bootstrap;

import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Signature Version 4, end to end: two private connectors of type {@code aws_sigv4} defined through
 * the API — an S3-like storage ({@code service: s3}, {@code unsigned_payload: true}) and an SES-like
 * mail API ({@code service: ses}) — a customer connecting each with an access key, through the API or the
 * hosted portal's form (the connector's verify request signed and checked at connect), and requests proxied to them: a GET, a POST whose
 * JSON body is signed, and a large S3 upload the proxy streams, signed {@code UNSIGNED-PAYLOAD}. The stub
 * service verifies every signature with its own verifier (below, written from AWS's documentation
 * without Latchkey's code) and answers 403 {@code SignatureDoesNotMatch} to any that does not match.
 */
@MicronautTest(transactional = false)
class AwsSigV4ConnectProxyApiTest extends ApiTest {
    private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String WRONG_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEYX";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789";
    private static final String REGION = "eu-west-1";
    /** Larger than the proxy holds whole (1 MiB): streamed through as it arrives. */
    private static final int LARGE = 1024 * 1024 + 512 * 1024;
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    static {
        TestSecrets.register(SECRET, WRONG_SECRET, SESSION_TOKEN);
    }

    private final SigV4Verifier verifier = new SigV4Verifier();
    private final WireMockServer aws = new WireMockServer(wireMockConfig().dynamicPort().extensions(verifier));
    private final LogCapture log = new LogCapture();
    private final java.net.http.HttpClient direct = java.net.http.HttpClient.newHttpClient();
    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server;
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @BeforeAll
    void provider() {
        log.attachTo((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        aws.start();
        verifier.secrets.put(ACCESS_KEY_ID, SECRET);
        verifier.tokens.put(ACCESS_KEY_ID, SESSION_TOKEN);
        // ListObjectsV2 (GET /?list-type=2) and PutObject on the storage; GetAccount and SendEmail on the mail API.
        aws.stubFor(WireMock.get(urlPathEqualTo("/s3/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody("<ListBucketResult><KeyCount>1</KeyCount></ListBucketResult>")));
        aws.stubFor(WireMock.put(urlPathMatching("/s3/.+")).willReturn(aResponse().withStatus(200)));
        aws.stubFor(WireMock.get(urlPathMatching("/s3/.+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("a photo")));
        aws.stubFor(WireMock.get(urlPathEqualTo("/ses/v2/email/account")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"SendingEnabled\": true}")));
        aws.stubFor(WireMock.post(urlPathEqualTo("/ses/v2/email/outbound-emails")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"MessageId\": \"0100018c\"}")));

        key = newWorkspaceKey();
        define("files", "Files", "storage", "/s3", "/?list-type=2&max-keys=1", Map.of("service", "s3", "unsigned_payload", true));
        define("mail", "Mail", "email", "/ses", "/v2/email/account", Map.of("service", "ses"));
    }

    private void define(String slug, String name, String category, String basePath, String verifyPath, Map<String, Object> settings) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "aws_sigv4");
        auth.putAll(settings);
        auth.put("region", "{region}");
        auth.put("fields", List.of(
                Map.of("name", "access_key_id", "label", "Access key ID"),
                Map.of("name", "secret_access_key", "label", "Secret access key", "secret", true),
                Map.of("name", "session_token", "label", "Session token", "secret", true, "required", false)));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("slug", slug);
        definition.put("name", name);
        definition.put("categories", List.of(category));
        definition.put("docs_url", "https://docs.aws.amazon.com/");
        definition.put("api", Map.of("base_url", aws.baseUrl() + basePath));
        definition.put("params", List.of(Map.of("name", "region", "label", "AWS region", "pattern", "[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")));
        definition.put("auth", List.of(auth));
        definition.put("verify", Map.of("method", "GET", "path", verifyPath, "expect_status", 200));
        Reply defined = post("/v1/connectors", definition, key);
        assertThat(defined.status()).as(defined.text()).isEqualTo(201);
    }

    @AfterAll
    void stopProvider() {
        aws.stop();
        log.stop();
    }

    private String account() {
        String account = "aws-user-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        return account;
    }

    private String session(String account) {
        Reply minted = post("/v1/session-tokens", Map.of("linked_account_id", account), key);
        assertThat(minted.status()).as(minted.text()).isEqualTo(201);
        return (String) minted.get("token");
    }

    private Reply connect(String account, String slug, Map<String, String> credentials) {
        String session = session(account);
        return post("/v1/apps/" + slug + "/connect", Map.of("params", Map.of("region", REGION), "credentials", credentials), session);
    }

    private Reply proxy(MutableHttpRequest<?> request, String account) {
        return call(request.header("X-Linked-Account-Id", account), key);
    }

    @Test
    void a_customer_connects_with_an_access_key_and_a_get_and_a_post_with_its_body_are_proxied_signed() {
        String account = account();
        String session = session(account);
        Map<String, Object> authType = get("/v1/apps/mail", session).list("auth_types").get(0);
        assertThat(authType).containsEntry("type", "aws_sigv4").containsEntry("redirects", false).containsEntry("label", "AWS access key");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) authType.get("fields");
        assertThat(fields).extracting(f -> f.get("name")).containsExactly("access_key_id", "secret_access_key", "session_token");

        Reply connected = connect(account, "mail", Map.of("access_key_id", ACCESS_KEY_ID, "secret_access_key", SECRET));

        assertThat(connected.status()).as(connected.text()).isEqualTo(201);
        assertThat(connected.text()).doesNotContain(SECRET);
        assertThat(verifier.verified).contains("GET /ses/v2/email/account ses");

        Reply read = proxy(HttpRequest.GET("/v1/proxy/mail/v2/email/account?include=quota&a=b%2Fc"), account);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.text()).contains("SendingEnabled");

        String email = "{\"FromEmailAddress\":\"ops@example.com\",\"Destination\":{\"ToAddresses\":[\"a@example.com\"]}}";
        Reply sent = proxy(HttpRequest.POST("/v1/proxy/mail/v2/email/outbound-emails", email).contentType(MediaType.APPLICATION_JSON_TYPE),
                account);
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.text()).contains("MessageId");
        assertThat(verifier.verified).contains("GET /ses/v2/email/account ses", "POST /ses/v2/email/outbound-emails ses");
        assertThat(verifier.payloads.get("POST /ses/v2/email/outbound-emails")).isEqualTo(sha256(email.getBytes(StandardCharsets.UTF_8)));
        assertThat(verifier.refused).isEmpty();
    }

    @Test
    void temporary_credentials_sign_their_session_token_and_a_large_s3_upload_is_streamed_with_unsigned_payload() {
        String account = account();
        Reply connected = connect(account, "files", Map.of("access_key_id", ACCESS_KEY_ID, "secret_access_key", SECRET,
                "session_token", SESSION_TOKEN));
        assertThat(connected.status()).as(connected.text()).isEqualTo(201);
        assertThat(connected.text()).doesNotContain(SECRET).doesNotContain(SESSION_TOKEN);

        assertThat(verifier.verified).contains("GET /s3/ s3");
        Reply got = proxy(HttpRequest.GET("/v1/proxy/files/2030/holiday%20photo.txt?versionId=3%2F4"), account);
        assertThat(got.status()).as(got.text()).isEqualTo(200);

        byte[] small = "a small photo".getBytes(StandardCharsets.UTF_8);
        Reply put = proxy(HttpRequest.PUT("/v1/proxy/files/2030/holiday%20photo.txt", small).contentType(MediaType.TEXT_PLAIN_TYPE), account);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(verifier.payloads.get("PUT /s3/2030/holiday%20photo.txt")).as("a body held whole is signed by its hash")
                .isEqualTo(sha256(small));

        byte[] large = new byte[LARGE];
        Arrays.fill(large, (byte) 'x');
        Reply upload = proxy(HttpRequest.PUT("/v1/proxy/files/2030/video.bin", large)
                .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE), account);
        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        assertThat(verifier.payloads.get("PUT /s3/2030/video.bin")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(aws.findAll(WireMock.putRequestedFor(urlPathEqualTo("/s3/2030/video.bin"))))
                .singleElement().satisfies(r -> assertThat(r.getBody()).hasSize(LARGE));
        assertThat(verifier.verified).contains("GET /s3/ s3", "GET /s3/2030/holiday%20photo.txt s3", "PUT /s3/2030/holiday%20photo.txt s3",
                "PUT /s3/2030/video.bin s3");
        assertThat(verifier.withToken).contains("PUT /s3/2030/video.bin");
        assertThat(verifier.refused).isEmpty();
    }

    @Test
    void a_customer_connects_through_the_hosted_portal_s_form_and_the_connection_proxies_signed() {
        String account = account();
        String code = ((String) post("/v1/connect-links", Map.of("linked_account_id", account), key).get("url")).replaceAll(".*/connect/", "");
        String setCookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String page = call(HttpRequest.GET("/portal/apps/mail").header("Cookie", cookie)).text();
        assertThat(page).contains("name=\"credentials.access_key_id\"", "name=\"credentials.secret_access_key\"",
                "name=\"credentials.session_token\"", "name=\"params.region\"");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("a CSRF token in the page").isTrue();
        String form = "_csrf=" + csrf.group(1) + "&auth_type=aws_sigv4&params.region=" + REGION + "&credentials.access_key_id=" + ACCESS_KEY_ID
                + "&credentials.secret_access_key=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8);

        Reply connected = call(HttpRequest.POST("/portal/apps/mail/connect", form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("Cookie", cookie));

        assertThat(connected.status()).as(connected.text()).isEqualTo(303);
        assertThat(connected.headers().get("Location")).startsWith("/portal/apps/mail?latchkey_status=connected&connection_id=");
        Reply read = proxy(HttpRequest.GET("/v1/proxy/mail/v2/email/account"), account);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
    }

    @Test
    void a_large_body_a_service_must_sign_is_refused_naming_the_body_and_never_sent() {
        String account = account();
        assertThat(connect(account, "mail", Map.of("access_key_id", ACCESS_KEY_ID, "secret_access_key", SECRET)).status()).isEqualTo(201);
        byte[] large = new byte[LARGE];
        Arrays.fill(large, (byte) ' ');

        Reply refused = proxy(HttpRequest.POST("/v1/proxy/mail/v2/email/outbound-emails?large=1", large)
                .contentType(MediaType.APPLICATION_JSON_TYPE), account);

        assertProblem(refused, 400, "validation_failed");
        assertThat(refused.errorFields()).containsExactly("body");
        assertThat(aws.findAll(WireMock.postRequestedFor(urlPathEqualTo("/ses/v2/email/outbound-emails"))
                .withQueryParam("large", WireMock.equalTo("1")))).isEmpty();
    }

    @Test
    void a_wrong_secret_is_refused_by_the_service_at_connect_and_through_the_proxy_and_no_secret_is_shown_or_logged() throws Exception {
        String account = account();
        verifier.refused.clear();

        Reply refused = connect(account, "mail", Map.of("access_key_id", ACCESS_KEY_ID, "secret_access_key", WRONG_SECRET));

        assertProblem(refused, 422, "credentials_rejected");
        assertThat((String) refused.get("detail")).contains("SignatureDoesNotMatch");
        assertThat(refused.text()).doesNotContain(WRONG_SECRET).doesNotContain(SECRET);
        assertThat(verifier.refused).contains("GET /ses/v2/email/account");

        Reply malformed = connect(account, "mail", Map.of("access_key_id", "AKID EXAMPLE", "secret_access_key", WRONG_SECRET));
        assertProblem(malformed, 400, "validation_failed");
        assertThat(malformed.errorFields()).containsExactly("credentials.access_key_id");
        assertThat(malformed.text()).doesNotContain(WRONG_SECRET);

        // An import is not verified: the wrong secret is stored, and the service refuses what the proxy signs with it.
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "mail",
                "params", Map.of("region", REGION), "credentials", Map.of("access_key_id", ACCESS_KEY_ID, "secret_access_key", WRONG_SECRET)),
                key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        // Sent past the contract check: the provider's own 403 (XML) passes through, where the document knows only problems.
        java.net.http.HttpResponse<String> proxied = direct.send(java.net.http.HttpRequest.newBuilder(
                        server.getURI().resolve("/v1/proxy/mail/v2/email/account")).header("Authorization", "Bearer " + key)
                .header("X-Linked-Account-Id", account).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(403);
        assertThat(proxied.body()).contains("SignatureDoesNotMatch").doesNotContain(WRONG_SECRET);

        List<LogCapture.Line> lines = log.drain();
        assertThat(SecretScan.find(List.of(SECRET, WRONG_SECRET, SESSION_TOKEN), lines)).isEmpty();
        verifier.refused.clear();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service's side of SigV4 (the Authorization header form), written from AWS's documentation apart from
     * Latchkey's code: rebuilds the canonical request from the request as received (method, path, query, the headers
     * the signature names, the payload hash, checked against the body unless it is S3's UNSIGNED-PAYLOAD), the string to
     * sign and the signing key from the secret of the access key, and compares. The service is the scope's: S3 encodes
     * the path once, the others twice; only S3 takes UNSIGNED-PAYLOAD.
     *
     * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
     */
    static final class SigV4Verifier implements ResponseDefinitionTransformerV2 {
        private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=(\\w+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)"
                + "/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
        final Map<String, String> secrets = new ConcurrentHashMap<>();
        final Map<String, String> tokens = new ConcurrentHashMap<>();
        final List<String> verified = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> withToken = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> payloads = new ConcurrentHashMap<>();

        @Override
        public String getName() {
            return "sigv4-verifier";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String url = request.getUrl();
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
            String what = request.getMethod().getName() + " " + path;
            Matcher m = AUTHORIZATION.matcher(String.valueOf(request.getHeader("Authorization")));
            String amzDate = request.getHeader("X-Amz-Date");
            if (!m.matches() || amzDate == null || !amzDate.startsWith(m.group(2)) || !m.group(3).equals(REGION)) {
                return refuse(what);
            }
            String secret = secrets.get(m.group(1));
            String service = m.group(4);
            List<String> signed = List.of(m.group(5).split(";"));
            String payload = request.getHeader("x-amz-content-sha256");
            String token = request.getHeader("X-Amz-Security-Token");
            if (secret == null || !signed.contains("host") || !signed.contains("x-amz-date") || payload == null
                    || (token != null && (!token.equals(tokens.get(m.group(1))) || !signed.contains("x-amz-security-token")))) {
                return refuse(what);
            }
            if (payload.equals("UNSIGNED-PAYLOAD") ? !service.equals("s3") : !payload.equals(sha256(request.getBody() == null ? new byte[0] : request.getBody()))) {
                return refuse(what);
            }
            StringBuilder headers = new StringBuilder();
            for (String name : signed) {
                HttpHeader header = request.getHeaders().getHeader(name);
                if (!header.isPresent()) {
                    return refuse(what);
                }
                headers.append(name).append(':')
                        .append(header.values().stream().map(v -> v.strip().replaceAll(" +", " ")).collect(Collectors.joining(","))).append('\n');
            }
            String canonicalPath = Arrays.stream(path.split("/", -1))
                    .map(segment -> service.equals("s3") ? encode(decode(segment)) : encode(segment))
                    .collect(Collectors.joining("/"));
            String canonicalQuery = query.isEmpty() ? "" : Arrays.stream(query.split("&"))
                    .map(pair -> pair.split("=", 2))
                    .map(pair -> encode(decode(pair[0])) + "=" + encode(pair.length > 1 ? decode(pair[1]) : ""))
                    .sorted().collect(Collectors.joining("&"));
            String canonical = String.join("\n", request.getMethod().getName(), canonicalPath, canonicalQuery, headers.toString(),
                    m.group(5), payload);
            String scope = m.group(2) + "/" + REGION + "/" + service + "/aws4_request";
            String toSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), m.group(2)), REGION), service),
                    "aws4_request");
            if (!HexFormat.of().formatHex(hmac(signingKey, toSign)).equals(m.group(6))) {
                return refuse(what);
            }
            verified.add(what + " " + service);
            payloads.put(what, payload);
            if (token != null) {
                withToken.add(what);
            }
            return event.getResponseDefinition();
        }

        private ResponseDefinition refuse(String what) {
            refused.add(what);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(403).withHeader("Content-Type", "application/xml")
                    .withBody("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>").build();
        }

        /** AWS's UriEncode: every byte but the unreserved A-Z a-z 0-9 - . _ ~ as %XY. */
        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        }

        /** Percent-decoding, a + staying a plus. */
        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static byte[] hmac(byte[] key, String text) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
