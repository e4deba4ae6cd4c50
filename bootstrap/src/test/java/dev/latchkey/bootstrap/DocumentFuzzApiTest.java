package dev.latchkey.bootstrap;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded fuzz run over every operation of the OpenAPI document: for each one, requests
 * generated from its schemas (valid ones, and mutations of them: wrong types, empty and duplicate keys,
 * NUL, huge numbers and strings, deep nesting, missing required and unknown fields, broken JSON, odd
 * parameters and credentials), sent to the running service. No answer may be a 5xx, and every answer
 * must be one the document describes (status, content type, body schema), checked by {@link OpenApiContract}.
 *
 * <p>Why a seeded {@link Random} walking the swagger-parser model rather than jqwik: the generator is
 * the document itself (schemas, enums, required lists, security), which a property library cannot
 * derive for us; what a library would add is shrinking, which matters little when the failing request
 * is printed whole and replayable from the seed. One plain loop keeps the budget (requests per
 * operation) exact and the run in the ordinary surefire suite with nothing new on the classpath.
 * The seed is printed; rerun a failure with {@code -Dlatchkey.fuzz.seed=<seed>}, and widen a run with
 * {@code -Dlatchkey.fuzz.per-operation=<n>}.
 *
 * <p>Fixtures make valid requests reach the code behind validation: the example linked account
 * {@code cust-42} with a connection, two workspace connectors whose provider is a local stub (so no
 * request leaves the machine), config fields, a webhook, a connect link and a portal session. Deleting
 * operations run last so the others meet existing objects.
 */
@MicronautTest(transactional = false)
class DocumentFuzzApiTest extends ApiTest {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentFuzzApiTest.class);
    private static final long SEED = Long.getLong("latchkey.fuzz.seed", 20261205L);
    private static final int PER_OPERATION = Integer.getInteger("latchkey.fuzz.per-operation", 40);
    private static final String ACCOUNT = "cust-42";
    private static final String KEYS = "fuzz-keys";
    private static final String OAUTH = "fuzz-oauth";
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    /**
     * Operations the fuzzer does not send valid requests to, each for a reason; they still get every
     * mutation. Kept small and explicit: the test asserts the list.
     */
    private static final Map<String, String> NO_VALID_REQUESTS = Map.of(
            "POST /admin/v1/encryption/rotate", "re-encrypts every credential of every workspace: once is enough, and it is done by the fixtures' end");

    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EmbeddedServer server;

    private final Map<String, String> fixtures = new HashMap<>();
    private String key;
    private String sessionToken;
    private String portalCookie;
    private Random random;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // Bad credentials are one mutation among many here; the throttle has its own tests.
        properties.put("latchkey.auth-throttle.burst", "1000000");
        properties.put("latchkey.auth-throttle.per-second", "1000000");
        return properties;
    }

    @BeforeAll
    void fixtures() throws Exception {
        provider.start();
        provider.stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"u1\", \"email\": \"ops@acme.example\", \"channels\": [{\"id\": \"C0123\", \"name\": \"general\"}]}")));
        Reply workspace = post("/admin/v1/workspaces", Map.of("name", "fuzz"), ADMIN_TOKEN);
        assertThat(workspace.status()).as(workspace.text()).isEqualTo(201);
        key = (String) ((Map<?, ?>) workspace.get("api_key")).get("key");
        fixtures.put("workspace", (String) ((Map<?, ?>) workspace.get("workspace")).get("id"));
        assertThat(put("/v1/workspace/settings", Map.of("allowed_origins", List.of("https://app.acme.com")), key).status()).isEqualTo(200);
        assertThat(post("/v1/linked-accounts", Map.of("id", ACCOUNT, "name", "Acme Inc"), key).status()).isEqualTo(201);
        Reply keys = post("/v1/connectors", Map.of("slug", KEYS, "name", "Fuzz Keys", "categories", List.of("test"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true)),
                        "placement", "header", "name", "Authorization", "format", "Bearer {api_key}")),
                "verify", Map.of("method", "GET", "path", "/me", "expect_status", 200)), key);
        assertThat(keys.status()).as(keys.text()).isEqualTo(201);
        Reply oauth = post("/v1/connectors", Map.of("slug", OAUTH, "name", "Fuzz OAuth", "categories", List.of("test"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"),
                "auth", List.of(Map.of("type", "oauth2", "authorization_url", provider.baseUrl() + "/authorize",
                        "token_url", provider.baseUrl() + "/token", "scopes", List.of("read")))), key);
        assertThat(oauth.status()).as(oauth.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/" + OAUTH + "/settings", Map.of("client_id", "cid", "client_secret", "csecret"), key).status())
                .isEqualTo(200);
        Reply fields = put("/v1/connectors/" + KEYS + "/config-fields", Map.of("fields", List.of(
                Map.of("key", "channel", "label", "Channel", "type", "select", "options_from", Map.of("method", "GET",
                        "path", "/channels", "items", "/channels", "label", "/name", "value", "/id")),
                Map.of("key", "prefix", "label", "Prefix", "type", "text"))), key);
        assertThat(fields.status()).as(fields.text()).isEqualTo(200);
        Reply connection = post("/v1/linked-accounts/" + ACCOUNT + "/connections",
                Map.of("connector", KEYS, "credentials", Map.of("api_key", "k-123")), key);
        assertThat(connection.status()).as(connection.text()).isEqualTo(201);
        fixtures.put("connection", (String) connection.get("id"));
        Reply webhook = post("/v1/webhooks", Map.of("url", provider.baseUrl() + "/hooks", "events", List.of("*")), key);
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(201);
        fixtures.put("webhook", (String) webhook.get("id"));
        fixtures.put("delivery", "whd_" + "0".repeat(26));
        Reply session = post("/v1/session-tokens", Map.of("linked_account_id", ACCOUNT, "ttl_seconds", 86400), key);
        sessionToken = (String) session.get("token");
        fixtures.put("code", linkCode());
        HttpResponse<String> opened = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/connect/" + linkCode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(303);
        portalCookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private String linkCode() {
        Reply link = post("/v1/connect-links", Map.of("linked_account_id", ACCOUNT), key);
        assertThat(link.status()).as(link.text()).isEqualTo(201);
        String url = (String) link.get("url");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @AfterAll
    void stop() {
        provider.stop();
    }

    /** One operation of the document. */
    private record Op(String method, String path, Operation operation) {
        String name() {
            return method + " " + path;
        }
    }

    /** One request as sent, for the failure report. */
    private record Sent(String kind, String method, String uri, Map<String, String> headers, byte[] body) {
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return kind + ": " + method + " " + uri + " " + headers.keySet() + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    @Test
    void no_request_generated_from_the_document_gets_a_5xx_or_an_answer_off_the_document(org.junit.jupiter.api.TestReporter reporter) throws Exception {
        random = new Random(SEED);
        LOG.info("Fuzzing with seed {} ({} requests per operation); rerun with -Dlatchkey.fuzz.seed={}", SEED, PER_OPERATION, SEED);
        List<Op> operations = operations();
        int sent = 0;
        List<String> serverErrors = new ArrayList<>();
        List<String> offSchema = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Op op : operations) {
            for (int i = 0; i < PER_OPERATION; i++) {
                boolean valid = i % 4 == 0 && !NO_VALID_REQUESTS.containsKey(op.name());
                Sent request = valid ? valid(op) : mutated(op);
                HttpResponse<byte[]> response;
                try {
                    response = send(request);
                } catch (IOException e) {
                    // Every request gets an answer, refusals too: the server says Connection: close when it closes after one.
                    serverErrors.add("no answer (" + e + ") to " + request.describe());
                    sent++;
                    continue;
                }
                sent++;
                statuses.merge(op.name() + " " + response.statusCode(), 1, Integer::sum);
                byStatus.merge(response.statusCode(), 1, Integer::sum);
                String body = new String(response.body(), StandardCharsets.UTF_8);
                if (response.statusCode() >= 500 && !isDocumentedUpstreamStatus(op, response.statusCode())) {
                    serverErrors.add(response.statusCode() + " " + abbreviate(body) + " to " + request.describe());
                }
                List<String> violations = OpenApiContract.violations(validatorRequest(request), validatorResponse(response, body),
                        request.kind().equals("valid"));
                if (!violations.isEmpty()) {
                    offSchema.add(violations + " " + abbreviate(body) + " to " + request.describe());
                }
            }
        }
        String summary = String.format("Fuzz run, seed %d: %d operations, %d requests sent, statuses %s, %d answers with a 5xx or none,"
                + " %d answers off the document", SEED, operations.size(), sent, byStatus, serverErrors.size(), offSchema.size());
        LOG.info(summary);
        reporter.publishEntry("fuzz", summary);
        LOG.debug("Statuses by operation: {}", statuses);

        assertThat(NO_VALID_REQUESTS).as("operations without valid requests, each for its reason").hasSizeLessThanOrEqualTo(1);
        assertThat(operations).as("operations of the document").hasSizeGreaterThan(60);
        assertThat(serverErrors).as("answers with a 5xx or none (%s)", summary).isEmpty();
        assertThat(offSchema).as("answers the document does not describe (%s)", summary).isEmpty();
    }

    /**
     * The 5xx statuses an operation documents as the provider's or the stub's doing (the proxy's 502
     * and 504, a provider's own 5xx passed on), which are not the server failing.
     */
    private static boolean isDocumentedUpstreamStatus(Op op, int status) {
        return op.operation().getResponses().containsKey(String.valueOf(status)) && status != 500 && status != 503
                || op.path().startsWith("/v1/proxy/") && status != 500;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** The document's operations, deleting ones last. */
    private List<Op> operations() {
        OpenAPI document = OpenApiContract.model();
        List<Op> operations = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.add(new Op(method.name(), path, operation))));
        operations.sort(Comparator.comparing((Op op) -> op.method().equals("DELETE")).thenComparing(Op::name));
        return operations;
    }

    // ---- valid requests --------------------------------------------------------------------------------------------

    private Sent valid(Op op) {
        Map<String, String> headers = new LinkedHashMap<>();
        credential(op, headers);
        StringBuilder query = new StringBuilder();
        Map<String, String> pathValues = new HashMap<>();
        for (Parameter parameter : parameters(op)) {
            String value = parameterValue(op, parameter);
            if (value == null) {
                // A nullable optional parameter drew null: a valid request leaves it out (an empty ?limit= is no integer).
                if (Boolean.TRUE.equals(parameter.getRequired()) || "path".equals(parameter.getIn())) {
                    value = "";
                } else {
                    continue;
                }
            }
            switch (parameter.getIn()) {
                case "path" -> pathValues.put(parameter.getName(), value);
                case "query" -> {
                    if (Boolean.TRUE.equals(parameter.getRequired()) || random.nextBoolean()) {
                        query.append(query.isEmpty() ? "?" : "&").append(parameter.getName()).append('=').append(encode(value));
                    }
                }
                case "header" -> {
                    if (Boolean.TRUE.equals(parameter.getRequired()) || random.nextBoolean()) {
                        headers.put(parameter.getName(), value);
                    }
                }
                default -> {
                }
            }
        }
        byte[] body = null;
        MediaTypeAndSchema content = content(op);
        if (content != null) {
            headers.put("Content-Type", content.type());
            String form = content.type().contains("form") ? form(value(content.schema(), "form", 0)) : null;
            if (form != null && form.isEmpty() && Boolean.TRUE.equals(op.operation().getRequestBody().getRequired())) {
                form = encode(word()) + "=" + encode(word()); // a required form body has at least one field
            }
            body = form != null
                    ? form.getBytes(StandardCharsets.UTF_8)
                    : write(value(content.schema(), "body", 0)).getBytes(StandardCharsets.UTF_8);
        }
        return new Sent("valid", op.method(), expand(op.path(), pathValues) + query, headers, body);
    }

    private record MediaTypeAndSchema(String type, Schema<?> schema) {
    }

    private static MediaTypeAndSchema content(Op op) {
        if (op.operation().getRequestBody() == null || op.operation().getRequestBody().getContent() == null) {
            return null;
        }
        Map.Entry<String, MediaType> first = op.operation().getRequestBody().getContent().entrySet().iterator().next();
        String type = first.getKey().equals("*/*") ? "application/json" : first.getKey();
        Schema<?> schema = first.getValue().getSchema() == null ? new Schema<>().type("object") : first.getValue().getSchema();
        return new MediaTypeAndSchema(type, schema);
    }

    private static List<Parameter> parameters(Op op) {
        return op.operation().getParameters() == null ? List.of() : op.operation().getParameters();
    }

    /** The credential the operation asks for; where it allows several, one of them. */
    private void credential(Op op, Map<String, String> headers) {
        if (op.path().startsWith("/portal")) {
            headers.put("Cookie", portalCookie);
            return;
        }
        List<SecurityRequirement> security = op.operation().getSecurity();
        if (security == null || security.isEmpty()) {
            return;
        }
        String scheme = security.get(random.nextInt(security.size())).keySet().iterator().next();
        headers.put("Authorization", "Bearer " + switch (scheme) {
            case "adminToken" -> ADMIN_TOKEN;
            case "sessionToken" -> sessionToken;
            default -> key;
        });
    }

    /** A path, query or header parameter's value: the fixture it names, else one generated from its schema (null when it drew null). */
    private String parameterValue(Op op, Parameter parameter) {
        String path = op.path();
        String fixture = switch (parameter.getName()) {
            case "id" -> path.startsWith("/admin/v1/workspaces") ? fixtures.get("workspace")
                    : path.startsWith("/v1/webhooks") ? fixtures.get("webhook") : ACCOUNT;
            case "slug", "connector" -> path.contains("/apps/") && random.nextInt(4) == 0 ? OAUTH : KEYS;
            case "connectionId", "X-Connection-Id" -> fixtures.get("connection");
            case "deliveryId" -> fixtures.get("delivery");
            case "key" -> "channel";
            case "code" -> fixtures.get("code");
            case "path" -> "me";
            case "selector" -> random.nextBoolean() ? "liveness" : "readiness";
            case "X-Linked-Account-Id" -> ACCOUNT;
            case "Idempotency-Key" -> "idem-" + random.nextInt(1_000_000);
            default -> null;
        };
        if (fixture != null) {
            return fixture;
        }
        Object value = value(parameter.getSchema() == null ? new Schema<>().type("string") : parameter.getSchema(), parameter.getName(), 0);
        return value == null ? null : String.valueOf(value);
    }

    /** A value the schema allows, with fixture names where a string names a known object. */
    private Object value(Schema<?> schema, String name, int depth) {
        if (schema.getNullable() != null && schema.getNullable() && random.nextInt(20) == 0) {
            return null;
        }
        if (schema.getExample() != null && random.nextInt(3) == 0) {
            return schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(random.nextInt(schema.getEnum().size()));
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            return value(schema.getAllOf().get(0), name, depth);
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return value(schema.getOneOf().get(random.nextInt(schema.getOneOf().size())), name, depth);
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            return value(schema.getAnyOf().get(random.nextInt(schema.getAnyOf().size())), name, depth);
        }
        String type = schema.getType() != null ? schema.getType() : schema.getProperties() != null ? "object" : "string";
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> {
                List<Object> items = new ArrayList<>();
                int min = schema.getMinItems() == null ? 0 : schema.getMinItems();
                int max = schema.getMaxItems() == null ? min + 2 : schema.getMaxItems();
                int count = depth > 3 ? min : min + random.nextInt(Math.max(1, Math.min(max, min + 2) - min + 1));
                for (int i = 0; i < count; i++) {
                    items.add(schema.getItems() == null ? word() : value(schema.getItems(), name, depth + 1));
                }
                yield items;
            }
            case "integer" -> {
                long min = schema.getMinimum() != null ? schema.getMinimum().longValue() : 0;
                long max = schema.getMaximum() != null ? schema.getMaximum().longValue() : Math.max(min + 1000, 1000);
                yield min + (long) (random.nextDouble() * (max - min));
            }
            case "number" -> random.nextDouble() * 100;
            case "boolean" -> random.nextBoolean();
            default -> string(schema, name);
        };
    }

    private Map<String, Object> object(Schema<?> schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((property, propertySchema) -> {
                if (required.contains(property) || random.nextInt(5) < 3) {
                    object.put(property, value(propertySchema, property, depth + 1));
                }
            });
        }
        if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
            int count = depth > 3 ? 0 : random.nextInt(3);
            for (int i = 0; i < count; i++) {
                object.put(word(), schema.getAdditionalProperties() instanceof Schema<?> values ? value(values, "value", depth + 1) : word());
            }
        }
        return object;
    }

    private String string(Schema<?> schema, String name) {
        if ("date-time".equals(schema.getFormat())) {
            return "2026-12-01T10:00:00Z";
        }
        if (name.endsWith("url") || name.equals("url")) {
            return random.nextBoolean() ? provider.baseUrl() + "/x" : "https://app.acme.com/back";
        }
        if (name.endsWith("origins")) {
            return "https://app.acme.com";
        }
        return switch (name) {
            case "id", "linked_account_id" -> ACCOUNT;
            case "connector", "slug" -> KEYS;
            case "token" -> sessionToken;
            case "auth_type" -> "api_key";
            case "config_id" -> "default";
            default -> {
                String word = word();
                int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
                int max = schema.getMaxLength() == null ? 64 : schema.getMaxLength();
                while (word.length() < min) {
                    word += word();
                }
                yield word.length() > max ? word.substring(0, max) : word;
            }
        };
    }

    private static final String[] WORDS = {"acme", "plan", "pro", "x", "a-b", "C0123", "value", "Ünïcødé", "emoji-\uD83D\uDE00", "two words"};

    private String word() {
        return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : String.valueOf(random.nextInt(100)));
    }

    // ---- mutations -------------------------------------------------------------------------------------------------

    /** How a valid request is broken. */
    private enum Mutation {
        WRONG_TYPE, EMPTY_KEY, DUPLICATE_KEY, NUL, HUGE_NUMBER, HUGE_STRING, DEEP_NESTING, MISSING_REQUIRED, UNKNOWN_FIELD,
        NOT_JSON, WRONG_CONTENT_TYPE, BODY_WHERE_NONE, BAD_PATH_PARAMETER, BAD_QUERY_PARAMETER, BAD_HEADER, BAD_CREDENTIAL
    }

    private static final Object[] OTHER_TYPES = {123, -1, 1.5, true, false, "text", List.of(), Map.of(), List.of(1, "a"), Map.of("a", 1)};
    private static final String[] HUGE_NUMBERS = {"1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808",
            "-9223372036854775809", "1.7976931348623157e309", "4.9e-400", "0.00000000000000000000000000000000000000001", "-0", "1E+2147483648"};
    private static final String[] NOT_JSON = {"", "{", "}", "null", "[]", "[{}]", "\"text\"", "42", "{\"a\":", "{'a': 1}", "{\"a\" 1}",
            "{\"a\": 1,}", "{\"a\": NaN}", "\uFEFF{}", "<xml/>", "a=b&c=d", "{\"a\": \"\\x\"}", "{\"a\": \"\\u12\"}"};
    private static final String[] BAD_PARTS = {"%00", "a%00b", "%ED%A0%80", "%C0%80", "%FF%FE", "..", "%2F", "%20", "-1", "0",
            "99999999999999999999999", "%E2%80%AE", "x".repeat(5000), "%F0%9F%98%80"};

    private Sent mutated(Op op) {
        Sent valid = valid(op);
        Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
        boolean hasBody = valid.body() != null;
        if (!hasBody && mutation.ordinal() <= Mutation.WRONG_CONTENT_TYPE.ordinal()) {
            mutation = random.nextBoolean() ? Mutation.BODY_WHERE_NONE : Mutation.values()[Mutation.BAD_PATH_PARAMETER.ordinal() + random.nextInt(4)];
        }
        Map<String, String> headers = new LinkedHashMap<>(valid.headers());
        String uri = valid.uri();
        String body = valid.body() == null ? null : new String(valid.body(), StandardCharsets.UTF_8);
        MediaTypeAndSchema content = content(op);
        switch (mutation) {
            case WRONG_TYPE -> body = transform(op, tree -> replaceSomewhere(tree, OTHER_TYPES[random.nextInt(OTHER_TYPES.length)]));
            case EMPTY_KEY -> body = transform(op, tree -> putSomewhere(tree, random.nextBoolean() ? "" : " ", 1));
            case DUPLICATE_KEY -> body = duplicateKey(transform(op, tree -> putSomewhere(tree, "dup", "first")));
            case NUL -> body = random.nextBoolean()
                    ? transform(op, tree -> replaceSomewhere(tree, "a\u0000b"))
                    : transform(op, tree -> putSomewhere(tree, "k\u0000", "v"));
            case HUGE_NUMBER -> body = transform(op, tree -> replaceSomewhere(tree, "__HUGE__"))
                    .replace("\"__HUGE__\"", HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]);
            case HUGE_STRING -> {
                String huge = "x".repeat(random.nextBoolean() ? 70_000 : 1 << (18 + random.nextInt(4)));
                body = transform(op, tree -> random.nextBoolean() ? replaceSomewhere(tree, huge) : putSomewhere(tree, huge, "v"));
            }
            case DEEP_NESTING -> {
                int depth = random.nextBoolean() ? 600 : 20_000;
                String nested = random.nextBoolean()
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                body = random.nextInt(3) == 0 ? nested : transform(op, tree -> replaceSomewhere(tree, "__DEEP__")).replace("\"__DEEP__\"", nested);
            }
            case MISSING_REQUIRED -> body = transform(op, tree -> removeSomewhere(tree));
            case UNKNOWN_FIELD -> body = transform(op, tree -> putSomewhere(tree, "zz_unknown_" + random.nextInt(10), word()));
            case NOT_JSON -> body = NOT_JSON[random.nextInt(NOT_JSON.length)];
            case WRONG_CONTENT_TYPE -> headers.put("Content-Type", List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=latin1", "*/*", "").get(random.nextInt(7)));
            case BODY_WHERE_NONE -> {
                body = random.nextBoolean() ? "{\"a\": 1}" : NOT_JSON[random.nextInt(NOT_JSON.length)];
                headers.put("Content-Type", "application/json");
            }
            case BAD_PATH_PARAMETER -> uri = badPath(op, uri);
            case BAD_QUERY_PARAMETER -> uri = badQuery(op, uri);
            case BAD_HEADER -> badHeader(op, headers);
            case BAD_CREDENTIAL -> headers.put("Authorization", List.of("Bearer ", "Bearer lk_test_" + "x".repeat(40), "Basic Zm9vOmJhcg==",
                    "Bearer " + sessionToken + "x", "Bearer " + "y".repeat(9000), "bearer " + key, "Bearer " + ADMIN_TOKEN).get(random.nextInt(7)));
            default -> throw new IllegalStateException(mutation.name());
        }
        if (content != null && content.type().contains("form") && body != null && mutation.ordinal() <= Mutation.UNKNOWN_FIELD.ordinal()) {
            body = formFromJson(body);
        }
        return new Sent(mutation.name(), op.method(), uri, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON tree of a valid body, changed by {@code change}, written out. */
    private String transform(Op op, Function<Object, Object> change) {
        MediaTypeAndSchema content = content(op);
        Object tree = value(content.schema(), "body", 0);
        return write(change.apply(tree));
    }

    /** Replaces a value somewhere in the tree (a property's, an item's, or the whole). */
    @SuppressWarnings("unchecked")
    private Object replaceSomewhere(Object tree, Object replacement) {
        if (tree instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(4) != 0) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            String property = new ArrayList<>(copy.keySet()).get(random.nextInt(copy.size()));
            copy.put(property, replaceSomewhere(copy.get(property), replacement));
            return copy;
        }
        if (tree instanceof List<?> list && !list.isEmpty() && random.nextInt(4) != 0) {
            List<Object> copy = new ArrayList<>(list);
            int index = random.nextInt(copy.size());
            copy.set(index, replaceSomewhere(copy.get(index), replacement));
            return copy;
        }
        return replacement;
    }

    /** Adds a property to an object somewhere in the tree (the root when it is one). */
    @SuppressWarnings("unchecked")
    private Object putSomewhere(Object tree, String property, Object value) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            List<String> nested = copy.entrySet().stream().filter(e -> e.getValue() instanceof Map).map(Map.Entry::getKey).toList();
            if (!nested.isEmpty() && random.nextInt(3) == 0) {
                String into = nested.get(random.nextInt(nested.size()));
                copy.put(into, putSomewhere(copy.get(into), property, value));
            } else {
                copy.put(property, value);
            }
            return copy;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put(property, value);
        return wrapped;
    }

    @SuppressWarnings("unchecked")
    private Object removeSomewhere(Object tree) {
        if (tree instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.remove(new ArrayList<>(copy.keySet()).get(random.nextInt(copy.size())));
            return copy;
        }
        return tree;
    }

    /** The same key twice in one object: text no map can hold, so made on the JSON text. */
    private String duplicateKey(String json) {
        int at = json.indexOf("\"dup\":");
        return at < 0 ? json : json.substring(0, at) + "\"dup\": " + (random.nextBoolean() ? "\"second\"" : "{\"x\": 1}") + ", " + json.substring(at);
    }

    private String badPath(Op op, String uri) {
        List<String> names = new ArrayList<>();
        Matcher matcher = TEMPLATE.matcher(op.path());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        if (names.isEmpty()) {
            return badQuery(op, uri);
        }
        Map<String, String> values = new HashMap<>();
        for (Parameter parameter : parameters(op)) {
            if ("path".equals(parameter.getIn())) {
                values.put(parameter.getName(), encode(java.util.Objects.requireNonNullElse(parameterValue(op, parameter), "")));
            }
        }
        values.put(names.get(random.nextInt(names.size())), BAD_PARTS[random.nextInt(BAD_PARTS.length)]);
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?')) : "";
        return expandRaw(op.path(), values) + query;
    }

    private String badQuery(Op op, String uri) {
        List<String> names = parameters(op).stream().filter(p -> "query".equals(p.getIn())).map(Parameter::getName).collect(Collectors.toList());
        names.add(List.of("limit", "cursor", "zz_unknown", "config_id").get(random.nextInt(4)));
        String name = names.get(random.nextInt(names.size()));
        String value = random.nextInt(4) == 0 ? "" : BAD_PARTS[random.nextInt(BAD_PARTS.length)];
        return uri + (uri.contains("?") ? "&" : "?") + name + "=" + value + (random.nextInt(4) == 0 ? "&" + name + "=again" : "");
    }

    private void badHeader(Op op, Map<String, String> headers) {
        List<String> names = parameters(op).stream().filter(p -> "header".equals(p.getIn())).map(Parameter::getName).collect(Collectors.toList());
        names.add("Idempotency-Key");
        String name = names.get(random.nextInt(names.size()));
        headers.put(name, List.of("", " ", "x".repeat(9000), "nobody-here", "%00", "\"quoted\"", "a,b").get(random.nextInt(7)));
    }

    // ---- wire ------------------------------------------------------------------------------------------------------

    private HttpResponse<byte[]> send(Sent request) throws IOException, InterruptedException {
        return sendWith(http, request);
    }

    private HttpResponse<byte[]> sendWith(HttpClient client, Sent request) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(server.getURI() + request.uri()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!value.isEmpty() || !name.equals("Content-Type")) {
                builder.header(name, value);
            }
        });
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Request validatorRequest(Sent sent) {
        String path = sent.uri().contains("?") ? sent.uri().substring(0, sent.uri().indexOf('?')) : sent.uri();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(sent.method(), path);
        sent.headers().forEach(builder::withHeader);
        if (sent.uri().contains("?")) {
            for (String pair : sent.uri().substring(sent.uri().indexOf('?') + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                builder.withQueryParam(parts[0], parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        if (sent.body() != null) {
            builder.withBody(new String(sent.body(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static com.atlassian.oai.validator.model.Response validatorResponse(HttpResponse<byte[]> response, String body) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(builder::withHeader);
        if (!body.isEmpty()) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static String expand(String template, Map<String, String> values) {
        Map<String, String> encoded = new HashMap<>();
        values.forEach((name, value) -> encoded.put(name, encode(value)));
        return expandRaw(template, encoded);
    }

    private static String expandRaw(String template, Map<String, String> values) {
        return TEMPLATE.matcher(template).replaceAll(match -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), "x")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String write(Object tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String form(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            return "";
        }
        return map.entrySet().stream().map(e -> encode(String.valueOf(e.getKey())) + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    /** A broken JSON body, for a form operation, as form fields: its text as one field's value. */
    private static String formFromJson(String body) {
        return "csrf=" + encode(body);
    }
}
