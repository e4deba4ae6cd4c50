package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.NotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, NotFoundException exception) {
        return Problems.response(HttpStatus.NOT_FOUND, exception.code(), exception.getMessage());
    }
}
