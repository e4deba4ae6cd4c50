package dev.latchkey.bootstrap;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document's examples work as they are: every operation that takes a JSON body is sent the way
 * /docs ("Try it out") fills it in — the media type's example, else one built from the schema's
 * examples, with Swagger UI's placeholders where a property has none — with its path parameters'
 * examples, and must get the success status the document promises. The examples build on each other
 * as a reader's would (the linked account an example creates is the one the next examples name), so
 * the operations are sent round after round until none more succeeds; any left over fails the test
 * with the answer it got. One value no document can hold is put in as a reader would: the session
 * token to revoke, which only this server can issue.
 */
@MicronautTest(transactional = false)
class DocumentExamplesApiTest extends ApiTest {
    /** The operations whose body /docs cannot fill: the proxy's is the provider's, whatever that is. */
    private static final String PROXY = "/v1/proxy/";

    @Test
    void every_documented_example_request_succeeds_as_it_is() {
        OpenAPI document = parse();
        String key = newWorkspaceKey();
        List<Example> pending = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!path.startsWith(PROXY) && operation.getRequestBody() != null
                    && operation.getRequestBody().getContent().containsKey("application/json")) {
                pending.add(example(method.name(), path, operation));
            }
        }));
        assertThat(pending).as("operations with a JSON body").hasSizeGreaterThan(10);

        Map<Example, Reply> lastAnswers = new LinkedHashMap<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (Example example : List.copyOf(pending)) {
                Reply reply = send(example, key);
                if (example.successes().contains(String.valueOf(reply.status()))) {
                    pending.remove(example);
                    lastAnswers.remove(example);
                    progress = true;
                } else {
                    lastAnswers.put(example, reply);
                }
            }
        }
        assertThat(lastAnswers.entrySet().stream()
                .map(e -> e.getKey().method() + " " + e.getKey().uri() + " " + e.getKey().body() + " -> " + e.getValue().status() + " " + e.getValue().text())
                .toList())
                .as("documented examples that do not get their documented status")
                .isEmpty();
    }

    /** A documented request as /docs would send it. */
    record Example(String method, String uri, String body, String security, List<String> successes) {
    }

    private Example example(String method, String path, Operation operation) {
        String uri = path;
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            if ("path".equals(parameter.getIn())) {
                Object value = parameter.getExample() != null ? parameter.getExample()
                        : parameter.getSchema() != null ? parameter.getSchema().getExample() : null;
                assertThat(value).as("the example of %s %s's path parameter %s (/docs cannot send it without one)", method, path, parameter.getName())
                        .isNotNull();
                uri = uri.replace("{" + parameter.getName() + "}", String.valueOf(value));
            }
        }
        MediaType media = operation.getRequestBody().getContent().get("application/json");
        Object body = media.getExample() != null ? media.getExample() : SwaggerUiExamples.of(media.getSchema());
        String security = operation.getSecurity() == null || operation.getSecurity().isEmpty() ? ""
                : operation.getSecurity().get(0).keySet().iterator().next();
        List<String> successes = operation.getResponses().keySet().stream().filter(status -> status.startsWith("2")).toList();
        assertThat(successes).as("success statuses of %s %s", method, path).isNotEmpty();
        return new Example(method, uri, SwaggerUiExamples.json(body), security, successes);
    }

    private Reply send(Example example, String key) {
        String body = example.uri().equals("/v1/session-tokens/revoke")
                ? SwaggerUiExamples.json(Map.of("token", sessionToken(key)))
                : example.body();
        MutableHttpRequest<String> request = HttpRequest.<String>create(HttpMethod.valueOf(example.method()), example.uri())
                .body(body).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
        String bearer = switch (example.security()) {
            case "adminToken" -> ADMIN_TOKEN;
            case "sessionToken" -> sessionToken(key);
            default -> key;
        };
        return call(request, bearer);
    }

    /** A session token for the linked account the examples name, once an example has created it. */
    private String sessionToken(String key) {
        Reply token = post("/v1/session-tokens", Map.of("linked_account_id", "cust-42"), key);
        return token.status() == 201 ? (String) token.get("token") : "no-session-token-yet";
    }

    private static OpenAPI parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new OpenAPIV3Parser().readContents(OpenApiContract.document(), null, options).getOpenAPI();
    }

    /** How Swagger UI fills in a body from a schema (its sampler's rules, for what this document uses). */
    static final class SwaggerUiExamples {
        private SwaggerUiExamples() {
        }

        static Object of(Schema<?> schema) {
            if (schema == null) {
                return "string";
            }
            if (schema.getExample() != null) {
                return schema.getExample();
            }
            if (schema.getAllOf() != null) {
                Map<String, Object> merged = new LinkedHashMap<>();
                for (Schema<?> part : schema.getAllOf()) {
                    if (of(part) instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> merged.put((String) k, v));
                    } else {
                        return of(part);
                    }
                }
                return merged;
            }
            if (schema.getOneOf() != null) {
                return of(schema.getOneOf().get(0));
            }
            if (schema.getAnyOf() != null) {
                return of(schema.getAnyOf().get(0));
            }
            if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                return schema.getEnum().get(0);
            }
            String type = schema.getType() != null ? schema.getType()
                    : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next()
                    : schema.getProperties() != null ? "object" : "string";
            return switch (type) {
                case "object" -> object(schema);
                case "array" -> List.of(of(schema.getItems()));
                case "integer", "number" -> 0;
                case "boolean" -> true;
                default -> switch (String.valueOf(schema.getFormat())) {
                    case "date-time" -> "2026-12-05T10:00:00.000Z";
                    case "uri", "url" -> "https://example.com/";
                    case "email" -> "user@example.com";
                    case "uuid" -> "3fa85f64-5717-4562-b3fc-2c963f66afa6";
                    default -> "string";
                };
            };
        }

        private static Map<String, Object> object(Schema<?> schema) {
            Map<String, Object> object = new LinkedHashMap<>();
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((name, property) -> {
                    if (!Boolean.TRUE.equals(property.getReadOnly())) {
                        object.put(name, of(property));
                    }
                });
            } else if (schema.getAdditionalProperties() != null && !Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                Object value = schema.getAdditionalProperties() instanceof Schema<?> values ? of(values) : Map.of();
                for (int i = 1; i <= 3; i++) {
                    object.put("additionalProp" + i, value);
                }
            }
            return object;
        }

        static String json(Object value) {
            try {
                return io.swagger.v3.core.util.Json.mapper().writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
