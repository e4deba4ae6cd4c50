package dev.latchkey.adapters.web.security;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.error.RetryAfter;
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

import java.time.Duration;
import java.util.Optional;

/**
 * 401 and 403 as problem+json, saying which credential the endpoint wants. A 401 for a credential that
 * was presented counts as a failed authentication of the client's address; beyond the
 * {@link AuthFailureThrottle}'s allowance it is a 429 {@code too_many_attempts} with {@code Retry-After}.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    private final AuthFailureThrottle throttle;
    private final ClientAddresses clientAddresses;
    private final PublicUrl publicUrl;

    public AuthorizationProblemHandler(AuthFailureThrottle throttle, ClientAddresses clientAddresses, PublicUrl publicUrl) {
        this.throttle = throttle;
        this.clientAddresses = clientAddresses;
        this.publicUrl = publicUrl;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Authentication authentication = exception.getAuthentication();
        if (authentication == null || !exception.isForbidden()) {
            if (request.getHeaders().getAuthorization().isPresent()) {
                Optional<Duration> wait = throttle.failed(clientAddresses.of(request.getRemoteAddress(),
                        request.getHeaders().getAll(ClientAddresses.FORWARDED_FOR)));
                if (wait.isPresent()) {
                    return Problems.response(AuthFailureThrottle.tooManyAttempts(wait.get()))
                            .header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(wait.get()));
                }
            }
            MutableHttpResponse<Problem> response = Problems.response(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Missing, invalid, expired or revoked credentials. Send Authorization: Bearer <key>: the workspace's "
                            + "API key from your backend, or a session token from your frontend.");
            // The MCP server follows the MCP authorization specification: the challenge names its protected
            // resource metadata (RFC 9728), where an MCP client learns what the resource is.
            return response.header(HttpHeaders.WWW_AUTHENTICATE, request.getPath().equals("/mcp")
                    ? "Bearer resource_metadata=\"" + publicUrl.base() + "/.well-known/oauth-protected-resource/mcp\"" : "Bearer");
        }
        if (request.getPath().startsWith("/admin/") || request.getPath().equals("/metrics")) {
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
