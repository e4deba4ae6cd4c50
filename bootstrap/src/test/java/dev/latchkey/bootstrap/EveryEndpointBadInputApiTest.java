package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.security.Roles;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store (U+0000, a lone UTF-16 surrogate) and JSON that means two things at
 * once (an empty key, a key sent twice) are refused by every endpoint, with a 400 naming the field:
 * never a 500. The endpoints are found by walking the router, so a new one is covered without an
 * edit here; each is called with the credential its {@code @Secured} asks for.
 */
@MicronautTest(transactional = false)
class EveryEndpointBadInputApiTest extends ApiTest {
    private static final String ACCOUNT = "cust-bad-input";
    private static final Pattern QUERY_VARIABLES = Pattern.compile("\\{\\?([^}]+)}");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^?}][^}]*)}");

    /** A bad JSON body, the field its error must name, and words its message must hold. */
    private record BadBody(String description, String json, String field, String says) {
    }

    private static final List<BadBody> BAD_BODIES = List.of(
            new BadBody("an empty key", "{\"\": 1, \"id\": \"x\"}", "body", "empty"),
            new BadBody("a duplicate key", "{\"dup\": \"a\", \"dup\": \"b\"}", "dup", "more than once"),
            new BadBody("NUL in a value", "{\"text\": \"a\\u0000b\"}", "text", "U+0000"),
            new BadBody("NUL in a key", "{\"a\\u0000b\": \"x\"}", "a\\u0000b", "U+0000"),
            new BadBody("NUL deep in an object", "{\"metadata\": {\"plan\": {\"tiers\": [\"pro\", \"x\\u0000\"]}}}",
                    "metadata.plan.tiers[1]", "U+0000"),
            new BadBody("NUL in a nested key", "{\"metadata\": {\"pl\\u0000an\": 1}}", "metadata.pl\\u0000an", "U+0000"),
            new BadBody("an empty nested key", "{\"metadata\": {\"\": 1}}", "metadata", "empty"),
            new BadBody("a duplicate nested key", "{\"metadata\": {\"plan\": 1, \"plan\": 2}}", "metadata.plan", "more than once"),
            new BadBody("a blank key", "{\" \": 1}", "body", "blank"),
            new BadBody("a blank nested key", "{\"metadata\": {\"\\t\": 1}}", "metadata", "blank"),
            new BadBody("a lone high surrogate", "{\"text\": \"\\ud800\"}", "text", "surrogate"),
            new BadBody("a lone low surrogate", "{\"text\": \"a\\udc00b\"}", "text", "surrogate"),
            new BadBody("surrogates in the wrong order", "{\"metadata\": {\"plan\": \"\\udc00\\ud800\"}}", "metadata.plan", "surrogate"));

    /** Bad text for a path segment or a query value: percent-encoded NUL, a lone surrogate's bytes, nothing. */
    private static final List<String> BAD_PARTS = List.of("%00", "a%00b", "%ED%A0%80", "%C0%80");

    @Inject
    Router router;
    @Inject
    EmbeddedServer server;

    private String key;
    private String sessionToken;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // The portal's first visit answers a redirect that sets its cookie.
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
        assertThat(post("/v1/linked-accounts", Map.of("id", ACCOUNT), key).status()).isEqualTo(201);
        sessionToken = (String) post("/v1/session-tokens", Map.of("linked_account_id", ACCOUNT), key).get("token");
    }

    @Test
    void the_router_walk_finds_the_json_endpoints() {
        List<String> endpoints = jsonBodyRoutes().stream().map(EveryEndpointBadInputApiTest::describe).toList();

        assertThat(endpoints).contains("POST /v1/linked-accounts", "PATCH /v1/linked-accounts/{id}", "PUT /v1/branding",
                "POST /admin/v1/workspaces", "POST /v1/apps/{slug}/connect", "PUT /v1/apps/{slug}/config{?config_id}");
    }

    @Test
    void every_json_endpoint_refuses_each_bad_body_with_a_400_naming_the_field() {
        Map<String, String> failures = new LinkedHashMap<>();
        for (UriRouteInfo<?, ?> route : jsonBodyRoutes()) {
            for (BadBody bad : BAD_BODIES) {
                MutableHttpRequest<?> request = HttpRequest.create(route.getHttpMethod(), expand(route, Map.of()))
                        .body(bad.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
                Reply reply = call(authenticated(route, request));
                boolean named = reply.list("errors") != null && reply.list("errors").stream().anyMatch(error ->
                        bad.field().equals(error.get("field")) && String.valueOf(error.get("message")).contains(bad.says()));
                if (reply.status() != 400 || !isProblem(reply) || !"validation_failed".equals(reply.get("code")) || !named) {
                    failures.put(describe(route) + " with " + bad.description(), reply.status() + " " + reply.text());
                }
            }
        }

        assertThat(failures).as("endpoints that did not answer 400 validation_failed naming the field").isEmpty();
    }

    @Test
    void bad_text_in_any_path_parameter_is_a_4xx_problem_never_a_500_and_nul_is_400_naming_the_parameter() {
        Map<String, String> failures = new LinkedHashMap<>();
        for (UriRouteInfo<?, ?> route : allRoutes()) {
            for (String variable : pathVariables(route)) {
                for (String bad : BAD_PARTS) {
                    String uri = expand(route, Map.of(variable, bad));
                    MutableHttpRequest<?> request = HttpRequest.create(route.getHttpMethod(), uri);
                    if (route.getBodyArgument().isPresent()) {
                        request.body("{}").contentType(jsonOrForm(route));
                    }
                    Reply reply = call(authenticated(route, request));
                    boolean refusedAsNul = !bad.contains("%00") || refusedNaming(reply, variable, route);
                    if (!isClientError(route, reply) || !refusedAsNul) {
                        failures.put(route.getHttpMethod() + " " + uri, reply.status() + " " + reply.text());
                    }
                }
            }
        }

        assertThat(failures).as("routes that did not answer a 4xx for bad text in a path parameter").isEmpty();
    }

    @Test
    void bad_or_empty_text_in_any_query_parameter_is_ignored_or_a_4xx_problem_never_a_500_and_nul_is_400_naming_it() {
        Map<String, String> failures = new LinkedHashMap<>();
        for (UriRouteInfo<?, ?> route : allRoutes()) {
            for (String parameter : queryVariables(route)) {
                for (String bad : concat(BAD_PARTS, "")) {
                    String uri = expand(route, Map.of()) + (expand(route, Map.of()).contains("?") ? "&" : "?") + parameter + "=" + bad;
                    MutableHttpRequest<?> request = HttpRequest.create(route.getHttpMethod(), uri);
                    if (route.getBodyArgument().isPresent()) {
                        request.body("{}").contentType(jsonOrForm(route));
                    }
                    Reply reply = call(authenticated(route, request));
                    boolean refusedAsNul = !bad.contains("%00") || refusedNaming(reply, parameter, route);
                    if (reply.status() >= 500 || (reply.status() >= 400 && !isClientError(route, reply)) || !refusedAsNul) {
                        failures.put(route.getHttpMethod() + " " + uri, reply.status() + " " + reply.text());
                    }
                }
            }
        }

        assertThat(failures).as("routes that failed on bad text in a query parameter").isEmpty();
    }

    @Test
    void nul_in_a_path_no_route_matches_is_400_naming_the_path() {
        Reply reply = get("/v1/no-such-thing/a%00b", key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("path");
    }

    @Test
    void a_raw_nul_byte_in_a_header_is_a_4xx_never_a_500() {
        for (String header : List.of("X-Linked-Account-Id: cust\u0000bad", "X-Custom: a\u0000b", "Authorization: Bearer " + key + "\u0000")) {
            String request = "GET /v1/apps HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n" + header
                    + "\r\nConnection: close\r\n\r\n";

            assertThat(rawStatus(request)).as(header.replace("\u0000", "\\0")).isBetween(400, 499);
        }
    }

    @Test
    void nul_in_a_portal_form_is_400_naming_the_form_field_and_nothing_is_connected() {
        String code = ((String) post("/v1/connect-links", Map.of("linked_account_id", ACCOUNT), key).get("url")).replaceAll(".*/connect/", "");
        String setCookie = call(HttpRequest.GET("/connect/" + code)).headers().get("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(call(HttpRequest.GET("/portal/apps/stripe").header("Cookie", cookie)).text());
        assertThat(csrf.find()).as("a CSRF token in the page").isTrue();

        Map.of("auth_type=api_key&credentials.api_key=sk_test_%00", "credentials.api_key", "auth_type=api_key%00&credentials.api_key=sk",
                "auth_type", "auth_type=api_key&params.a%00b=x&credentials.api_key=sk", "params.a\\u0000b").forEach((form, field) -> {
            Reply reply = call(HttpRequest.POST("/portal/apps/stripe/connect", "_csrf=" + csrf.group(1) + "&" + form)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).header("Cookie", cookie));

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as(form).containsExactly(field);
        });
        assertThat(get("/v1/linked-accounts/" + ACCOUNT + "/connections", key).list("data")).isEmpty();
    }

    private List<UriRouteInfo<?, ?>> allRoutes() {
        return router.uriRoutes().<UriRouteInfo<?, ?>>map(r -> r)
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/v1/") || r.getUriMatchTemplate().toString().startsWith("/admin/")
                        || isPortal(r) || r.getUriMatchTemplate().toString().startsWith("/oauth/"))
                .toList();
    }

    /** Every route whose method reads a JSON body. */
    private List<UriRouteInfo<?, ?>> jsonBodyRoutes() {
        return allRoutes().stream()
                .filter(r -> r.getBodyArgument().isPresent())
                .filter(r -> !r.explicitlyConsumes(MediaType.APPLICATION_FORM_URLENCODED_TYPE))
                .toList();
    }

    /** The request with the credential the route is secured with. */
    private MutableHttpRequest<?> authenticated(UriRouteInfo<?, ?> route, MutableHttpRequest<?> request) {
        List<String> roles = Arrays.asList(route.getAnnotationMetadata().stringValues(Secured.class));
        if (roles.contains(Roles.API_KEY)) {
            return request.bearerAuth(key).header("X-Linked-Account-Id", ACCOUNT);
        }
        if (roles.contains(Roles.SESSION)) {
            return request.bearerAuth(sessionToken);
        }
        if (roles.contains(Roles.ADMIN)) {
            return request.bearerAuth(ADMIN_TOKEN);
        }
        assertThat(roles).as("roles of %s", describe(route)).contains(SecurityRule.IS_ANONYMOUS);
        return request;
    }

    /** The route's URI with real values (the test's linked account, a built-in connector), {@code overrides} taking precedence. */
    private static String expand(UriRouteInfo<?, ?> route, Map<String, String> overrides) {
        String path = QUERY_VARIABLES.matcher(route.getUriMatchTemplate().toString()).replaceAll("");
        Matcher m = PATH_VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = overrides.getOrDefault(name, switch (name) {
                case "id" -> path.startsWith("/v1/linked-accounts") ? ACCOUNT : UUID.randomUUID().toString();
                case "slug" -> "stripe";
                case "key" -> "channel";
                default -> UUID.randomUUID().toString();
            });
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> pathVariables(UriRouteInfo<?, ?> route) {
        String path = QUERY_VARIABLES.matcher(route.getUriMatchTemplate().toString()).replaceAll("");
        List<String> names = new ArrayList<>();
        Matcher m = PATH_VARIABLE.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> queryVariables(UriRouteInfo<?, ?> route) {
        Matcher m = QUERY_VARIABLES.matcher(route.getUriMatchTemplate().toString());
        return m.find() ? List.of(m.group(1).split(",")) : List.of();
    }

    private static String jsonOrForm(UriRouteInfo<?, ?> route) {
        return route.explicitlyConsumes(MediaType.APPLICATION_FORM_URLENCODED_TYPE) ? MediaType.APPLICATION_FORM_URLENCODED
                : MediaType.APPLICATION_JSON;
    }

    private static boolean isPortal(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString();
        return template.startsWith("/portal") || template.startsWith("/connect/");
    }

    /** A 400 validation_failed naming {@code field} (HEAD answers have no body to name it in). */
    private static boolean refusedNaming(Reply reply, String field, UriRouteInfo<?, ?> route) {
        return reply.status() == 400 && (route.getHttpMethod() == HttpMethod.HEAD
                || "validation_failed".equals(reply.get("code")) && reply.errorFields().contains(field));
    }

    private static boolean isProblem(Reply reply) {
        return reply.contentType().map(type -> type.startsWith("application/problem+json")).orElse(false);
    }

    /** A 4xx, as problem+json from the API (the portal answers its pages and its script in their own shapes). */
    private static boolean isClientError(UriRouteInfo<?, ?> route, Reply reply) {
        return reply.status() >= 400 && reply.status() < 500 && (isProblem(reply) || isPortal(route) || route.getHttpMethod() == HttpMethod.HEAD);
    }

    private static String describe(UriRouteInfo<?, ?> route) {
        return route.getHttpMethod() + " " + route.getUriMatchTemplate();
    }

    private static List<String> concat(List<String> list, String extra) {
        List<String> out = new ArrayList<>(list);
        out.add(extra);
        return out;
    }

    /** Sends bytes no HTTP client would (a NUL in a header) and returns the status code of the answer. */
    private int rawStatus(String request) {
        try (Socket socket = new Socket("localhost", server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            assertThat(parts).as("status line %s", statusLine).hasSizeGreaterThan(1);
            return Integer.parseInt(parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
