package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is generated from the code, but only from what is annotated: a route can
 * exist undocumented and a documented operation can outlive its route. Both are checked here
 * against the router of the running server, in both directions.
 */
@MicronautTest(transactional = false)
class DocumentCoversRoutesApiTest extends ApiTest {
    /**
     * Routes the server answers that are not part of the API a client integrates with, each for a reason:
     * the document itself and the redirect to its UI.
     */
    private static final Set<String> NOT_DOCUMENTED = Set.of(
            "GET /openapi.yml",
            "GET /docs");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Inject
    Router router;

    @Test
    void every_route_the_server_answers_is_documented() {
        Set<String> documented = documentedOperations();

        Set<String> undocumented = routes().stream()
                .filter(route -> !documented.contains(route) && !NOT_DOCUMENTED.contains(route))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(undocumented).isEmpty();
    }

    @Test
    void every_documented_operation_is_a_route_of_the_server() {
        Set<String> routes = routes();

        Set<String> invented = documentedOperations().stream()
                .filter(operation -> !routes.contains(operation) && !NOT_ROUTED.contains(operation))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(invented).isEmpty();
    }

    /**
     * What the server answers before any route is chosen belongs to every operation, as OpenAPI 3.0 has no
     * server-wide responses: 414 and 431 (a request line or headers it cannot read) on each, and 413 on
     * each that takes a body (a body past what the server holds).
     */
    @Test
    @SuppressWarnings("unchecked")
    void every_operation_documents_the_refusals_made_before_routing() {
        Map<String, Object> document = new Yaml().load(get("/openapi.yml", null).text());
        Set<String> missing = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            Set<String> statuses = ((Map<String, Object>) operation.get("responses")).keySet();
            Set<String> expected = new TreeSet<>(Set.of("414", "431"));
            if (operation.containsKey("requestBody")) {
                expected.add("413");
            }
            expected.removeAll(statuses);
            if (!expected.isEmpty()) {
                missing.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path + " lacks " + expected);
            }
        }));

        assertThat(missing).isEmpty();
    }

    /** Served outside the router: the signing proxy is a Netty handler in front of it, on its own path prefix. */
    private static final Set<String> NOT_ROUTED = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD").stream()
            .map(method -> method + " /v1/proxy/{}/{}")
            .collect(Collectors.toSet());

    /**
     * The router's routes, but for the HEAD route Micronaut adds beside every GET: HEAD is GET without
     * the body (RFC 9110), so documenting the GET documents it.
     */
    private Set<String> routes() {
        Set<String> routes = router.uriRoutes()
                .map(route -> route.getHttpMethodName() + " " + normalize(route.getUriMatchTemplate().toPathString()))
                .collect(Collectors.toCollection(TreeSet::new));
        routes.removeIf(route -> route.startsWith("HEAD ") && routes.contains("GET " + route.substring("HEAD ".length())));
        return routes;
    }

    @SuppressWarnings("unchecked")
    private Set<String> documentedOperations() {
        Map<String, Object> document = new Yaml().load(get("/openapi.yml", null).text());
        Set<String> operations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + normalize(path))));
        return operations;
    }

    /** Path variables are compared by position, not by name: {id} and {connectionId} are both {}. */
    private static String normalize(String path) {
        String withoutQuery = path.replaceAll("\\{[?&][^}]*}", "");
        String trimmed = withoutQuery.length() > 1 && withoutQuery.endsWith("/") ? withoutQuery.substring(0, withoutQuery.length() - 1) : withoutQuery;
        return (trimmed.startsWith("/") ? trimmed : "/" + trimmed).replaceAll("\\{[^}]*}", "{}");
    }
}
