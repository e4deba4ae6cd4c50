package dev.latchkey.adapters.connectors.sigv4;

import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;
import dev.latchkey.adapters.connectors.support.FieldValues;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.CredentialField;
import dev.latchkey.domain.connector.Template;
import dev.latchkey.domain.credential.Credentials;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * AWS Signature Version 4 ({@code type: aws_sigv4}): the customer types an access key pair (and, for
 * temporary STS credentials, a session token); every request to the API is then signed with it
 * ({@code Authorization: AWS4-HMAC-SHA256 ...}, {@code X-Amz-Date}, {@code x-amz-content-sha256}, and
 * {@code X-Amz-Security-Token} with a session token) over its method, path, query, host, content type,
 * {@code x-amz-*} headers and the SHA-256 of its body. Nothing expires and nothing is refreshed.
 * <p>
 * The signature covers the body, so the scheme asks for it ({@link AuthCapabilities#signsBody()}). A body
 * the sender streams instead of holding whole is signed as {@code UNSIGNED-PAYLOAD} only where the entry
 * allows it ({@code unsigned_payload: true}: S3); elsewhere such a request is refused (400, field
 * {@code body}) before anything is sent.
 *
 * <pre>
 * auth:
 *   - type: aws_sigv4
 *     service: s3                  # the service's signing name (s3, ses, bedrock...)
 *     region: "{region}"           # a region code, or a template over the connector's params
 *     unsigned_payload: true       # optional, false by default; only where the service accepts UNSIGNED-PAYLOAD
 *     fields:                      # access_key_id, secret_access_key (secret), optional session_token (secret)
 *       ...
 * </pre>
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html">AWS Signature Version 4 for API requests</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">S3: UNSIGNED-PAYLOAD and x-amz-content-sha256</a>
 */
@Singleton
public final class AwsSigV4Auth implements AuthSchemePort {
    public static final String TYPE = "aws_sigv4";
    static final String ACCESS_KEY_ID = "access_key_id";
    static final String SECRET_ACCESS_KEY = "secret_access_key";
    static final String SESSION_TOKEN = "session_token";

    private static final String SERVICE = "service";
    private static final String REGION = "region";
    private static final String UNSIGNED_PAYLOAD = "unsigned_payload";
    private static final Set<String> KEYS = Set.of("type", "fields", SERVICE, REGION, UNSIGNED_PAYLOAD);
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";

    private final Clock clock;

    public AwsSigV4Auth(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The key pair is typed once; nothing redirects or refreshes; the signature covers the body. */
    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        return new AuthCapabilities(TYPE, "AWS access key", Optional.empty(), method.fields(), List.of(), false, Optional.empty(), false,
                method.fields(), false, true);
    }

    @Override
    public void check(AuthMethod method, String path, Violations v) {
        if (!(method instanceof AuthMethod.Custom custom)) {
            v.add(path + ".type", "aws_sigv4 is a scheme of its own, not a declarative kind");
            return;
        }
        for (String key : new TreeSet<>(custom.settings().keySet())) {
            if (!KEYS.contains(key)) {
                v.add(path + "." + key, "is not a known key here; known keys: " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        Object service = custom.settings().get(SERVICE);
        if (!(service instanceof String name) || !name.matches(NAME)) {
            v.add(path + "." + SERVICE, "is required: the service's SigV4 signing name, such as s3, ses or bedrock");
        }
        checkRegion(custom.settings().get(REGION), path + "." + REGION, v);
        Object unsigned = custom.settings().get(UNSIGNED_PAYLOAD);
        if (unsigned != null && !(unsigned instanceof Boolean)) {
            v.add(path + "." + UNSIGNED_PAYLOAD, "must be true or false (true only where the service accepts UNSIGNED-PAYLOAD, as S3 does)");
        }
        checkFields(custom.fields(), path + ".fields", v);
    }

    /** A region code, or a template whose fixed parts could be part of one ({@code "{region}"}, {@code "us-{zone}-1"}). */
    private static void checkRegion(Object value, String path, Violations v) {
        if (!(value instanceof String text) || text.isBlank()) {
            v.add(path, "is required: a region code such as us-east-1, or a template over the connector's params such as \"{region}\"");
            return;
        }
        Template template = v.check(path, () -> new Template(text));
        if (template == null) {
            return;
        }
        String fixed = text.replaceAll("\\{[a-zA-Z][a-zA-Z0-9_]*}", "");
        boolean fits = template.placeholders().isEmpty() ? text.matches(NAME) : fixed.matches("[a-z0-9-]*");
        if (!fits) {
            v.add(path, "must be a region code such as us-east-1, or a template over the connector's params such as \"{region}\"");
        }
    }

    /** The key pair, required; the secret and the token marked secret; nothing else, for the scheme would not read it. */
    private static void checkFields(List<CredentialField> fields, String path, Violations v) {
        Map<String, CredentialField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        for (String name : List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY)) {
            CredentialField field = byName.get(name);
            if (field == null || !field.required()) {
                v.add(path, "must declare " + name + " as a required field");
            }
        }
        for (String name : List.of(SECRET_ACCESS_KEY, SESSION_TOKEN)) {
            CredentialField field = byName.get(name);
            if (field != null && !field.secret()) {
                v.add(path, name + " must be secret: true");
            }
        }
        byName.keySet().stream().filter(name -> !Set.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN).contains(name))
                .forEach(name -> v.add(path, name + " is not read by aws_sigv4; its fields are access_key_id, secret_access_key and "
                        + "session_token (optional)"));
    }

    /** The typed key pair, checked for its form (the connector's verify request, if any, then tries it at AWS). */
    @Override
    public Grant obtain(Context context, Map<String, String> fields) {
        Map<String, String> values = FieldValues.require(context.method().fields(), fields);
        try {
            credentials(values);
        } catch (IllegalArgumentException e) {
            throw invalidField(e);
        }
        options(context);
        return new Grant(Credentials.ofFields(values), Map.of(), List.of());
    }

    /** An access key does not expire; temporary credentials end with their session and are typed again. */
    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        return Optional.empty();
    }

    /** Access keys are deactivated by the customer in IAM; Latchkey only forgets them. */
    @Override
    public void revoke(Context context, Credentials current) {
        // AWS has no API to revoke an access key with the key itself.
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        SigV4Credentials credentials;
        try {
            credentials = credentials(current.fields());
        } catch (IllegalArgumentException e) {
            throw new ConflictException("connection_outdated", "The connection's AWS credentials are not usable (" + e.getMessage()
                    + "); the customer must reconnect.");
        }
        SigV4Options options = options(context);
        Payload payload;
        if (request.body().isPresent()) {
            payload = Payload.hashed(request.body().get().sha256Hex());
        } else if (options.unsignedPayloadAllowed()) {
            payload = Payload.UNSIGNED;
        } else {
            throw InvalidInputException.of("body", context.connector().name() + " signs the whole body (AWS SigV4): send it with a "
                    + "Content-Length, not chunked, and small enough to be held whole (1 MiB)");
        }
        SigV4Request signed = SigV4Request.of(request.method().toUpperCase(Locale.ROOT), request.uri(), request.headers(), payload);
        return new Signature(SigV4Signer.sign(signed, credentials, options, clock.instant()).headers(), Map.of());
    }

    private static SigV4Credentials credentials(Map<String, String> fields) {
        String accessKeyId = fields.get(ACCESS_KEY_ID);
        String secret = fields.get(SECRET_ACCESS_KEY);
        if (accessKeyId == null || secret == null) {
            throw new IllegalArgumentException((accessKeyId == null ? ACCESS_KEY_ID : SECRET_ACCESS_KEY) + ": is required");
        }
        return new SigV4Credentials(accessKeyId, secret, Optional.ofNullable(fields.get(SESSION_TOKEN)));
    }

    /** SigV4Credentials says which field is wrong before its colon; never the value. */
    private static InvalidInputException invalidField(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? InvalidInputException.of("credentials", message)
                : InvalidInputException.of("credentials." + message.substring(0, colon), message.substring(colon + 2));
    }

    /** The entry's service and region (filled with the connection's params), with AWS's rules for that service. */
    private static SigV4Options options(Context context) {
        AuthMethod.Custom entry = (AuthMethod.Custom) context.method();
        String service = String.valueOf(entry.settings().get(SERVICE));
        String region;
        try {
            region = new Template(String.valueOf(entry.settings().get(REGION))).fill(context.params());
            boolean s3 = service.equals("s3");
            return new SigV4Options(region, service, !s3, !s3, true, Boolean.TRUE.equals(entry.settings().get(UNSIGNED_PAYLOAD)), true);
        } catch (IllegalArgumentException e) {
            throw new ConflictException("connector_invalid", context.connector().name() + "'s aws_sigv4 entry gives no usable region ("
                    + e.getMessage() + "): its region must name the connector's params");
        }
    }
}
