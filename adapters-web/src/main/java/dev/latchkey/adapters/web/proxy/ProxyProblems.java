package dev.latchkey.adapters.web.proxy;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.error.RetryAfter;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.DatabaseUnavailableException;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connection.RefreshInProgressException;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** The proxy's own answers, as problem+json: what went wrong before or instead of the provider's answer. */
@Singleton
final class ProxyProblems {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProblems.class);

    private final JsonMapper json;

    ProxyProblems(JsonMapper json) {
        this.json = json;
    }

    static Problem unauthorized() {
        return Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                "Missing, invalid, expired or revoked credentials. The proxy takes Authorization: Bearer <key>, the workspace's "
                        + "API key, from your backend.");
    }

    static Problem sessionToken() {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden_for_session_token",
                "The proxy takes the workspace's API key, from your backend only; a session token cannot use it.");
    }

    static Problem tooLarge(long limit) {
        return Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                "The request body is larger than this server accepts (" + limit + " bytes, micronaut.server.max-request-size).");
    }

    static Problem timeout() {
        return Problems.of(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout", "The provider did not answer in time.");
    }

    static Problem unreachable() {
        return Problems.of(HttpStatus.BAD_GATEWAY, "upstream_unreachable", "The provider could not be reached.");
    }

    /** What a failure of preparing or sending means to the caller. */
    static Problem of(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return switch (e) {
            case InvalidInputException invalid -> Problems.invalid(invalid.violations());
            case NotFoundException notFound -> Problems.of(HttpStatus.NOT_FOUND, notFound.code(), notFound.getMessage());
            case ConflictException conflict -> Problems.of(HttpStatus.CONFLICT, conflict.code(), conflict.getMessage());
            case ProviderException provider -> Problems.of(HttpStatus.BAD_GATEWAY, "provider_unavailable", provider.getMessage());
            case RefreshInProgressException busy -> RetryAfter.refreshInProgress(busy);
            case DatabaseUnavailableException unavailable -> Problems.databaseUnavailable(); // logged once per outage, not here
            default -> {
                LOG.error("Proxying failed", e);
                yield Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Latchkey failed to proxy this request.");
            }
        };
    }

    /** When the caller should try again after the problem {@link #of} made of this failure, if it says. */
    static Optional<Duration> retryAfter(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return RetryAfter.of(e);
    }

    FullHttpResponse render(Problem problem, ByteBufAllocator allocator) {
        return render(problem, Optional.empty(), allocator);
    }

    FullHttpResponse render(Problem problem, Optional<Duration> retryAfter, ByteBufAllocator allocator) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()),
                allocator.buffer(body.length).writeBytes(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        // As on every answer of Latchkey's own (SecurityHeadersFilter does it for the rest).
        response.headers().set("X-Content-Type-Options", "nosniff");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        retryAfter.ifPresent(after -> response.headers().set(HttpHeaderNames.RETRY_AFTER, RetryAfter.seconds(after)));
        if (problem.status() == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        if ("database_unavailable".equals(problem.code())) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, Problems.DATABASE_RETRY_AFTER_SECONDS);
        }
        return response;
    }
}
