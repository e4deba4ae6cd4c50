package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.DatabaseUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The database is away: 503 {@code database_unavailable} with {@code Retry-After}, never a 500. Not
 * logged here: {@code DatabaseOutage} logs the outage once when it starts and once when it ends.
 */
@Singleton
public class DatabaseUnavailableHandler implements ExceptionHandler<DatabaseUnavailableException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DatabaseUnavailableException exception) {
        return Problems.databaseUnavailableResponse();
    }
}
