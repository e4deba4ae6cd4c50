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
 * The problems every authenticated operation can answer, whichever credential it takes, documented once.
 * Each says its own 403 (which credential it wants); {@link ApiKeyProblems} is this set with the API key's 403.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(responseCode = "400", description = "validation_failed (errors[] names every bad field, parameter or header), malformed_request",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "unauthorized: no credential, or an unknown, expired or revoked one",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "429", description = "too_many_attempts: too many failed authentications from this address, with Retry-After",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "database_unavailable, with Retry-After",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "414", description = "uri_too_long: the request line (method, path and query) is longer than the server accepts (4 KiB); the server closes the connection (Connection: close)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "431", description = "headers_too_large: the request's headers are larger than the server accepts (8 KiB); the server closes the connection (Connection: close)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public @interface CredentialProblems {
}
