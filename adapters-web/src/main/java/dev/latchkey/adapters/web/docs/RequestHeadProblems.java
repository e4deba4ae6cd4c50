package dev.latchkey.adapters.web.docs;

import dev.latchkey.adapters.web.error.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems any request can get before a route is chosen, because the server cannot read it:
 * a request line or headers past the server's limits (see error/RequestHeadTooLargeRefusal). OpenAPI
 * 3.0 has no responses for a whole server, so every operation lists them; {@link ApiKeyProblems} and
 * {@link CredentialProblems} carry them, and an operation with neither says {@code @RequestHeadProblems}.
 * The operations of routes-outside-controllers.yml refer to the same two there (components/responses).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(responseCode = "414", description = "uri_too_long: the request line (method, path and query) is longer than the server accepts (4 KiB); the server closes the connection (Connection: close)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "431", description = "headers_too_large: the request's headers are larger than the server accepts (8 KiB); the server closes the connection (Connection: close)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public @interface RequestHeadProblems {
}
