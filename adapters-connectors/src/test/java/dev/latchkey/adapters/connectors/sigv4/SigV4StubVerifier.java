package dev.latchkey.adapters.connectors.sigv4;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * The provider's side of SigV4, for stub AWS services in tests: recomputes the signature of a request
 * WireMock received from its method, raw path and query, the headers its Authorization names, its body
 * and the known secret, the way AWS does, and says what is wrong when they differ.
 * <p>
 * Use it as a stub's matcher ({@code stubFor(get(...).andMatching(verifier))}) and add
 * {@link #refuseTheRest(WireMockServer)}, so a request whose signature is wrong gets AWS's 403 instead of
 * the stubbed answer. Checks: the Authorization format, access key, scope (date of X-Amz-Date, region,
 * service), the session token when one is expected, {@code host} and {@code x-amz-date} being signed,
 * the body against {@code x-amz-content-sha256} (UNSIGNED-PAYLOAD only where the options allow it),
 * then the signature itself (compared in constant time). Time skew is not checked: tests use fixed clocks.
 */
public final class SigV4StubVerifier implements ValueMatcher<Request> {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;!#$%&'*+.^_`|~-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final SigV4Credentials credentials;
    private final SigV4Options options;

    /** Accepts requests signed with {@code credentials} for {@code options}' region and service. */
    public SigV4StubVerifier(SigV4Credentials credentials, SigV4Options options) {
        this.credentials = credentials;
        this.options = options;
    }

    @Override
    public MatchResult match(Request request) {
        return MatchResult.of(problem(request).isEmpty());
    }

    /** A catch-all, below every other stub, answering as AWS does when a signature does not match. */
    public static void refuseTheRest(WireMockServer server) {
        server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match"
                        + " the signature you provided.</Message></Error>")));
    }

    /** Why the request is not validly signed, or empty when it is. */
    public Optional<String> problem(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return Optional.of("no Authorization header");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.strip());
        if (!m.matches()) {
            return Optional.of("the Authorization header is not AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...");
        }
        if (!m.group(1).equals(credentials.accessKeyId())) {
            return Optional.of("unknown access key " + m.group(1));
        }
        if (!m.group(3).equals(options.region()) || !m.group(4).equals(options.service())) {
            return Optional.of("the scope names " + m.group(3) + "/" + m.group(4) + ", not " + options.region() + "/" + options.service());
        }
        String amzDate = request.getHeader("X-Amz-Date");
        Instant time;
        try {
            time = LocalDateTime.parse(amzDate == null ? "" : amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Optional.of("no valid X-Amz-Date");
        }
        if (!amzDate.startsWith(m.group(2))) {
            return Optional.of("the scope's date is not the date of X-Amz-Date");
        }
        List<String> signedNames = List.of(m.group(5).split(";"));
        if (!signedNames.contains("host") || !signedNames.contains("x-amz-date")) {
            return Optional.of("host and x-amz-date must be signed");
        }
        if (!signedNames.equals(signedNames.stream().sorted().toList())) {
            return Optional.of("SignedHeaders is not sorted");
        }
        String token = request.getHeader("X-Amz-Security-Token");
        if (credentials.sessionToken().isPresent() != (token != null)
                || (token != null && !token.equals(credentials.sessionToken().get()))) {
            return Optional.of("the security token is missing or not the one issued");
        }
        if (token != null && options.signSessionToken() != signedNames.contains("x-amz-security-token")) {
            return Optional.of("the security token is " + (options.signSessionToken() ? "not signed" : "signed"));
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        String contentSha256 = request.getHeader("x-amz-content-sha256");
        Payload payload;
        if (contentSha256 == null) {
            if (options.contentSha256Header()) {
                return Optional.of("x-amz-content-sha256 is required");
            }
            payload = Payload.of(body);
        } else if (contentSha256.equals(SigV4Signer.UNSIGNED_PAYLOAD)) {
            if (!options.unsignedPayloadAllowed()) {
                return Optional.of("UNSIGNED-PAYLOAD is not accepted by " + options.service());
            }
            payload = Payload.UNSIGNED;
        } else if (!contentSha256.equals(SigV4Signer.sha256Hex(body))) {
            return Optional.of("x-amz-content-sha256 is not the SHA-256 of the body");
        } else {
            payload = Payload.hashed(contentSha256);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : signedNames) {
            HttpHeader header = request.getHeaders().getHeader(name);
            if (!header.isPresent()) {
                return Optional.of("the signed header " + name + " was not received");
            }
            header.values().forEach(value -> headers.add(Map.entry(name, value)));
        }
        String url = request.getUrl();
        int question = url.indexOf('?');
        SigV4Request received = new SigV4Request(request.getMethod().getName(), question < 0 ? url : url.substring(0, question),
                question < 0 ? "" : url.substring(question + 1), headers, payload);
        SigV4Options expected = new SigV4Options(options.region(), options.service(), options.normalizePath(), options.doubleEncodePath(),
                contentSha256 != null, options.unsignedPayloadAllowed(), options.signSessionToken());
        SigV4Signature recomputed = SigV4Signer.sign(received, credentials, expected, time);
        if (!recomputed.signedHeaders().equals(m.group(5))) {
            return Optional.of("SignedHeaders leaves out a header AWS requires signed (x-amz-*)");
        }
        if (!MessageDigest.isEqual(recomputed.signature().getBytes(StandardCharsets.US_ASCII), m.group(6).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("SignatureDoesNotMatch");
        }
        return Optional.empty();
    }
}
