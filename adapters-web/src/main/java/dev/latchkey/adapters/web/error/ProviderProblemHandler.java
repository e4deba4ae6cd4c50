package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A provider refused the credentials (422) or could not be reached (502, with Retry-After when we know when); its words, never a secret. */
@Singleton
public class ProviderProblemHandler implements ExceptionHandler<ProviderException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProviderException exception) {
        return switch (exception.kind()) {
            case REJECTED -> Problems.response(HttpStatus.UNPROCESSABLE_ENTITY, "credentials_rejected", exception.getMessage());
            case UNAVAILABLE -> RetryAfter.header(Problems.response(HttpStatus.BAD_GATEWAY, "provider_unavailable", exception.getMessage()),
                    exception.retryAfter());
        };
    }
}
