package dev.latchkey.adapters.web.security;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/** 401 and 403 as problem+json, saying which credential the endpoint wants. */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Authentication authentication = exception.getAuthentication();
        if (authentication == null || !exception.isForbidden()) {
            MutableHttpResponse<Problem> response = Problems.response(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Missing, invalid, expired or revoked credentials. Send Authorization: Bearer <key>: the workspace's "
                            + "API key from your backend, or a session token from your frontend.");
            return response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (request.getPath().startsWith("/admin/")) {
            return Problems.response(HttpStatus.FORBIDDEN, "admin_token_required",
                    "The operator endpoints take the operator's LATCHKEY_ADMIN_TOKEN as the bearer.");
        }
        if (authentication.getRoles().contains(Roles.SESSION)) {
            return Problems.response(HttpStatus.FORBIDDEN, "forbidden_for_session_token",
                    "A session token cannot use this endpoint: it takes the workspace's API key, from your backend only.");
        }
        if (authentication.getRoles().contains(Roles.API_KEY)) {
            return Problems.response(HttpStatus.FORBIDDEN, "session_token_required",
                    "This endpoint takes a session token minted with POST /v1/session-tokens, not an API key.");
        }
        return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "These credentials may not use this endpoint.");
    }
}
