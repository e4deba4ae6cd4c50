package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.FieldViolation;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the framework's own errors (no such route, wrong method, malformed JSON, a body too large,
 * anything unexpected) into problem+json, so every error of the API has one shape. Unexpected
 * errors say nothing about their cause: it is logged, never sent.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        return switch (status.getCode()) {
            case 400 -> context.getRootCause().filter(ConversionErrorException.class::isInstance).map(ConversionErrorException.class::cast)
                    .filter(conversion -> !conversion.getArgument().getAnnotationMetadata().hasStereotype(Body.class))
                    // A path or query value the route's parameter cannot take (GET /health/{selector} with neither
                    // liveness nor readiness): named, as a bad field is, without echoing the value.
                    .map(conversion -> Problems.invalid(List.of(new FieldViolation(conversion.getArgument().getName(),
                            "is not a value this endpoint takes"))))
                    .orElseGet(() -> Problems.of(status, "malformed_request", "The request could not be read: " + messages(context)
                            + ". Send a JSON object with Content-Type: application/json."));
            case 401 -> Problems.of(status, "unauthorized", "Send Authorization: Bearer <API key or session token>.");
            case 403 -> Problems.of(status, "forbidden", "These credentials may not use this endpoint.");
            case 404 -> Problems.of(status, "not_found", "No endpoint matches " + context.getRequest().getMethodName() + " "
                    + context.getRequest().getPath() + "; see /openapi.yml for the API.");
            case 405 -> Problems.of(status, "method_not_allowed", messages(context));
            case 406 -> Problems.of(status, "not_acceptable", "This endpoint answers application/json.");
            case 413 -> Problems.of(status, "body_too_large", "The request body is larger than this endpoint accepts.");
            case 415 -> Problems.of(status, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
            default -> status.getCode() >= 500
                    ? Problems.of(status, "internal_error", "Latchkey failed to handle this request; it has been logged.")
                    : Problems.of(status, "http_" + status.getCode(), messages(context));
        };
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }

    private static String messages(ErrorContext context) {
        String joined = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return joined.isBlank() ? "invalid request" : joined;
    }
}
