package dev.latchkey.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Latchkey's HTTP API as JSON exchanges: the API key on every request, problems as
 * {@link LatchkeyException}, retries on 429/503 for requests that are safe to repeat.
 */
final class Transport {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String USER_AGENT = "latchkey-java/0.1";

    /** How a request may be repeated. */
    enum Repeat {
        /** GET, HEAD, PUT, DELETE, and POSTs that change nothing the second time. */
        IDEMPOTENT,
        /** A POST that creates: sent with an Idempotency-Key, the same one on every attempt. */
        CREATE,
        /** Never sent twice. */
        NEVER
    }

    /** Waits between attempts; a seam for the tests, which record the waits instead of waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer Latchkey may add fields
            .build();

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;

    Transport(URI base, String apiKey, HttpClient http, Duration timeout, RetryPolicy retry, Sleeper sleeper, Clock clock) {
        this.base = base;
        this.authorization = "Bearer " + apiKey;
        this.http = http;
        this.timeout = timeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    URI base() {
        return base;
    }

    /** A path segment, percent-encoded. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a path value (id, slug) must not be empty");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=2} of the non-null values, or "". */
    static String query(Object... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                query.append(query.length() == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    static JavaType type(Class<?> type) {
        return JSON.constructType(type);
    }

    static JavaType pageOf(Class<?> item) {
        return JSON.getTypeFactory().constructParametricType(Page.class, item);
    }

    <T> T get(String path, JavaType answer) {
        return call("GET", path, null, Repeat.IDEMPOTENT, answer);
    }

    <T> T get(String path, Class<T> answer) {
        return get(path, type(answer));
    }

    /**
     * One exchange, repeated per the retry policy when {@code repeat} allows it. {@code answer} null
     * (or a 204) gives null.
     */
    <T> T call(String method, String path, Object body, Repeat repeat, JavaType answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (repeat == Repeat.CREATE) {
            request.header(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        }
        HttpResponse<byte[]> response = exchange(request.build(), repeat != Repeat.NEVER);
        int status = response.statusCode();
        if (status >= 300) {
            throw problem(status, response.body());
        }
        if (answer == null || status == 204 || response.body().length == 0) {
            return null;
        }
        try {
            return JSON.readValue(response.body(), answer);
        } catch (IOException e) {
            throw LatchkeyException.invalidResponse(status, "Latchkey's answer to " + method + " " + base.resolve(path).getPath()
                    + " was not the JSON expected (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** A proxied call: sent once, its body streamed. */
    HttpResponse<InputStream> stream(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw LatchkeyException.network("Latchkey could not be reached at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LatchkeyException.network("Interrupted while calling Latchkey at " + base, e);
        }
    }

    HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization).header("User-Agent", USER_AGENT);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, boolean repeatable) {
        int attempts = repeatable ? retry.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw LatchkeyException.network("Latchkey could not be reached at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LatchkeyException.network("Interrupted while calling Latchkey at " + base, e);
            }
            int status = response.statusCode();
            if ((status != 429 && status != 503) || attempt >= attempts) {
                return response;
            }
            Optional<Duration> wait = waitBefore(attempt, response);
            if (wait.isEmpty()) {
                return response;
            }
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LatchkeyException.network("Interrupted while waiting to retry a call to Latchkey", e);
            }
        }
    }

    /** The wait before the next attempt; empty when Retry-After asks for longer than the policy allows. */
    Optional<Duration> waitBefore(int attempt, HttpResponse<?> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter.filter(d -> d.compareTo(retry.maxRetryAfter()) <= 0);
        }
        long backoff = retry.backoff(attempt).toMillis();
        long half = backoff / 2;
        return Optional.of(Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0)));
    }

    /** Retry-After: delta-seconds or an HTTP date (RFC 9110); what cannot be read is ignored. */
    Optional<Duration> retryAfter(String value) {
        String text = value.trim();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body cannot be written as JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** An error answer as an exception: the problem document's fields, or {@code http_<status>}. */
    static LatchkeyException problem(int status, byte[] body) {
        JsonNode problem;
        try {
            problem = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return new LatchkeyException(status, "http_" + status, null, "Latchkey answered " + status + ".", List.of());
        }
        String code = text(problem, "code").orElse("http_" + status);
        String title = text(problem, "title").orElse(null);
        String detail = text(problem, "detail").or(() -> Optional.ofNullable(title)).orElse("Latchkey answered " + status + ".");
        List<FieldError> errors = new ArrayList<>();
        JsonNode list = problem.get("errors");
        if (list != null && list.isArray()) {
            for (JsonNode error : list) {
                errors.add(new FieldError(text(error, "field").orElse(""), text(error, "message").orElse("")));
            }
        }
        return new LatchkeyException(status, code, title, detail, errors);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
