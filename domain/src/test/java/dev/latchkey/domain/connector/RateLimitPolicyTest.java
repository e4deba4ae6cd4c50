package dev.latchkey.domain.connector;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPolicyTest {
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final RateLimitPolicy GITHUB_LIKE = new RateLimitPolicy(Set.of(429), "Retry-After",
            Optional.of(new RateLimitPolicy.ResetHeader("X-RateLimit-Reset", RateLimitPolicy.ResetFormat.EPOCH_SECONDS)),
            Optional.of("X-RateLimit-Remaining"), Optional.of(Pattern.compile("(?i)rate limit")));

    private static Function<String, Optional<String>> headers(Map<String, String> values) {
        return name -> values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    @Test
    void by_default_429_and_503_are_limits_and_retry_after_is_read_as_seconds_or_a_date() {
        RateLimitPolicy policy = RateLimitPolicy.DEFAULT;

        assertThat(policy.limited(429, headers(Map.of()), Optional.empty())).isTrue();
        assertThat(policy.limited(503, headers(Map.of()), Optional.empty())).isTrue();
        assertThat(policy.limited(500, headers(Map.of()), Optional.of("rate limit"))).isFalse();
        assertThat(policy.waitAt(headers(Map.of("retry-after", "7")), NOW)).contains(Duration.ofSeconds(7));
        assertThat(policy.waitAt(headers(Map.of("Retry-After", "Thu, 01 May 2025 12:00:30 GMT")), NOW)).contains(Duration.ofSeconds(30));
        assertThat(policy.waitAt(headers(Map.of("Retry-After", "Thu, 01 May 2025 11:00:00 GMT")), NOW)).contains(Duration.ZERO);
        assertThat(policy.waitAt(headers(Map.of("Retry-After", "soon")), NOW)).isEmpty();
        assertThat(policy.waitAt(headers(Map.of()), NOW)).isEmpty();
    }

    @Test
    void an_exhausted_remaining_header_or_a_matching_body_makes_an_error_a_limit() {
        assertThat(GITHUB_LIKE.limited(403, headers(Map.of("X-RateLimit-Remaining", "0")), Optional.empty())).isTrue();
        assertThat(GITHUB_LIKE.limited(403, headers(Map.of("X-RateLimit-Remaining", "12")), Optional.empty())).isFalse();
        assertThat(GITHUB_LIKE.limited(400, headers(Map.of()), Optional.of("{\"message\":\"API Rate Limit exceeded\"}"))).isTrue();
        assertThat(GITHUB_LIKE.limited(400, headers(Map.of()), Optional.of("{\"error\":\"invalid_grant\"}"))).isFalse();
        assertThat(GITHUB_LIKE.limited(200, headers(Map.of("X-RateLimit-Remaining", "0")), Optional.empty())).isFalse();
    }

    @Test
    void the_reset_header_is_read_in_its_declared_form_when_there_is_no_retry_after() {
        assertThat(GITHUB_LIKE.waitAt(headers(Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 42))), NOW))
                .contains(Duration.ofSeconds(42));
        assertThat(GITHUB_LIKE.waitAt(headers(Map.of("X-RateLimit-Reset", "1", "Retry-After", "3")), NOW))
                .as("Retry-After first").contains(Duration.ofSeconds(3));
        RateLimitPolicy delta = new RateLimitPolicy(Set.of(429), "Retry-After",
                Optional.of(new RateLimitPolicy.ResetHeader("RateLimit-Reset", RateLimitPolicy.ResetFormat.DELTA_SECONDS)),
                Optional.empty(), Optional.empty());
        assertThat(delta.waitAt(headers(Map.of("ratelimit-reset", "5")), NOW)).contains(Duration.ofSeconds(5));
        RateLimitPolicy date = new RateLimitPolicy(Set.of(429), "Retry-After",
                Optional.of(new RateLimitPolicy.ResetHeader("X-Reset", RateLimitPolicy.ResetFormat.HTTP_DATE)), Optional.empty(), Optional.empty());
        assertThat(date.waitAt(headers(Map.of("X-Reset", "Thu, 01 May 2025 12:01:00 GMT")), NOW)).contains(Duration.ofMinutes(1));
    }
}
