package dev.latchkey.adapters.web.idempotency;

import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.error.RetryAfter;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.BeginIdempotentRequestCommand;
import dev.latchkey.application.port.in.BeginIdempotentRequestResult;
import dev.latchkey.application.port.in.BeginIdempotentRequestUseCase;
import dev.latchkey.application.port.in.FinishIdempotentRequestUseCase;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;
import dev.latchkey.domain.idempotency.RequestFingerprint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Idempotent creation for the POSTs marked {@link Idempotent}: with an {@code Idempotency-Key}, the
 * first request runs and its answer (2xx or 4xx) is kept 24 hours; the same key with the same method,
 * path and body gets that answer again, with {@code Idempotent-Replayed: true}, and creates nothing;
 * with another request, 422 {@code idempotency_key_reused}. A duplicate that arrives while the first
 * runs waits for its answer (bounded), else 409 {@code idempotency_key_in_progress} with Retry-After.
 * A 5xx frees the key, so a retry runs again. Keys are per workspace (the admin API has its own).
 * Without the header nothing changes.
 */
@ServerFilter(patterns = {"/v1/**", "/admin/**"}, methods = HttpMethod.POST)
public class IdempotencyFilter implements Ordered {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final String HELD = IdempotencyFilter.class.getName() + ".held";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final BeginIdempotentRequestUseCase begin;
    private final FinishIdempotentRequestUseCase finish;
    private final JsonMapper json;

    public IdempotencyFilter(BeginIdempotentRequestUseCase begin, FinishIdempotentRequestUseCase finish, JsonMapper json) {
        this.begin = begin;
        this.finish = finish;
        this.json = json;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public @Nullable HttpResponse<?> begin(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        String header = request.getHeaders().get(HEADER);
        if (header == null || route == null || !route.getRouteInfo().getAnnotationMetadata().hasAnnotation(Idempotent.class)) {
            return null;
        }
        Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
        if (caller.isEmpty()) {
            return null; // security answers it
        }
        IdempotencyKey key;
        try {
            key = new IdempotencyKey(header);
        } catch (IllegalArgumentException e) {
            return Problems.response(Problems.invalid(List.of(new FieldViolation(HEADER, e.getMessage()))));
        }
        IdempotencyScope scope = caller.get().getRoles().contains(Roles.ADMIN)
                ? IdempotencyScope.admin() : IdempotencyScope.workspace(Caller.workspace(caller.get()));
        RequestFingerprint fingerprint = RequestFingerprint.of(request.getMethodName(), target(request), bodyOf(request));
        return switch (begin.begin(new BeginIdempotentRequestCommand(scope, key, fingerprint))) {
            case BeginIdempotentRequestResult.Run run -> {
                request.setAttribute(HELD, run.held());
                yield null;
            }
            case BeginIdempotentRequestResult.Replay replay -> replay(replay.response());
            case BeginIdempotentRequestResult.KeyReused reused -> Problems.response(HttpStatus.UNPROCESSABLE_ENTITY,
                    "idempotency_key_reused", "This Idempotency-Key was first sent with another request (method, path or body) "
                            + "in the last 24 hours; send a new key for a new request, or the first request unchanged to get its answer.");
            case BeginIdempotentRequestResult.InProgress busy -> RetryAfter.header(Problems.response(HttpStatus.CONFLICT,
                    "idempotency_key_in_progress", "The first request with this Idempotency-Key is still running; "
                            + "send it again after Retry-After to get its answer."), Optional.of(busy.retryAfter()));
        };
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<IdempotentRequest> held = request.getAttribute(HELD, IdempotentRequest.class);
        if (held.isEmpty()) {
            return;
        }
        request.getAttributes().remove(HELD);
        if (response.code() >= 500) {
            finish.release(held.get());
            return;
        }
        try {
            finish.record(held.get(), new RecordedResponse(response.code(), contentType(response), response.getHeaders().findFirst(HttpHeaders.LOCATION),
                    bodyBytes(response)));
        } catch (IOException | RuntimeException e) {
            // The caller still gets this answer; a retry runs the request again rather than getting a wrong one.
            LOG.warn("Could not record the answer to an idempotent request; its key is freed", e);
            finish.release(held.get());
        }
    }

    /**
     * The request's body bytes, read from a split of the body so that the controller's binder still
     * claims the original. Only requests that carry a key on an idempotent route pay for it (binding
     * the body as a filter argument did it for every request, and raced the controller's own binding).
     */
    private static byte[] bodyOf(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return new byte[0];
        }
        try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST);
             CloseableAvailableByteBody whole = copy.buffer().join()) {
            return whole.toByteArray();
        }
    }

    /** Method and path with the query: the same body to another resource is another request. */
    private static String target(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return request.getUri().getRawPath() + (query == null ? "" : "?" + query);
    }

    private static MutableHttpResponse<byte[]> replay(RecordedResponse recorded) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(recorded.status())).body(recorded.body());
        recorded.contentType().ifPresent(response::contentType);
        recorded.location().ifPresent(location -> response.header(HttpHeaders.LOCATION, location));
        return response.header(REPLAYED, "true");
    }

    private static Optional<String> contentType(MutableHttpResponse<?> response) {
        return response.getContentType().map(MediaType::toString)
                .or(() -> response.getBody().isPresent() ? Optional.of(MediaType.APPLICATION_JSON) : Optional.empty());
    }

    private byte[] bodyBytes(MutableHttpResponse<?> response) throws IOException {
        Optional<?> body = response.getBody();
        if (body.isEmpty()) {
            return new byte[0];
        }
        return switch (body.get()) {
            case byte[] bytes -> bytes;
            case CharSequence text -> text.toString().getBytes(StandardCharsets.UTF_8);
            case Object value -> json.writeValueAsBytes(value);
        };
    }

    /** After security (the key is the caller's workspace's), before the route. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
