package dev.latchkey.adapters.connectors.sigv4;

import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) in the Authorization header, as AWS documents it:
 * canonical request, string to sign, signing key derived from the secret, date, region and service.
 * Pure: the same request, credentials, options and time give the same signature, so it is tested
 * against AWS's published test suite and the S3 and IAM documentation examples.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">S3: signature calculations for the Authorization header</a>
 */
public final class SigV4Signer {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String AUTHORIZATION = "Authorization";
    public static final String X_AMZ_DATE = "X-Amz-Date";
    public static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";
    public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";

    private static final Set<String> OWN_HEADERS = Set.of("authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private SigV4Signer() {
    }

    /** Signs {@code request} at {@code time}; the result's headers are to be set on the request as sent. */
    public static SigV4Signature sign(SigV4Request request, SigV4Credentials credentials, SigV4Options options, Instant time) {
        String amzDate = AMZ_DATE.format(time);
        String date = amzDate.substring(0, 8);
        String payloadHash = payloadHash(request.payload(), options);

        TreeMap<String, List<String>> headers = new TreeMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!OWN_HEADERS.contains(name)) {
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(canonicalValue(header.getValue()));
            }
        }
        if (!headers.containsKey("host")) {
            throw new IllegalArgumentException("headers: the Host header must be signed");
        }
        headers.put("x-amz-date", List.of(amzDate));
        if (credentials.sessionToken().isPresent() && options.signSessionToken()) {
            headers.put("x-amz-security-token", List.of(credentials.sessionToken().get()));
        }
        if (options.contentSha256Header()) {
            headers.put("x-amz-content-sha256", List.of(payloadHash));
        }

        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, values) -> canonicalHeaders.append(name).append(':').append(String.join(",", values)).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = request.method() + '\n'
                + canonicalUri(request.path(), options) + '\n'
                + canonicalQuery(request.query()) + '\n'
                + canonicalHeaders + '\n'
                + signedHeaders + '\n'
                + payloadHash;

        String scope = date + '/' + options.region() + '/' + options.service() + "/aws4_request";
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String signature = HEX.formatHex(hmac(signingKey(credentials.secretAccessKey(), date, options.region(), options.service()),
                stringToSign));

        Map<String, String> out = new LinkedHashMap<>();
        out.put(AUTHORIZATION, ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        out.put(X_AMZ_DATE, amzDate);
        credentials.sessionToken().ifPresent(token -> out.put(X_AMZ_SECURITY_TOKEN, token));
        if (options.contentSha256Header()) {
            out.put(X_AMZ_CONTENT_SHA256, payloadHash);
        }
        return new SigV4Signature(out, signature, signedHeaders, payloadHash, canonicalRequest, stringToSign);
    }

    /** {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. */
    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The lowercase hex SHA-256 of {@code bytes}, as payload hashes are written. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** AWS's UriEncode: every byte of the UTF-8 form except the unreserved {@code A-Z a-z 0-9 - . _ ~} as {@code %XY}. */
    static String uriEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decodes {@code text} as UTF-8; a {@code %} not followed by two hex digits stays a literal {@code %}. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The canonical URI. Every service but S3: dot segments and empty segments removed (RFC 3986 §5.2.4),
     * then each segment, as sent, URI-encoded (so the sent encoding is encoded a second time). S3: the
     * path as is, each segment decoded and encoded once, so {@code $} and {@code %24} both sign as {@code %24}.
     */
    static String canonicalUri(String path, SigV4Options options) {
        String[] raw = path.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>();
        boolean trailingSlash;
        if (options.normalizePath()) {
            Deque<String> stack = new ArrayDeque<>();
            for (String segment : raw) {
                if (segment.equals("..")) {
                    stack.pollLast();
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    stack.addLast(segment);
                }
            }
            segments.addAll(stack);
            String last = raw[raw.length - 1];
            trailingSlash = !segments.isEmpty() && (last.isEmpty() || last.equals(".") || last.equals(".."));
        } else {
            segments.addAll(List.of(raw));
            trailingSlash = false;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(options.doubleEncodePath() ? uriEncode(segment) : uriEncode(percentDecode(segment)));
        }
        if (trailingSlash || out.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }

    /** The canonical query: each name and value decoded then URI-encoded, sorted by name then value; a name without {@code =} gets an empty value. */
    static String canonicalQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(new String[] {uriEncode(percentDecode(name)), uriEncode(percentDecode(value))});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** A header value trimmed, with each run of spaces inside it made one space. */
    static String canonicalValue(String value) {
        return value.strip().replaceAll("[ \\t]+", " ");
    }

    private static String payloadHash(Payload payload, SigV4Options options) {
        return switch (payload) {
            case Payload.Bytes bytes -> sha256Hex(bytes.body());
            case Payload.Hashed hashed -> hashed.sha256Hex();
            case Payload.Unsigned unsigned -> {
                if (!options.unsignedPayloadAllowed()) {
                    throw new IllegalArgumentException("payload: " + options.service() + " requires a signed payload; UNSIGNED-PAYLOAD is for S3");
                }
                yield UNSIGNED_PAYLOAD;
            }
        };
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
