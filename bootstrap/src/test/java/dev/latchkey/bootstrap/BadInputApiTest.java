package dev.latchkey.bootstrap;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a caller sends, the answer is a clear 4xx problem that says what to fix; never a 500. */
@MicronautTest(transactional = false)
class BadInputApiTest extends ApiTest {
    private static final String ACCOUNTS = "/v1/linked-accounts";
    private String key;
    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
    }

    @Test
    void an_id_with_spaces_is_refused_naming_the_id() {
        Reply reply = post(ACCOUNTS, Map.of("id", "cust 42"), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("id");
        assertThat(get(ACCOUNTS + "/cust%2042", key).errorFields()).containsExactly("id");
    }

    @Test
    void an_id_of_500_characters_is_refused_in_the_body_and_in_the_path() {
        String longId = "a".repeat(500);

        Reply inBody = post(ACCOUNTS, Map.of("id", longId), key);
        assertProblem(inBody, 400, "validation_failed");
        assertThat(inBody.errorFields()).containsExactly("id");

        for (Reply inPath : List.of(get(ACCOUNTS + "/" + longId, key), put(ACCOUNTS + "/" + longId, Map.of(), key),
                patch(ACCOUNTS + "/" + longId, Map.of("name", "x"), key), delete(ACCOUNTS + "/" + longId, key))) {
            assertProblem(inPath, 400, "validation_failed");
            assertThat(inPath.errorFields()).containsExactly("id");
        }
    }

    @Test
    void an_id_of_128_characters_is_the_longest_accepted() {
        assertThat(post(ACCOUNTS, Map.of("id", "b".repeat(128)), key).status()).isEqualTo(201);
        assertThat(post(ACCOUNTS, Map.of("id", "c".repeat(129)), key).errorFields()).containsExactly("id");
    }

    @Test
    void metadata_that_is_an_array_or_a_string_is_refused_naming_metadata() {
        for (Object metadata : List.of(List.of(1, 2), "plan=pro", 42)) {
            Reply reply = post(ACCOUNTS, Map.of("id", "cust-meta", "metadata", metadata), key);

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as("metadata %s", metadata).containsExactly("metadata");
        }
        assertThat(get(ACCOUNTS + "/cust-meta", key).status()).isEqualTo(404);
    }

    @Test
    void metadata_larger_than_16_KiB_is_refused_and_16_KiB_is_accepted() {
        Reply tooLarge = post(ACCOUNTS, Map.of("id", "cust-big", "metadata", Map.of("blob", "x".repeat(16 * 1024))), key);

        assertProblem(tooLarge, 400, "validation_failed");
        assertThat(tooLarge.errorFields()).containsExactly("metadata");
        assertThat(get(ACCOUNTS + "/cust-big", key).status()).isEqualTo(404);

        // {"blob":"..."} is 11 bytes around the string.
        Reply justFits = post(ACCOUNTS, Map.of("id", "cust-fits", "metadata", Map.of("blob", "x".repeat(16 * 1024 - 11))), key);
        assertThat(justFits.status()).isEqualTo(201);
    }

    @Test
    void a_name_longer_than_200_characters_is_refused_naming_name() {
        Reply reply = post(ACCOUNTS, Map.of("id", "cust-name", "name", "n".repeat(201)), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("name");
        assertThat(post(ACCOUNTS, Map.of("id", "cust-name", "name", "n".repeat(200)), key).status()).isEqualTo(201);
        assertThat(patch(ACCOUNTS + "/cust-name", Map.of("name", "n".repeat(201)), key).errorFields()).containsExactly("name");
    }

    @Test
    void an_unknown_field_is_refused_by_name_rather_than_ignored() {
        Reply reply = post(ACCOUNTS, Map.of("id", "cust-typo", "nmae", "Acme"), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("nmae");
        assertThat(get(ACCOUNTS + "/cust-typo", key).status()).isEqualTo(404);
    }

    @Test
    void wrong_types_are_refused_naming_each_field() {
        Reply numberId = post(ACCOUNTS, Map.of("id", 42), key);
        assertProblem(numberId, 400, "validation_failed");
        assertThat(numberId.errorFields()).containsExactly("id");

        Reply objectName = post(ACCOUNTS, Map.of("id", "cust-types", "name", Map.of("first", "A")), key);
        assertThat(objectName.errorFields()).containsExactly("name");

        Reply textTtl = post("/v1/session-tokens", Map.of("linked_account_id", 7, "ttl_seconds", true), key);
        assertProblem(textTtl, 400, "validation_failed");
        assertThat(textTtl.errorFields()).containsExactlyInAnyOrder("linked_account_id", "ttl_seconds");
    }

    @Test
    void every_bad_field_of_one_body_is_listed_at_once() {
        Reply reply = post(ACCOUNTS, Map.of("id", "bad id", "name", "n".repeat(201), "metadata", List.of(), "colour", "red"), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("id", "name", "metadata", "colour");
        assertThat(reply.list("errors")).allSatisfy(error -> assertThat((String) error.get("message")).isNotBlank());
    }

    @Test
    void a_missing_id_is_refused_as_required() {
        Reply reply = post(ACCOUNTS, Map.of("name", "No id"), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("id");
    }

    @Test
    void a_body_of_1_MiB_is_413_body_too_large() {
        String body = "{\"id\":\"cust-huge\",\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";

        Reply reply = raw(HttpMethod.POST, ACCOUNTS, body, MediaType.APPLICATION_JSON, key);

        assertProblem(reply, 413, "body_too_large");
        assertThat(get(ACCOUNTS + "/cust-huge", key).status()).isEqualTo(404);
    }

    /**
     * A request line or headers past the server's limits (4 KiB, 8 KiB) are their own problems, not a
     * body too large: 414 and 431, problem+json, and the server says it closes the connection, then does
     * (its decoder cannot read on after such a request). Sent on a raw socket, so nothing client-side
     * trims or pools anything; read to the end, which must come.
     */
    @Test
    void a_uri_past_the_limit_is_414_and_headers_past_it_431_each_saying_the_connection_closes() {
        String uriTooLong = exchangeToTheEnd("GET " + ACCOUNTS + "?search=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + key + "\r\n\r\n");
        assertRefusal(uriTooLong, 414, "uri_too_long");

        String headersTooLarge = exchangeToTheEnd("GET " + ACCOUNTS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n"
                + "X-Padding: " + "y".repeat(20_000) + "\r\n\r\n");
        assertRefusal(headersTooLarge, 431, "headers_too_large");
        // The signing proxy is a Netty handler of its own, after the refusal: the same answers there.
        assertRefusal(exchangeToTheEnd("GET /v1/proxy/stripe/v1/" + "c".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                414, "uri_too_long");
        assertRefusal(exchangeToTheEnd("GET /v1/proxy/stripe/v1/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nX-Padding: " + "y".repeat(20_000) + "\r\n\r\n"), 431, "headers_too_large");

        // With the rest of a large request still arriving: the answer is not lost to a reset.
        String body = "{\"id\":\"cust-late\",\"name\":\"" + "z".repeat(200_000) + "\"}";
        String withBody = exchangeToTheEnd("POST " + ACCOUNTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nX-Padding: " + "y".repeat(20_000) + "\r\n\r\n" + body);
        assertRefusal(withBody, 431, "headers_too_large");
        assertThat(get(ACCOUNTS + "/cust-late", key).status()).isEqualTo(404);
    }

    private static void assertRefusal(String exchange, int status, String code) {
        assertThat(exchange).startsWith("HTTP/1.1 " + status + " ");
        String head = exchange.substring(0, exchange.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("\r\nconnection: close", "\r\ncontent-type: application/problem+json");
        assertThat(exchange).contains("\"status\":" + status, "\"code\":\"" + code + "\"");
    }

    /** Writes {@code request} on a new connection and reads the answer until the server closes it. */
    private String exchangeToTheEnd(String request) {
        try (java.net.Socket socket = new java.net.Socket("localhost", server.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_path_value_the_route_cannot_take_is_400_naming_the_parameter_without_echoing_it() {
        for (String selector : List.of("nope", "99999999999999999999999", "%F0%9F%98%80")) {
            Reply reply = get("/health/" + selector, null);

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as(selector).containsExactly("selector");
            assertThat(reply.text()).as(selector).doesNotContain("9999", "HealthCheckType", "JSON");
        }
    }

    @Test
    void malformed_json_is_400() {
        for (String body : List.of("{\"id\": ", "{id: 'x'}", "not json", "{\"id\":\"a\",}")) {
            Reply reply = raw(HttpMethod.POST, ACCOUNTS, body, MediaType.APPLICATION_JSON, key);

            assertThat(reply.status()).as("body %s", body).isEqualTo(400);
            assertThat(reply.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(reply.get("code")).as("body %s", body).isIn("malformed_request", "validation_failed");
        }
    }

    @Test
    void json_with_trailing_content_after_the_object_is_400_and_creates_nothing() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String body : List.of("{\"id\":\"trail-1\"}}", "{\"id\":\"trail-2\"}{\"id\":\"trail-3\"}", "{\"id\":\"trail-4\"} x")) {
            statuses.put(body, raw(HttpMethod.POST, ACCOUNTS, body, MediaType.APPLICATION_JSON, key).status());
        }

        assertThat(statuses).allSatisfy((body, status) -> assertThat(status).as("body %s", body).isEqualTo(400));
        for (String id : List.of("trail-1", "trail-2", "trail-3", "trail-4")) {
            assertThat(get(ACCOUNTS + "/" + id, key).status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void a_json_array_body_is_400_saying_the_body_must_be_an_object() {
        Reply reply = raw(HttpMethod.POST, ACCOUNTS, "[{\"id\":\"cust-1\"}]", MediaType.APPLICATION_JSON, key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("body");
    }

    @Test
    void an_empty_body_is_400_not_500() {
        Reply reply = raw(HttpMethod.POST, ACCOUNTS, "", MediaType.APPLICATION_JSON, key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void a_text_plain_body_is_415() {
        Reply reply = raw(HttpMethod.POST, ACCOUNTS, "{\"id\":\"cust-text\"}", MediaType.TEXT_PLAIN, key);

        assertProblem(reply, 415, "unsupported_media_type");
        assertThat(get(ACCOUNTS + "/cust-text", key).status()).isEqualTo(404);
    }

    @Test
    void no_authorization_is_401_with_a_bearer_challenge() {
        for (Reply reply : List.of(get(ACCOUNTS, null), post(ACCOUNTS, Map.of("id", "x"), null), get("/v1/session", null))) {
            assertProblem(reply, 401, "unauthorized");
            assertThat(reply.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void a_garbage_bearer_is_401() {
        for (String bearer : List.of("garbage", "Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "lk_test_")) {
            Reply reply = get(ACCOUNTS, bearer);

            assertProblem(reply, 401, "unauthorized");
            assertThat(reply.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void a_well_formed_api_key_that_does_not_exist_is_401() {
        String unknown = "lk_test_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf";

        assertProblem(get(ACCOUNTS, unknown), 401, "unauthorized");
        assertProblem(get(ACCOUNTS, "lk_live_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf"), 401, "unauthorized");
    }

    @Test
    void an_authorization_header_of_another_scheme_is_401() {
        Reply reply = call(HttpRequest.GET(ACCOUNTS).basicAuth("user", key));

        assertProblem(reply, 401, "unauthorized");
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        assertProblem(get("/v1/no-such-thing", key), 404, "not_found");
        assertProblem(get("/v2/linked-accounts", key), 404, "not_found");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        Reply reply = call(HttpRequest.DELETE(ACCOUNTS), key);

        assertProblem(reply, 405, "method_not_allowed");
    }

    @Test
    void ids_with_any_character_outside_the_allowed_set_are_400_and_never_500() {
        Map<String, Object> body = new HashMap<>();
        for (String id : List.of("", "a/b", "ünïcode", "tab\tid", "semi;colon", "quote\"", "emoji-\uD83D\uDE00", "a%b")) {
            body.put("id", id);
            Reply reply = post(ACCOUNTS, body, key);

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as("id %s", id).containsExactly("id");
        }
        body.put("id", null);
        assertThat(post(ACCOUNTS, body, key).errorFields()).containsExactly("id");
    }
}
