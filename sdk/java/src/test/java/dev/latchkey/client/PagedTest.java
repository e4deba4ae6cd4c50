package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paging over a stub server (over the real one: {@code LatchkeyClientIT}). */
class PagedTest {
    private static String account(String id) {
        return "{\"id\":\"" + id + "\",\"name\":null,\"metadata\":{},\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";
    }

    @Test
    void each_page_is_fetched_when_the_iteration_reaches_it_with_the_previous_next_cursor() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(200, Map.of(), "{\"data\":[" + account("a") + "," + account("b") + "],\"next_cursor\":\"c1\"}")
                    .answer(200, Map.of(), "{\"data\":[" + account("c") + "],\"next_cursor\":null}");
            Iterator<LinkedAccount> accounts = Latchkey.builder(server.url(), "lk_test_key").build()
                    .linkedAccounts().list("a", 2).iterator();

            assertThat(accounts.next().id()).isEqualTo("a");
            assertThat(accounts.next().id()).isEqualTo("b");
            assertThat(server.received).hasSize(1);
            assertThat(accounts.next().id()).isEqualTo("c");
            assertThat(accounts.hasNext()).isFalse();

            assertThat(server.received).extracting(StubServer.Received::path)
                    .containsExactly("/v1/linked-accounts?limit=2&search=a", "/v1/linked-accounts?limit=2&cursor=c1&search=a");
        }
    }

    @Test
    void a_next_cursor_that_repeats_stops_the_iteration_instead_of_looping() throws Exception {
        try (StubServer server = new StubServer()) {
            server.answer(200, Map.of(), "{\"data\":[" + account("a") + "],\"next_cursor\":\"same\"}")
                    .answer(200, Map.of(), "{\"data\":[" + account("b") + "],\"next_cursor\":\"same\"}");

            assertThatThrownBy(() -> Latchkey.builder(server.url(), "lk_test_key").build().linkedAccounts().list().toList())
                    .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.code()).isEqualTo("invalid_response"));
            assertThat(server.received).hasSize(2);
        }
    }
}
