package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.connection.RefreshInProgressException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Another request's refresh of the token took longer than a request waits: 503 refresh_in_progress with Retry-After. */
@Singleton
public class RefreshInProgressHandler implements ExceptionHandler<RefreshInProgressException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RefreshInProgressException exception) {
        return RetryAfter.header(Problems.response(RetryAfter.refreshInProgress(exception)), RetryAfter.of(exception));
    }
}
