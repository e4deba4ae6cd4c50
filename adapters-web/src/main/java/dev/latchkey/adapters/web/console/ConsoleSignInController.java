package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Signing in to the console through the company's OpenID provider, and out again. The callback checks
 * that the browser that comes back is the one that left (its sign-in cookie), the state, then (in
 * {@link ConsoleOidcClient}) the code with its PKCE verifier and the ID token with its nonce; then the
 * roles claim must give a console role. Signing out is {@link ConsoleSignOutController}'s.
 */
@Controller
@Requires(beans = ConsoleOidcSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleSignInController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSignInController.class);

    private final ConsoleOidcClient oidc;
    private final ConsoleSessions sessions;
    private final ConsoleSettings settings;
    private final ConsoleOidcSettings oidcSettings;
    private final ConsolePages pages;
    private final boolean https;

    public ConsoleSignInController(ConsoleOidcClient oidc, ConsoleSessions sessions, ConsoleSettings settings, ConsoleOidcSettings oidcSettings,
                                   ConsolePages pages, PublicUrl publicUrl) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.settings = settings;
        this.oidcSettings = oidcSettings;
        this.pages = pages;
        this.https = publicUrl.isHttps();
    }

    @Get(ConsolePaths.SIGN_IN)
    public MutableHttpResponse<?> signIn(HttpRequest<?> request) {
        if (ConsoleCookies.session(request).flatMap(sessions::use).isPresent()) {
            return HttpResponse.seeOther(URI.create(ConsolePaths.ROOT));
        }
        ConsoleOidcClient.Started started;
        try {
            started = oidc.start();
        } catch (ConsoleSignInException e) {
            LOG.warn("Console sign-in could not start: {}", e.getMessage());
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.PROVIDER_UNAVAILABLE, e.getMessage());
        }
        String cookie = sessions.begin(started.pending());
        MutableHttpResponse<?> response = HttpResponse.seeOther(started.authorizationUri());
        response.getHeaders().add("Set-Cookie", ConsoleCookies.signIn(cookie, https));
        return response;
    }

    @Get(ConsolePaths.CALLBACK + "{?code,state,error,error_description}")
    public MutableHttpResponse<?> callback(@QueryValue @Nullable String code, @QueryValue @Nullable String state,
                                           @QueryValue @Nullable String error,
                                           @QueryValue("error_description") @Nullable String errorDescription,
                                           HttpRequest<?> request) {
        Optional<PendingSignIn> pending = ConsoleCookies.signIn(request).flatMap(sessions::takePending);
        if (pending.isEmpty()) {
            return refused(ConsoleRefusedException.Reason.SIGN_IN_FAILED, "no sign-in was under way in this browser, or it took over ten minutes",
                    request);
        }
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                pending.get().state().getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("Console sign-in refused: the state did not match the sign-in this browser started");
            return refused(ConsoleRefusedException.Reason.SIGN_IN_FAILED, "the state did not match the sign-in this browser started", request);
        }
        if (error != null) {
            return refused(ConsoleRefusedException.Reason.SIGN_IN_FAILED, "the identity provider answered " + error
                    + (errorDescription == null ? "" : ": " + errorDescription), request);
        }
        if (code == null || code.isEmpty()) {
            return refused(ConsoleRefusedException.Reason.SIGN_IN_FAILED, "the identity provider sent no code", request);
        }
        ConsoleOidcClient.SignedIn user;
        try {
            user = oidc.finish(code, pending.get());
        } catch (ConsoleSignInException e) {
            LOG.warn("Console sign-in refused: {}", e.getMessage());
            return refused(e.providerAway() ? ConsoleRefusedException.Reason.PROVIDER_UNAVAILABLE : ConsoleRefusedException.Reason.SIGN_IN_FAILED,
                    e.getMessage(), request);
        }
        ConsoleGrants grants = settings.roles().grantsOf(user.groups());
        if (grants.isEmpty()) {
            LOG.info("Console sign-in of {} refused: no group of the claim '{}' maps to a console role", user.subject(), oidcSettings.rolesClaim());
            return refused(ConsoleRefusedException.Reason.NO_ROLE, null, request);
        }
        LOG.info("Console sign-in of {} as {}", user.subject(), grants.describe());
        MutableHttpResponse<?> response = ConsoleSignOutController.signedIn(sessions, pages, user, grants, https, request);
        response.getHeaders().add("Set-Cookie", ConsoleCookies.clearSignIn(https));
        return response;
    }

    private MutableHttpResponse<?> refused(ConsoleRefusedException.Reason reason, @Nullable String detail, HttpRequest<?> request) {
        MutableHttpResponse<?> response = pages.render(reason.status, ConsoleMessageView.of(reason, detail), null, null, request);
        response.getHeaders().add("Set-Cookie", ConsoleCookies.clearSignIn(https));
        return response;
    }
}
