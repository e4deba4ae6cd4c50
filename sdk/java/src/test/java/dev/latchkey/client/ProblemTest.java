package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How error answers become {@link LatchkeyException}s (the real server's problems: {@code LatchkeyClientIT}). */
class ProblemTest {

    @Test
    void a_problem_document_gives_status_code_detail_and_every_field_error() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(400, Map.of("Content-Type", "application/problem+json"), "{\"type\":\"about:blank\",\"title\":\"Bad Request\","
                    + "\"status\":400,\"detail\":\"2 fields are invalid; see errors.\",\"code\":\"validation_failed\",\"errors\":["
                    + "{\"field\":\"linked_account_id\",\"message\":\"is required\"},{\"field\":\"ttl_seconds\",\"message\":\"must be 60 to 86400\"}]}");

            assertThatThrownBy(() -> Latchkey.builder(server.url(), "lk_test_key").build().sessionTokens().mint("x"))
                    .isInstanceOfSatisfying(LatchkeyException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("validation_failed");
                        assertThat(e.title()).isEqualTo("Bad Request");
                        assertThat(e.getMessage()).isEqualTo("2 fields are invalid; see errors.");
                        assertThat(e.fieldErrors()).containsExactly(new FieldError("linked_account_id", "is required"),
                                new FieldError("ttl_seconds", "must be 60 to 86400"));
                    });
        }
    }

    @Test
    void an_error_answer_without_a_problem_document_is_http_and_its_status() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(502, Map.of("Content-Type", "text/html"), "<html>bad gateway</html>");

            assertThatThrownBy(() -> Latchkey.builder(server.url(), "lk_test_key").build().workspace().settings())
                    .isInstanceOfSatisfying(LatchkeyException.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.code()).isEqualTo("http_502");
                        assertThat(e.fieldErrors()).isEmpty();
                    });
        }
    }

    @Test
    void an_answer_that_is_not_the_json_expected_is_invalid_response() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(200, Map.of(), "{\"allowed_origins\": \"not a list\" ");

            assertThatThrownBy(() -> Latchkey.builder(server.url(), "lk_test_key").build().workspace().settings())
                    .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.code()).isEqualTo("invalid_response"));
        }
    }

    @Test
    void latchkey_out_of_reach_is_a_network_error_with_status_0() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Latchkey latchkey = Latchkey.builder("http://127.0.0.1:" + port, "lk_test_key").build();

        assertThatThrownBy(() -> latchkey.linkedAccounts().get("cust-42"))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.code()).isEqualTo("network_error");
                });
    }

    @Test
    void latchkeys_own_refusal_of_a_proxied_call_is_thrown_but_a_providers_error_is_returned() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(409, Map.of("Content-Type", "application/problem+json"), "{\"status\":409,\"title\":\"Conflict\","
                            + "\"code\":\"connection_ambiguous\",\"detail\":\"cust-42 has 2 connections to hubspot: c-1, c-2\"}")
                    .answer(404, Map.of("X-Latchkey-Connection-Id", "c-1", "Content-Type", "application/problem+json"),
                            "{\"status\":404,\"code\":\"object_not_found\"}");
            Proxy proxy = Latchkey.builder(server.url(), "lk_test_key").build().proxy("hubspot", "cust-42");

            assertThatThrownBy(() -> proxy.get("/crm/v3/objects/contacts"))
                    .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.code()).isEqualTo("connection_ambiguous"));
            try (ProxyResponse providers = proxy.connection("c-1").get("/crm/v3/objects/contacts/9")) {
                assertThat(providers.status()).isEqualTo(404);
                assertThat(providers.connectionId()).isEqualTo("c-1");
            }
            assertThat(server.received.get(1).headers().getFirst("X-Connection-Id")).isEqualTo("c-1");
        }
    }

    @Test
    void ids_are_percent_encoded_in_paths() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(204, Map.of(), "");

            Latchkey.builder(server.url(), "lk_test_key").build().linkedAccounts().delete("acme:eu@42/x y");

            assertThat(server.received.get(0).path()).isEqualTo("/v1/linked-accounts/acme%3Aeu%4042%2Fx%20y");
        }
    }
}
