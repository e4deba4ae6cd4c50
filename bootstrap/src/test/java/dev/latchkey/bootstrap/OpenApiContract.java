package dev.latchkey.bootstrap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * Every disagreement between the exchange and the document; empty when it conforms. A request the
     * server refused (4xx) is expected to break the document's rules, as the tests send such requests on
     * purpose: then only the answer is checked.
     */
    static List<String> violations(HttpRequest<?> request, JsonMapper json, ApiTest.Reply reply) {
        ValidationReport report = reply.status() >= 400 && reply.status() < 500
                ? VALIDATOR.validateResponse(request.getPath(), Request.Method.valueOf(request.getMethodName()), response(reply))
                : VALIDATOR.validate(request(request, json), response(reply));
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> request.getMethodName() + " " + request.getPath() + " -> " + reply.status() + ": " + message.getMessage())
                .collect(Collectors.toList());
    }

    /**
     * Every disagreement between an exchange the fuzzer made and the document: the whole exchange for
     * a request meant to be valid, only the answer for a request broken on purpose.
     */
    static List<String> violations(Request request, com.atlassian.oai.validator.model.Response response, boolean requestToo) {
        ValidationReport report = requestToo
                ? VALIDATOR.validate(request, response)
                : VALIDATOR.validateResponse(request.getPath(), request.getMethod(), response);
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> request.getMethod() + " " + request.getPath() + " -> " + response.getStatus() + ": " + message.getMessage())
                .collect(Collectors.toList());
    }

    /** The document as swagger-parser's model, every reference resolved in place: for walking its operations and schemas. */
    static io.swagger.v3.oas.models.OpenAPI model() {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new io.swagger.v3.parser.OpenAPIV3Parser().readContents(document(), null, options).getOpenAPI();
    }

    private static Request request(HttpRequest<?> request, JsonMapper json) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethodName(), request.getPath());
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

    private static String document() {
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
