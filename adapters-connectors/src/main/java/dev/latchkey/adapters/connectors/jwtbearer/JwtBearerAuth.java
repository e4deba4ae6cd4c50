package dev.latchkey.adapters.connectors.jwtbearer;

import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.support.FieldValues;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.CredentialField;
import dev.latchkey.domain.connector.Template;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JWT bearer grant ({@code type: jwt_bearer}, RFC 7523 §2.1): a service account's private key signs
 * an RS256 assertion ({@code iss}, {@code sub}, {@code aud}, {@code exp}...) that the token endpoint
 * exchanges for an access token — Google service accounts (with domain-wide delegation, {@code sub} is the
 * user acted for), Salesforce's JWT bearer flow. There is no refresh token: a token near its expiry is
 * renewed by signing a new assertion, through the refresher like any other refresh. The customer's
 * fields (the key among them) are kept in the connection's encrypted credentials, never in its params;
 * requests to the API carry {@code Authorization: Bearer <token>}.
 *
 * <pre>
 * auth:
 *   - type: jwt_bearer
 *     token_url: https://oauth2.googleapis.com/token
 *     audience: https://oauth2.googleapis.com/token   # aud; the token_url when left out
 *     issuer: "{client_email}"                        # iss, over the fields
 *     subject: "{subject}"                            # sub, over the fields; none when it fills empty
 *     key_id: "{private_key_id}"                      # kid, over the fields; optional
 *     scopes: [https://www.googleapis.com/auth/drive.readonly]
 *     scope_claim: true                 # scopes in the assertion (Google); else the token request's scope parameter
 *     assertion_lifetime_seconds: 3600  # exp - iat: 1 to 3600, 300 when left out
 *     token_response: {instance_url: /instance_url}  # values of the token response kept, for api.base_url
 *     fields: [...]                     # private_key (secret) holds the PEM key, or Google's whole JSON key file
 * </pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523">RFC 7523</a>
 */
@Singleton
public final class JwtBearerAuth implements AuthSchemePort {
    public static final String TYPE = "jwt_bearer";
    static final String PRIVATE_KEY = "private_key";
    /** The values a Google JSON key file pasted as the private key brings, for the templates. */
    static final String CLIENT_EMAIL = "client_email";
    static final String PRIVATE_KEY_ID = "private_key_id";
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private static final String TOKEN_URL = "token_url";
    private static final String AUDIENCE = "audience";
    private static final String ISSUER = "issuer";
    private static final String SUBJECT = "subject";
    private static final String KEY_ID = "key_id";
    private static final String SCOPES = "scopes";
    private static final String SCOPE_CLAIM = "scope_claim";
    private static final String LIFETIME = "assertion_lifetime_seconds";
    private static final String TOKEN_RESPONSE = "token_response";
    private static final Set<String> KEYS = Set.of("type", "fields", TOKEN_URL, AUDIENCE, ISSUER, SUBJECT, KEY_ID, SCOPES, SCOPE_CLAIM,
            LIFETIME, TOKEN_RESPONSE);

    private final JwtBearerAssertions assertions;
    private final JwtBearerGrant grant;

    @Inject
    public JwtBearerAuth(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this(new JwtBearerAssertions(clock), new JwtBearerGrant(http, json, clock));
    }

    JwtBearerAuth(JwtBearerAssertions assertions, JwtBearerGrant grant) {
        this.assertions = assertions;
        this.grant = grant;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * The fields the entry declares, typed once; the token they yield expires and is renewed with a new assertion. The
     * token response's values the entry keeps ({@code token_response}) are template values, such as Salesforce's
     * {@code instance_url} in {@code api.base_url}.
     */
    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        List<String> kept = List.copyOf(new TreeSet<>(tokenResponse(method).keySet()));
        return new AuthCapabilities(TYPE, "JWT bearer", Optional.empty(), method.fields(), scopes(method), true, Optional.empty(), false,
                method.fields(), false, false, kept);
    }

    /** Each rule of the entry's settings (the definition reader already checked {@code token_url} is an https endpoint). */
    @Override
    public void check(AuthMethod method, String path, Violations v) {
        if (!(method instanceof AuthMethod.Custom custom)) {
            v.add(path + ".type", "jwt_bearer is a scheme of its own, not a declarative kind");
            return;
        }
        Map<String, Object> settings = custom.settings();
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!KEYS.contains(key)) {
                v.add(path + "." + key, "is not a known key here; known keys: " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        if (!(settings.get(TOKEN_URL) instanceof String url) || url.isBlank()) {
            v.add(path + "." + TOKEN_URL, "is required: where the assertion is exchanged for a token");
        }
        Object audience = settings.get(AUDIENCE);
        if (audience != null && !(audience instanceof String text && !text.isBlank() && !text.contains("{"))) {
            v.add(path + "." + AUDIENCE, "must be a fixed text, such as the token URL (the default) or the audience the provider documents");
        }
        Set<String> fieldNames = new HashSet<>(custom.fields().stream().map(CredentialField::name).toList());
        Optional<CredentialField> key = custom.fields().stream().filter(f -> f.name().equals(PRIVATE_KEY)).findFirst();
        if (key.isEmpty() || !key.get().secret() || !key.get().required()) {
            v.add(path + ".fields", "must declare a required secret field private_key: the PEM key (or JSON key file) that signs");
        }
        // A Google JSON key file pasted as the key brings its client_email and private_key_id.
        Set<String> sources = new HashSet<>(fieldNames);
        sources.addAll(List.of(CLIENT_EMAIL, PRIVATE_KEY_ID));
        sources.remove(PRIVATE_KEY);
        if (settings.get(ISSUER) == null) {
            v.add(path + "." + ISSUER, "is required: the assertion's iss, such as \"{client_email}\" or \"{client_id}\"");
        }
        for (String name : List.of(ISSUER, SUBJECT, KEY_ID)) {
            Object value = settings.get(name);
            if (value == null) {
                continue;
            }
            if (!(value instanceof String text) || text.isBlank()) {
                v.add(path + "." + name, "must be a text over the fields, such as \"{username}\"");
                continue;
            }
            Template template = v.check(path + "." + name, () -> new Template(text));
            if (template != null) {
                template.placeholders().stream().filter(p -> !sources.contains(p)).forEach(p -> v.add(path + "." + name,
                        p.equals(PRIVATE_KEY) ? "must not use {private_key}: the key signs, it is never sent"
                                : "uses {" + p + "}, which is not a field of this entry"));
            }
        }
        Object scopes = settings.get(SCOPES);
        if (scopes != null && !(scopes instanceof List<?> list && list.stream().allMatch(s -> s instanceof String text && !text.isBlank()
                && text.chars().noneMatch(Character::isWhitespace)))) {
            v.add(path + "." + SCOPES, "must be a list of scopes, each without spaces");
        }
        Object scopeClaim = settings.get(SCOPE_CLAIM);
        if (scopeClaim != null && !(scopeClaim instanceof Boolean)) {
            v.add(path + "." + SCOPE_CLAIM, "must be true (scopes in the assertion's scope claim) or false (in the token request)");
        }
        Object lifetime = settings.get(LIFETIME);
        if (lifetime != null && seconds(lifetime).filter(s -> s > 0 && s <= JwtBearerClaims.MAX_LIFETIME.toSeconds()).isEmpty()) {
            v.add(path + "." + LIFETIME, "must be a whole number of seconds, more than 0 and at most 3600");
        }
        Object tokenResponse = settings.get(TOKEN_RESPONSE);
        if (tokenResponse != null && !(tokenResponse instanceof Map<?, ?>)) {
            v.add(path + "." + TOKEN_RESPONSE, "must be a map of names to JSON pointers, such as instance_url: /instance_url");
        } else if (tokenResponse instanceof Map<?, ?> map) {
            map.forEach((name, pointer) -> {
                if (!String.valueOf(name).matches("[a-z][a-zA-Z0-9_]*")) {
                    v.add(path + "." + TOKEN_RESPONSE + "." + name, "must be named with letters, digits and _");
                }
                if (!(pointer instanceof String text) || !text.startsWith("/")) {
                    v.add(path + "." + TOKEN_RESPONSE + "." + name, "must be a JSON pointer such as /instance_url");
                }
            });
        }
    }

    /** An assertion signed with the customer's key, exchanged for the first token; the fields are kept to sign the next ones. */
    @Override
    public Grant obtain(Context context, Map<String, String> fields) {
        Map<String, String> values = FieldValues.require(context.method().fields(), fields);
        if (!values.containsKey(PRIVATE_KEY)) {
            throw InvalidInputException.of("credentials." + PRIVATE_KEY, "is required: the PEM private key that signs the assertion");
        }
        JwtBearerGrant.TokenResult result = exchange(context, values);
        return new Grant(new Credentials(values, Optional.of(result.token())), result.values(), result.scopes());
    }

    /** No refresh token in this grant: a new assertion, signed with the key kept in the credentials. */
    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        JwtBearerGrant.TokenResult result = exchange(context, current.fields());
        return Optional.of(new Grant(current.withToken(result.token()), result.values(), result.scopes()));
    }

    /** RFC 7523 defines no revocation; the token expires on its own and the key stays the customer's. */
    @Override
    public void revoke(Context context, Credentials current) {
        // nothing to call
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        AccessToken token = current.token()
                .orElseThrow(() -> new IllegalArgumentException("these credentials hold no access token to sign with"));
        return new Signature(Map.of("Authorization", "Bearer " + token.value()), Map.of());
    }

    private JwtBearerGrant.TokenResult exchange(Context context, Map<String, String> fields) {
        AuthMethod method = context.method();
        String pem = fields.getOrDefault(PRIVATE_KEY, "");
        Map<String, String> values = new HashMap<>(fields);
        values.remove(PRIVATE_KEY);
        RSAPrivateKey key;
        if (pem.strip().startsWith("{")) {
            GoogleServiceAccountKey file = GoogleServiceAccountKey.parse(pem, "credentials." + PRIVATE_KEY);
            key = file.privateKey();
            values.putIfAbsent(CLIENT_EMAIL, file.clientEmail());
            file.privateKeyId().ifPresent(id -> values.putIfAbsent(PRIVATE_KEY_ID, id));
        } else {
            key = JwtBearerAssertions.privateKey(pem, "credentials." + PRIVATE_KEY);
        }
        URI tokenUrl = tokenUrl(context);
        String issuer = fill(method, ISSUER, values).orElseThrow(() -> InvalidInputException.of("credentials." + setting(method, ISSUER)
                .map(text -> new Template(text).placeholders()).flatMap(p -> p.stream().findFirst()).orElse(ISSUER),
                "is required: it is the assertion's issuer (iss)"));
        List<String> scopes = scopes(method);
        boolean scopeClaim = Boolean.TRUE.equals(settings(method).get(SCOPE_CLAIM));
        JwtBearerClaims claims = new JwtBearerClaims(issuer, fill(method, SUBJECT, values),
                setting(method, AUDIENCE).orElse(tokenUrl.toString()), scopeClaim ? scopes : List.of(), lifetime(method),
                fill(method, KEY_ID, values));
        String assertion = assertions.sign(claims, key);
        Map<String, String> extra = new LinkedHashMap<>();
        if (!scopeClaim && !scopes.isEmpty()) {
            extra.put("scope", String.join(" ", scopes));
        }
        return grant.exchange(context.connector().name(), tokenUrl, assertion, extra, tokenResponse(method));
    }

    private static URI tokenUrl(Context context) {
        String template = setting(context.method(), TOKEN_URL).orElseThrow(() -> new IllegalArgumentException(
                context.connector().slug() + "'s jwt_bearer entry has no " + TOKEN_URL));
        Map<String, String> encoded = new HashMap<>();
        context.params().forEach((name, value) -> encoded.put(name, GuardedHttpClient.formEncode(value)));
        return URI.create(new Template(template).fill(encoded));
    }

    /** A template over the fields, filled; empty when not declared or when it fills empty (an optional field left out). */
    private static Optional<String> fill(AuthMethod method, String key, Map<String, String> values) {
        return setting(method, key).map(text -> {
            Template template = new Template(text);
            Map<String, String> all = new HashMap<>();
            template.placeholders().forEach(p -> all.put(p, values.getOrDefault(p, "")));
            return template.fill(all).strip();
        }).filter(text -> !text.isEmpty());
    }

    private static Duration lifetime(AuthMethod method) {
        return seconds(settings(method).get(LIFETIME)).map(Duration::ofSeconds).orElse(DEFAULT_LIFETIME);
    }

    /** A whole number, as YAML (an Integer) or JSON (a Long, a BigDecimal...) gives it. */
    private static Optional<Long> seconds(Object value) {
        return value instanceof Number n && n.doubleValue() == n.longValue() ? Optional.of(n.longValue()) : Optional.empty();
    }

    private static List<String> scopes(AuthMethod method) {
        return settings(method).get(SCOPES) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, String> tokenResponse(AuthMethod method) {
        Map<String, String> out = new TreeMap<>();
        if (settings(method).get(TOKEN_RESPONSE) instanceof Map<?, ?> map) {
            map.forEach((name, pointer) -> out.put(String.valueOf(name), String.valueOf(pointer)));
        }
        return out;
    }

    private static Optional<String> setting(AuthMethod method, String key) {
        return settings(method).get(key) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private static Map<String, Object> settings(AuthMethod method) {
        return method instanceof AuthMethod.Custom custom ? custom.settings() : Map.of();
    }
}
