package dev.latchkey.bootstrap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The OpenAPI document as a contract: checks one exchange of an HTTP test (the request as sent, the
 * answer as received) against the document the server serves, with Atlassian's
 * swagger-request-validator. A difference is a failure naming what the document and the server disagree on.
 */
final class OpenApiContract {
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(document())
            .build();

    private OpenApiContract() {
    }

    /** Paths the server answers that are deliberately not operations of the document: the document itself and its UI. */
    private static final List<String> THE_DOCUMENT_ITSELF = List.of("/openapi.yml", "/docs", "/swagger/", "/swagger-ui/");
    private static final String PROXY = "/v1/proxy/";
    /** The answers a route the document does not have may give: not found, method not allowed, or a refused path. */
    private static final Set<Integer> NO_SUCH_ROUTE = Set.of(400, 404, 405);

    /**
     * Every disagreement between the exchange and the document; empty when it conforms. A request the
     * server refused (4xx) is expected to break the document's rules, as the tests send such requests on
     * purpose: then only the answer is checked.
     * <ul>
     * <li>HEAD is GET without the body (RFC 9110; Micronaut answers it beside every GET): it is checked
     *     against the GET operation, but for the body it leaves out.</li>
     * <li>A CORS preflight (OPTIONS with Access-Control-Request-Method) is answered by the CORS filter,
     *     before any route: it is no operation, and not checked.</li>
     * <li>A request for a route the document does not have (the tests send some on purpose) must get a
     *     problem+json 400, 404 or 405; the document and its UI are not in the document, by design.</li>
     * <li>The proxy's {path} is the rest of the URL, slashes included, which OpenAPI cannot say: the rest
     *     is checked as one {path} segment; the provider may answer no body, which OpenAPI 3.0 cannot say either.</li>
     * </ul>
     */
    static List<String> violations(HttpRequest<?> request, JsonMapper json, ApiTest.Reply reply) {
        String path = request.getPath();
        if (THE_DOCUMENT_ITSELF.stream().anyMatch(prefix -> prefix.endsWith("/") ? path.startsWith(prefix) : path.equals(prefix))
                || isPreflight(request)) {
            return List.of();
        }
        boolean head = request.getMethod() == HttpMethod.HEAD;
        Request.Method method = head ? Request.Method.GET : Request.Method.valueOf(request.getMethodName());
        String documentedPath = asDocumented(path);
        ValidationReport report = head || reply.status() >= 400 && reply.status() < 500
                ? VALIDATOR.validateResponse(documentedPath, method, response(reply))
                : VALIDATOR.validate(request(request, documentedPath, json), response(reply));
        List<String> violations = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR
                    || (head || path.startsWith(PROXY)) && message.getKey().equals("validation.response.body.missing")) {
                continue;
            }
            if (NO_ROUTE_KEYS.contains(message.getKey())) {
                if (NO_SUCH_ROUTE.contains(reply.status()) && reply.contentType().filter(type -> type.startsWith("application/problem+json")).isPresent()) {
                    continue;
                }
                violations.add(request.getMethodName() + " " + path + " -> " + reply.status() + ": answered for a route the document does not have"
                        + " (" + message.getMessage() + ")");
                continue;
            }
            violations.add(request.getMethodName() + " " + path + " -> " + reply.status() + ": " + message.getMessage());
        }
        return violations;
    }

    /**
     * Every disagreement between an exchange the fuzzer made and the document: the whole exchange for
     * a request meant to be valid, only the answer for a request broken on purpose.
     */
    static List<String> violations(Request request, com.atlassian.oai.validator.model.Response response, boolean requestToo) {
        ValidationReport report = requestToo
                ? VALIDATOR.validate(request, response)
                : VALIDATOR.validateResponse(request.getPath(), request.getMethod(), response);
        // As for the tests' own traffic (above): a HEAD answer and a provider's answer through the proxy may have no body.
        boolean mayLackBody = request.getMethod() == Request.Method.HEAD || request.getPath().startsWith(PROXY);
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !(mayLackBody && message.getKey().equals("validation.response.body.missing")))
                .map(message -> request.getMethod() + " " + request.getPath() + " -> " + response.getStatus() + ": " + message.getMessage())
                .toList();
    }

    /** The document as swagger-parser's model, every reference resolved in place: for walking its operations and schemas. */
    static io.swagger.v3.oas.models.OpenAPI model() {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new io.swagger.v3.parser.OpenAPIV3Parser().readContents(document(), null, options).getOpenAPI();
    }

    private static final Set<String> NO_ROUTE_KEYS = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private static boolean isPreflight(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.OPTIONS && request.getHeaders().contains("Access-Control-Request-Method");
    }

    /** A proxy path with the provider's path as the one {path} segment it is documented as; any other path as it is. */
    private static String asDocumented(String path) {
        if (!path.startsWith(PROXY)) {
            return path;
        }
        int connectorEnd = path.indexOf('/', PROXY.length());
        if (connectorEnd < 0) {
            return path;
        }
        return path.substring(0, connectorEnd + 1) + path.substring(connectorEnd + 1).replace("/", "%2F");
    }

    private static Request request(HttpRequest<?> request, String path, JsonMapper json) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethodName(), path);
        request.getHeaders().forEach((name, values) -> builder.withHeader(name, values));
        request.getParameters().forEach((name, values) -> builder.withQueryParam(name, values));
        request.getBody().ifPresent(body -> builder.withBody(body instanceof CharSequence text ? text.toString() : write(json, body)));
        return builder.build();
    }

    private static com.atlassian.oai.validator.model.Response response(ApiTest.Reply reply) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(reply.status());
        reply.headers().forEach((name, values) -> builder.withHeader(name, values));
        if (!reply.text().isEmpty()) {
            builder.withBody(reply.text());
        }
        return builder.build();
    }

    private static String write(JsonMapper json, Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document the server serves, as text. */
    static String document() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream("META-INF/swagger/openapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/swagger/openapi.yml is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
