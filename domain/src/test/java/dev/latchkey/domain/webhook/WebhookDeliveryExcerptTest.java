package dev.latchkey.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookDeliveryExcerptTest {
    private static final String SECRET = "whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==";

    @Test
    void the_excerpt_is_the_start_of_the_answer_bounded_to_512_characters() {
        String body = "{\"error\":\"unknown tenant\"}" + "x".repeat(2000);

        String excerpt = WebhookDelivery.excerpt(body).orElseThrow();

        assertThat(excerpt).hasSize(WebhookDelivery.MAX_EXCERPT).startsWith("{\"error\":\"unknown tenant\"}");
    }

    @Test
    void the_signing_secret_and_anything_shaped_like_a_secret_are_masked_before_the_cut() {
        String body = "echo: " + SECRET + " key lk_live_abcDEF123_xyz other whsec_b3RoZXI= tail";

        String excerpt = WebhookDelivery.excerpt(body, SECRET).orElseThrow();

        assertThat(excerpt).isEqualTo("echo: [redacted] key [redacted] other [redacted] tail");
        String cutThroughTheSecret = "y".repeat(WebhookDelivery.MAX_EXCERPT - 5) + SECRET;
        assertThat(WebhookDelivery.excerpt(cutThroughTheSecret, SECRET).orElseThrow()).doesNotContain("whsec_").endsWith("[reda");
    }

    @Test
    void control_characters_become_spaces_and_an_empty_answer_keeps_nothing() {
        assertThat(WebhookDelivery.excerpt("a\u0000b\nc\td\u001b[31m")).contains("a b\nc\td [31m");
        assertThat(WebhookDelivery.excerpt("")).isEmpty();
        assertThat(WebhookDelivery.excerpt("  \n")).isEmpty();
        assertThat(WebhookDelivery.excerpt(null)).isEmpty();
    }

    @Test
    void a_delivery_refuses_an_excerpt_longer_than_the_bound() {
        assertThatThrownBy(() -> new WebhookDelivery(WebhookDeliveryId.random(), WebhookEndpointId.random(), "evt_1", "connection.created",
                WebhookDelivery.Status.DELIVERED, 1, Optional.empty(), Optional.of(200), Optional.empty(), Optional.empty(), Instant.EPOCH,
                Optional.of("z".repeat(WebhookDelivery.MAX_EXCERPT + 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }
}
