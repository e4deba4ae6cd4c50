package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.support.TestPostgres;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.CreateWorkspaceUseCase;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP tests: the whole service on a random port, on a fresh PostgreSQL database,
 * called through Micronaut's HTTP client as a company's backend or frontend would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTest implements TestPropertyProvider {
    protected static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789abcdef";
    protected static final String SESSION_SECRET = "session-secret-for-tests-0123456789abcdef";
    protected static final String ENCRYPTION_KEYS = "test1:" + java.util.Base64.getEncoder().encodeToString(
            "an-aes-256-key-for-tests-32-byte".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    static {
        TestSecrets.register(ADMIN_TOKEN, SESSION_SECRET, ENCRYPTION_KEYS, ENCRYPTION_KEYS.substring("test1:".length()));
    }

    @Inject
    @Client("/")
    protected HttpClient client;
    @Inject
    protected JsonMapper json;
    @Inject
    protected CreateWorkspaceUseCase createWorkspace;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestPostgres.freshDatabaseProperties());
        properties.put("latchkey.session-secret", SESSION_SECRET);
        properties.put("latchkey.admin-token", ADMIN_TOKEN);
        properties.put("latchkey.encryption-keys", ENCRYPTION_KEYS);
        // Providers in tests (WireMock, mock-oauth2-server) listen on loopback.
        properties.put("latchkey.allow-private-network", "true");
        // A free port, not application.yml's 8080: test runs of other checkouts on the machine may hold it.
        // (A concrete one, not -1: the first-start banner reads the configured port.)
        properties.put("micronaut.server.port", String.valueOf(freePort()));
        return properties;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new workspace; returns its API key. */
    protected String newWorkspaceKey() {
        String name = getClass().getSimpleName().toLowerCase() + "-" + WORKSPACES.incrementAndGet();
        String key = createWorkspace.create(new CreateWorkspaceCommand(new WorkspaceName(name), Environment.TEST)).secret().reveal();
        TestSecrets.register(key);
        return key;
    }

    /** What came back: status, headers and the body parsed as JSON (or empty). */
    public record Reply(int status, HttpHeaders headers, String text, Map<String, Object> body) {
        public Object get(String field) {
            return body.get(field);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) body.get(field);
        }

        public Optional<String> contentType() {
            return Optional.ofNullable(headers.get(HttpHeaders.CONTENT_TYPE));
        }

        /** The field names of a problem's errors. */
        @SuppressWarnings("unchecked")
        public List<String> errorFields() {
            return ((List<Map<String, Object>>) body.getOrDefault("errors", List.of())).stream()
                    .map(e -> (String) e.get("field")).toList();
        }
    }

    protected Reply call(MutableHttpRequest<?> request, String bearer) {
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return call(request);
    }

    protected Reply call(HttpRequest<?> request) {
        return call(client, request);
    }

    /** Calls another instance of the service (or any server) through {@code target}. */
    protected Reply call(HttpClient target, HttpRequest<?> request) {
        registerSecrets(request);
        Reply reply;
        try {
            HttpResponse<String> response = target.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            reply = reply(response, response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            reply = reply(e.getResponse(), e.getResponse().getBody(String.class).orElse(""));
        }
        TestSecrets.registerFields(reply.body());
        if (checksContract() && target == client && !isTestFixture(request.getPath())) {
            assertThat(OpenApiContract.violations(request, json, reply)).as("where the exchange and /openapi.yml disagree").isEmpty();
        }
        return reply;
    }

    /** The credential a request presents and the secret-named fields of its body, for {@link NoSecretInLogExtension}. */
    private void registerSecrets(HttpRequest<?> request) {
        request.getHeaders().getAuthorization().map(value -> value.replaceFirst("(?i)^(Bearer|Basic) ", "")).ifPresent(TestSecrets::register);
        request.getBody().ifPresent(body -> {
            try {
                String text = body instanceof CharSequence chars ? chars.toString() : json.writeValueAsString(body);
                if (text.strip().startsWith("{") || text.strip().startsWith("[")) {
                    TestSecrets.registerFields(json.readValue(text, Argument.OBJECT_ARGUMENT));
                }
            } catch (IOException | RuntimeException e) {
                // A body no JSON reader takes (a test's malformed input) holds no field to register.
            }
        });
    }

    /**
     * Whether every exchange of this test class with the service is checked against the OpenAPI
     * document (see {@link OpenApiContract}): on for every HTTP test, so the whole suite's traffic is the
     * contract test. A class that turns it off says why in the override.
     */
    protected boolean checksContract() {
        return true;
    }

    /** Endpoints only a test adds (under /v1/test-): not the product's, so not in its document. */
    private static boolean isTestFixture(String path) {
        return path.startsWith("/v1/test-");
    }

    protected Reply get(String uri, String bearer) {
        return call(HttpRequest.GET(uri), bearer);
    }

    protected Reply post(String uri, Object body, String bearer) {
        return call(HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), bearer);
    }

    /** A POST without a body, for the actions that take none (rotate a secret, redeliver, issue a key). */
    protected Reply post(String uri, String bearer) {
        return call(HttpRequest.create(HttpMethod.POST, uri), bearer);
    }

    protected Reply put(String uri, Object body, String bearer) {
        return call(HttpRequest.PUT(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), bearer);
    }

    protected Reply patch(String uri, Object body, String bearer) {
        return call(HttpRequest.PATCH(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), bearer);
    }

    protected Reply delete(String uri, String bearer) {
        return call(HttpRequest.DELETE(uri), bearer);
    }

    /** Sends {@code body} as it is, with the given content type: for bodies no client would build from an object. */
    protected Reply raw(HttpMethod method, String uri, String body, String contentType, String bearer) {
        return call(HttpRequest.create(method, uri).body(body).contentType(contentType), bearer);
    }

    /** The reply is an RFC 9457 problem with this status and stable code. */
    protected static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).as("content type").hasValueSatisfying(type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
        assertThat(reply.body()).as("problem body").containsEntry("status", status).containsEntry("code", code)
                .containsKeys("title", "detail");
    }

    private Reply reply(HttpResponse<?> response, String text) {
        Map<String, Object> body = Map.of();
        if (!text.isBlank() && text.strip().startsWith("{")) {
            try {
                body = json.readValue(text, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Reply(response.code(), response.getHeaders(), text, body);
    }
}
