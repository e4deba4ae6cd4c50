package dev.latchkey.domain.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a connector's provider says "too many requests, wait": the statuses it answers then, the header
 * telling how long to wait ({@code Retry-After}, seconds or an HTTP date), a header telling when the limit
 * resets and in which form, a header counting the requests left, and a pattern of the body of a limited
 * answer (for providers that answer 400 or 403 with "rate limit exceeded"). Read from the connector file's
 * {@code rate_limit}; {@link #DEFAULT} (429 or 503, {@code Retry-After}) when the file says nothing.
 */
public record RateLimitPolicy(Set<Integer> statuses, String retryAfterHeader, Optional<ResetHeader> reset,
                              Optional<String> remainingHeader, Optional<Pattern> bodyPattern) {
    public static final RateLimitPolicy DEFAULT = new RateLimitPolicy(Set.of(429, 503), "Retry-After", Optional.empty(),
            Optional.empty(), Optional.empty());

    /** How a reset header writes its time. */
    public enum ResetFormat {
        /** Unix time in seconds at which the limit resets (GitHub's {@code X-RateLimit-Reset}). */
        EPOCH_SECONDS,
        /** Seconds from now until the limit resets. */
        DELTA_SECONDS,
        /** An RFC 9110 HTTP date. */
        HTTP_DATE
    }

    public record ResetHeader(String name, ResetFormat format) {
        public ResetHeader {
            Names.requireText(name, "reset_header");
            Objects.requireNonNull(format, "reset_format");
        }
    }

    public RateLimitPolicy {
        statuses = Set.copyOf(statuses);
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 400 || s > 599)) {
            throw new IllegalArgumentException("rate_limit.statuses must be HTTP error statuses (400 to 599)");
        }
        Names.requireText(retryAfterHeader, "retry_after_header");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(remainingHeader, "remainingHeader");
        Objects.requireNonNull(bodyPattern, "bodyPattern");
    }

    /**
     * Whether an answer says the provider is limiting us: one of the statuses, or an error whose remaining
     * header is 0, or an error whose body matches the pattern (the body only when the caller holds it).
     *
     * @param header a header's value by name (any case), when the answer has it
     */
    public boolean limited(int status, Function<String, Optional<String>> header, Optional<String> body) {
        if (statuses.contains(status)) {
            return true;
        }
        if (status < 400) {
            return false;
        }
        boolean exhausted = remainingHeader.flatMap(header).map(String::strip).filter("0"::equals).isPresent();
        boolean matches = bodyPattern.isPresent() && body.filter(b -> bodyPattern.get().matcher(b).find()).isPresent();
        return exhausted || matches;
    }

    /**
     * How long the provider asked us to wait, counted from {@code now}: its retry-after header (seconds or an
     * HTTP date), else its reset header; never negative. Empty when it said nothing readable.
     */
    public Optional<Duration> waitAt(Function<String, Optional<String>> header, Instant now) {
        Optional<Duration> retryAfter = header.apply(retryAfterHeader).map(String::strip).flatMap(value ->
                seconds(value).or(() -> httpDate(value).map(at -> Duration.between(now, at))));
        if (retryAfter.isPresent()) {
            return retryAfter.map(RateLimitPolicy::notNegative);
        }
        return reset.flatMap(r -> header.apply(r.name()).map(String::strip).flatMap(value -> switch (r.format()) {
            case EPOCH_SECONDS -> seconds(value).map(epoch -> Duration.between(now, Instant.ofEpochSecond(epoch.toSeconds())));
            case DELTA_SECONDS -> seconds(value);
            case HTTP_DATE -> httpDate(value).map(at -> Duration.between(now, at));
        })).map(RateLimitPolicy::notNegative);
    }

    private static Duration notNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Optional<Duration> seconds(String value) {
        if (!value.matches("\\d{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
