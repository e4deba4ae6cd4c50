package dev.latchkey.adapters.web.portal;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortalCsrfTest {
    @Test
    void the_token_is_the_same_for_one_session_and_differs_between_sessions() {
        assertThat(PortalCsrf.token("session-a")).isEqualTo(PortalCsrf.token("session-a")).isNotEqualTo(PortalCsrf.token("session-b"));
    }

    @Test
    void the_token_does_not_reveal_the_cookie_and_is_safe_in_a_form() {
        String token = PortalCsrf.token("session-a");

        assertThat(token).doesNotContain("session-a").matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void only_a_form_with_the_exact_token_carries_it() {
        String token = PortalCsrf.token("session-a");
        Map<String, String> withNull = new HashMap<>();
        withNull.put(PortalCsrf.FIELD, null);

        assertThat(PortalCsrf.carriedBy(Map.of(PortalCsrf.FIELD, token), token)).isTrue();
        assertThat(PortalCsrf.carriedBy(null, token)).isFalse();
        assertThat(PortalCsrf.carriedBy(Map.of(), token)).isFalse();
        assertThat(PortalCsrf.carriedBy(withNull, token)).isFalse();
        assertThat(PortalCsrf.carriedBy(Map.of(PortalCsrf.FIELD, ""), token)).isFalse();
        assertThat(PortalCsrf.carriedBy(Map.of(PortalCsrf.FIELD, token.substring(1)), token)).isFalse();
        assertThat(PortalCsrf.carriedBy(Map.of("csrf", token), token)).as("another field name").isFalse();
    }
}
