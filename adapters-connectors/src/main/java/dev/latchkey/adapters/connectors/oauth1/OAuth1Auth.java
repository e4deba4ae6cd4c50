package dev.latchkey.adapters.connectors.oauth1;

import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.support.PrivateKeys;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.CredentialField;
import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.connector.Template;
import dev.latchkey.domain.credential.Credentials;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * OAuth 1.0a, three-legged ({@code type: oauth1}, RFC 5849): a request token is obtained with the
 * callback (carrying Latchkey's state), the customer authorizes it at the provider, and the
 * callback's {@code oauth_token} and {@code oauth_verifier} are traded for the token credentials;
 * every request to the API is then signed (HMAC-SHA1, RSA-SHA1 or PLAINTEXT) over its method, URL,
 * query and, for a form body, its parameters. The workspace's app at the provider is the client:
 * {@code client_id} is the consumer key, {@code client_secret} the consumer secret (for RSA-SHA1, the
 * consumer's PEM private key). Token credentials do not expire and are not refreshed.
 *
 * <pre>
 * auth:
 *   - type: oauth1
 *     request_token_url: https://provider.example/oauth/request_token
 *     authorization_url: https://provider.example/oauth/authorize
 *     access_token_url: https://provider.example/oauth/access_token
 *     signature_method: HMAC-SHA1            # the default; or RSA-SHA1, PLAINTEXT
 *     authorization_params: {scope: read}    # added to the authorization URL
 * </pre>
 */
@Singleton
public final class OAuth1Auth implements AuthSchemePort {
    public static final String TYPE = "oauth1";
    static final String TOKEN = "oauth_token";
    static final String TOKEN_SECRET = "oauth_token_secret";
    static final String VERIFIER = "oauth_verifier";

    private static final String REQUEST_TOKEN_URL = "request_token_url";
    private static final String AUTHORIZATION_URL = "authorization_url";
    private static final String ACCESS_TOKEN_URL = "access_token_url";
    private static final String SIGNATURE_METHOD = "signature_method";
    private static final String AUTHORIZATION_PARAMS = "authorization_params";
    private static final Set<String> KEYS = Set.of("type", REQUEST_TOKEN_URL, AUTHORIZATION_URL, ACCESS_TOKEN_URL, SIGNATURE_METHOD,
            AUTHORIZATION_PARAMS);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_TOKEN_LENGTH = 4096;
    /** What an import of an existing OAuth 1.0a connection brings: the token credentials. */
    private static final List<CredentialField> IMPORTED = List.of(
            new CredentialField(TOKEN, "OAuth token", true, true, Optional.empty()),
            new CredentialField(TOKEN_SECRET, "OAuth token secret", true, true, Optional.empty()));

    /** RFC 5849 §3.4: how the signature is made from the base string and the two secrets. */
    enum Method {
        HMAC_SHA1("HMAC-SHA1"), RSA_SHA1("RSA-SHA1"), PLAINTEXT("PLAINTEXT");

        final String label;

        Method(String label) {
            this.label = label;
        }

        static Optional<Method> of(String label) {
            for (Method method : values()) {
                if (method.label.equals(label)) {
                    return Optional.of(method);
                }
            }
            return Optional.empty();
        }
    }

    private final GuardedHttpClient http;
    private final Clock clock;
    private final SecureRandom random;

    @Inject
    public OAuth1Auth(GuardedHttpClient http, Clock clock) {
        this(http, clock, new SecureRandom());
    }

    public OAuth1Auth(GuardedHttpClient http, Clock clock, SecureRandom random) {
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Signs bodies: a form body's parameters are part of the signature (RFC 5849 §3.4.1.3.1). */
    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        String formTarget = setting(method, AUTHORIZATION_URL).flatMap(url -> new Template(url).origin()).orElse("https:");
        return new AuthCapabilities(TYPE, "OAuth 1.0a", Optional.of(new AuthCapabilities.Redirect(List.of(TOKEN, VERIFIER), formTarget)),
                List.of(), List.of(), false, Optional.empty(), false, IMPORTED, true, true);
    }

    /** The three endpoints are required (the definition reader checks every {@code *_url} is an https endpoint). */
    @Override
    public void check(AuthMethod method, String path, Violations v) {
        if (!(method instanceof AuthMethod.Custom custom)) {
            v.add(path + ".type", "oauth1 is a scheme of its own, not a declarative kind");
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>(custom.settings());
        settings.put("type", TYPE);
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key) && !key.equals("fields")) {
                v.add(path + "." + key, "is not a known key here; known keys: " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        if (!custom.fields().isEmpty()) {
            v.add(path + ".fields", "must be left out: the customer authorizes at the provider and types nothing");
        }
        for (String key : List.of(REQUEST_TOKEN_URL, AUTHORIZATION_URL, ACCESS_TOKEN_URL)) {
            if (!(settings.get(key) instanceof String url) || url.isBlank()) {
                v.add(path + "." + key, "is required");
            }
        }
        Object signatureMethod = settings.get(SIGNATURE_METHOD);
        if (signatureMethod != null && !(signatureMethod instanceof String label && Method.of(label).isPresent())) {
            v.add(path + "." + SIGNATURE_METHOD, "must be HMAC-SHA1 (the default), RSA-SHA1 or PLAINTEXT");
        }
        Object params = settings.get(AUTHORIZATION_PARAMS);
        if (params != null && !(params instanceof Map<?, ?> map && map.values().stream().allMatch(value -> value instanceof String))) {
            v.add(path + "." + AUTHORIZATION_PARAMS, "must be a map of names to strings");
        }
    }

    /** Leg one: a request token for the callback (which carries the state); its secret is kept for leg three. */
    @Override
    public Authorization authorize(AuthorizationRequest request) {
        Context context = request.context();
        OAuthClient consumer = consumer(context);
        String callback = request.redirectUri() + (request.redirectUri().contains("?") ? "&" : "?") + "state="
                + GuardedHttpClient.formEncode(request.state());
        Map<String, String> answer = post(context, endpoint(context, REQUEST_TOKEN_URL), consumer, Map.of("oauth_callback", callback),
                "", "request token");
        if (!"true".equals(answer.get("oauth_callback_confirmed"))) {
            throw ProviderException.rejected("callback_not_confirmed", context.connector().name()
                    + " did not confirm the callback (oauth_callback_confirmed): it does not speak OAuth 1.0a");
        }
        String token = required(context, answer, TOKEN);
        String secret = answer.getOrDefault(TOKEN_SECRET, "");
        Map<String, String> query = new LinkedHashMap<>();
        query.put(TOKEN, token);
        authorizationParams(context.method()).forEach(query::putIfAbsent);
        String base = endpoint(context, AUTHORIZATION_URL).toString();
        URI url = URI.create(base + (base.contains("?") ? "&" : "?") + GuardedHttpClient.formEncode(query));
        return new Authorization(url, Optional.of(GuardedHttpClient.formEncode(Map.of(TOKEN, token, TOKEN_SECRET, secret))));
    }

    /** Leg three: the authorized request token and the verifier, traded for token credentials. */
    @Override
    public Grant complete(Completion completion) {
        Context context = completion.context();
        Map<String, String> kept = formDecode(completion.kept().orElseThrow(() -> new IllegalArgumentException(
                "an OAuth 1.0a authorization keeps its request token until the callback")));
        String token = completion.callback().get(TOKEN);
        if (token == null || !token.equals(kept.get(TOKEN))) {
            throw ProviderException.rejected("token_mismatch", "the callback's oauth_token is not the request token of this authorization");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(TOKEN, token);
        parameters.put(VERIFIER, completion.callback().get(VERIFIER));
        Map<String, String> answer = post(context, endpoint(context, ACCESS_TOKEN_URL), consumer(context), parameters,
                kept.getOrDefault(TOKEN_SECRET, ""), "access token");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TOKEN, required(context, answer, TOKEN));
        fields.put(TOKEN_SECRET, answer.getOrDefault(TOKEN_SECRET, ""));
        return new Grant(Credentials.ofFields(fields), Map.of(), List.of());
    }

    /** Token credentials do not expire. */
    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        return Optional.empty();
    }

    /** RFC 5849 defines no revocation; the customer revokes the app at the provider. */
    @Override
    public void revoke(Context context, Credentials current) {
        // nothing to call
    }

    @Override
    public AuthSchemePort.Signature sign(Context context, Credentials current, OutboundRequest request) {
        String token = current.fields().get(TOKEN);
        if (token == null) {
            throw new IllegalArgumentException("these credentials hold no OAuth 1.0a token");
        }
        Map<String, String> oauth = protocolParameters(consumer(context).clientId(), Optional.of(token), Map.of());
        List<Map.Entry<String, String>> signed = new ArrayList<>(queryParameters(request.uri()));
        if (request.header("Content-Type").filter(OAuth1Auth::isForm).isPresent()) {
            request.body().ifPresent(body -> signed.addAll(decodePairs(body.text())));
        }
        String header = authorization(request.method(), request.uri(), oauth, signed, method(context.method()),
                consumer(context).clientSecret(), current.fields().getOrDefault(TOKEN_SECRET, ""));
        return new AuthSchemePort.Signature(Map.of("Authorization", header), Map.of());
    }

    // --- the protocol, as pure functions (tested against RFC 5849's examples) ---

    /** The {@code Authorization: OAuth ...} header: the protocol parameters with their signature (RFC 5849 §3.5.1). */
    static String authorization(String httpMethod, URI uri, Map<String, String> oauth, List<Map.Entry<String, String>> requestParameters,
                                Method method, String consumerSecret, String tokenSecret) {
        Map<String, String> all = new LinkedHashMap<>(oauth);
        all.put("oauth_signature_method", method.label);
        List<Map.Entry<String, String>> parameters = new ArrayList<>(requestParameters);
        parameters.addAll(all.entrySet());
        String signature = signature(method, baseString(httpMethod, uri, parameters), consumerSecret, tokenSecret);
        all.put("oauth_signature", signature);
        return "OAuth " + all.entrySet().stream().map(e -> encode(e.getKey()) + "=\"" + encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    /** RFC 5849 §3.4.1: method, base string URI and normalized parameters, each encoded, joined by {@code &}. */
    static String baseString(String httpMethod, URI uri, List<Map.Entry<String, String>> parameters) {
        return httpMethod.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&" + encode(normalized(parameters));
    }

    /** RFC 5849 §3.4.1.2: scheme and host in lowercase, the default port left out, the path, no query. */
    static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** RFC 5849 §3.4.1.3.2: every name and value encoded, sorted by name then value, {@code name=value} joined by {@code &}. */
    static String normalized(List<Map.Entry<String, String>> parameters) {
        return parameters.stream()
                .filter(e -> !e.getKey().equals("oauth_signature") && !e.getKey().equals("realm"))
                .map(e -> Map.entry(encode(e.getKey()), encode(e.getValue())))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** RFC 5849 §3.4.2 to §3.4.4. */
    static String signature(Method method, String baseString, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret);
        try {
            return switch (method) {
                case HMAC_SHA1 -> {
                    Mac mac = Mac.getInstance("HmacSHA1");
                    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                    yield Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
                }
                case RSA_SHA1 -> {
                    java.security.Signature rsa = java.security.Signature.getInstance("SHA1withRSA");
                    rsa.initSign(PrivateKeys.parse(consumerSecret, "client_secret"));
                    rsa.update(baseString.getBytes(StandardCharsets.UTF_8));
                    yield Base64.getEncoder().encodeToString(rsa.sign());
                }
                case PLAINTEXT -> key;
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK signs " + method.label, e);
        }
    }

    /** RFC 5849 §3.6: UTF-8, then every octet but ALPHA, DIGIT, {@code -._~} as {@code %XX} (uppercase). */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /** The query's parameters, decoded as {@code application/x-www-form-urlencoded} (RFC 5849 §3.4.1.3.1). */
    static List<Map.Entry<String, String>> queryParameters(URI uri) {
        return uri.getRawQuery() == null ? List.of() : decodePairs(uri.getRawQuery());
    }

    static List<Map.Entry<String, String>> decodePairs(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return pairs;
    }

    // --- talking to the provider ---

    private Map<String, String> protocolParameters(String consumerKey, Optional<String> token, Map<String, String> extra) {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", consumerKey);
        token.ifPresent(t -> oauth.put(TOKEN, t));
        oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        oauth.put("oauth_nonce", nonce());
        oauth.put("oauth_version", "1.0");
        oauth.putAll(extra);
        return oauth;
    }

    /** A request-token or access-token request: a signed POST whose form-encoded answer is returned. */
    private Map<String, String> post(Context context, URI url, OAuthClient consumer, Map<String, String> extra, String tokenSecret,
                                     String what) {
        Map<String, String> oauth = protocolParameters(consumer.clientId(), Optional.ofNullable(extra.get(TOKEN)),
                extra.entrySet().stream().filter(e -> !e.getKey().equals(TOKEN))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
        String header = authorization("POST", url, oauth, queryParameters(url), method(context.method()), consumer.clientSecret(),
                tokenSecret);
        ProviderResponse response = http.send(new ProviderRequest("POST", url, Map.of("Authorization", header,
                "Content-Type", FORM, "Accept", "application/x-www-form-urlencoded, */*"), Optional.of("")));
        if (response.status() >= 500 || response.status() == 429) {
            throw ProviderException.unavailable(context.connector().name() + " could not issue the " + what + " (HTTP "
                    + response.status() + ")");
        }
        if (response.status() / 100 != 2) {
            throw ProviderException.rejected("oauth1_refused", context.connector().name() + " refused the " + what + " request (HTTP "
                    + response.status() + ")");
        }
        Map<String, String> answer = new LinkedHashMap<>();
        decodePairs(response.body().strip()).forEach(e -> answer.putIfAbsent(e.getKey(), e.getValue()));
        return answer;
    }

    private static String required(Context context, Map<String, String> answer, String name) {
        String value = answer.get(name);
        if (value == null || value.isBlank() || value.length() > MAX_TOKEN_LENGTH) {
            throw ProviderException.rejected("oauth1_incomplete", context.connector().name() + " answered without " + name);
        }
        return value;
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean isForm(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    private static Map<String, String> formDecode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        decodePairs(text).forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }

    private static Optional<String> setting(AuthMethod method, String key) {
        return method instanceof AuthMethod.Custom custom && custom.settings().get(key) instanceof String value
                ? Optional.of(value) : Optional.empty();
    }

    private static Method method(AuthMethod method) {
        return setting(method, SIGNATURE_METHOD).flatMap(Method::of).orElse(Method.HMAC_SHA1);
    }

    private static Map<String, String> authorizationParams(AuthMethod method) {
        Map<String, String> out = new LinkedHashMap<>();
        if (method instanceof AuthMethod.Custom custom && custom.settings().get(AUTHORIZATION_PARAMS) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** An endpoint template filled with the connection's params, each percent-encoded. */
    private static URI endpoint(Context context, String key) {
        String template = setting(context.method(), key).orElseThrow(() -> new IllegalArgumentException(
                context.connector().slug() + "'s oauth1 entry has no " + key));
        Map<String, String> encoded = new LinkedHashMap<>();
        context.params().forEach((name, value) -> encoded.put(name, encode(value)));
        return URI.create(new Template(template).fill(encoded));
    }

    private static OAuthClient consumer(Context context) {
        return context.client().orElseThrow(() -> new IllegalArgumentException(context.connector().slug()
                + " needs the workspace's app at the provider: its consumer key as client_id and secret as client_secret"));
    }
}
