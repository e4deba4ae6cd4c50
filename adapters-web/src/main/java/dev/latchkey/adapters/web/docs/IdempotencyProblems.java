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
 * The answers an {@code @Idempotent} create adds, documented once: the same Idempotency-Key while its
 * first request still runs (409), or sent again with another request (422). An operation with a 409 of
 * its own documents both codes in that one 409 instead (a status has one description).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(responseCode = "409", description = "idempotency_key_in_progress: the first request with this Idempotency-Key still runs; retry after Retry-After",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "422", description = "idempotency_key_reused: this Idempotency-Key was first sent with another request",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public @interface IdempotencyProblems {
}
