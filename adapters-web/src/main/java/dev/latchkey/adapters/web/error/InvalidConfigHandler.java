package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.config.InvalidConfigException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Config values that do not fit their fields: 422 {@code invalid_config} with every problem. */
@Singleton
public class InvalidConfigHandler implements ExceptionHandler<InvalidConfigException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidConfigException exception) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
        return Problems.response(new Problem("about:blank", status.getReason(), status.getCode(), exception.getMessage(), "invalid_config",
                exception.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList()));
    }
}
