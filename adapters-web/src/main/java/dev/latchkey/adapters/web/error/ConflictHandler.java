package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.ConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
public class ConflictHandler implements ExceptionHandler<ConflictException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConflictException exception) {
        return Problems.response(HttpStatus.CONFLICT, exception.code(), exception.getMessage());
    }
}
