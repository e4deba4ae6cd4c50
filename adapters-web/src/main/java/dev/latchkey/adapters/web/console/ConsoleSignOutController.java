package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Signing out of the console (and of the identity provider, when it offers RP-initiated logout); the page after. */
@Controller
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleSignOutController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSignOutController.class);

    private final Optional<ConsoleOidcClient> oidc;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final boolean https;

    public ConsoleSignOutController(Optional<ConsoleOidcClient> oidc, ConsoleSessions sessions, ConsolePages pages, PublicUrl publicUrl) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.pages = pages;
        this.https = publicUrl.isHttps();
    }

    /**
     * The page that opens a new session: a page, not a redirect, since the browser may have arrived
     * from the identity provider (cross-site), and browsers do not send a SameSite=Strict cookie on a
     * redirect chain that started cross-site. The page's own refresh to /console is a same-site
     * navigation, which carries the new cookie. A session the browser had before is ended (no fixation).
     */
    static MutableHttpResponse<?> signedIn(ConsoleSessions sessions, ConsolePages pages, ConsoleOidcClient.SignedIn user, ConsoleGrants grants,
                                          boolean https, HttpRequest<?> request) {
        ConsoleCookies.session(request).ifPresent(sessions::end);
        String secret = sessions.open(user, grants);
        MutableHttpResponse<?> response = pages.render(HttpStatus.OK, new ConsoleMessageView("Signed in",
                "Signed in as " + user.displayName() + " (" + grants.describe() + ").", null, ConsolePaths.ROOT, "Open the console",
                ConsolePaths.ROOT), null, null, request);
        response.getHeaders().add("Set-Cookie", ConsoleCookies.session(secret, https));
        return response;
    }

    @Post(value = ConsolePaths.SIGN_OUT, consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> signOut(ConsoleSession session, @Body Map<String, String> form, HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        ConsoleCookies.session(request).ifPresent(sessions::end);
        LOG.info("Console sign-out of {}", session.subject());
        URI next = oidc.flatMap(client -> client.endSession(session.idToken())).orElse(URI.create(ConsolePaths.SIGNED_OUT));
        MutableHttpResponse<?> response = HttpResponse.seeOther(next);
        response.getHeaders().add("Set-Cookie", ConsoleCookies.clearSession(https));
        return response;
    }

    @Get(ConsolePaths.SIGNED_OUT)
    public MutableHttpResponse<?> signedOut(HttpRequest<?> request) {
        return pages.render(HttpStatus.OK, new ConsoleMessageView("Signed out", "You have signed out of the Latchkey console.", null,
                ConsolePaths.SIGN_IN, "Sign in again", null), null, null, request);
    }
}
