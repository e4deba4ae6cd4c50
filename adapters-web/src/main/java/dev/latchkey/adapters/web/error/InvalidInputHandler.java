package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.InvalidInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
public class InvalidInputHandler implements ExceptionHandler<InvalidInputException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidInputException exception) {
        return Problems.response(Problems.invalid(exception.violations()));
    }
}
