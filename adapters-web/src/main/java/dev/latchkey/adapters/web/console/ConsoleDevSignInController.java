package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Signing in for local development ({@link ConsoleDevSignIn}): the link printed at start-up opens an
 * owner session, once; the sign-in page says where to find it.
 */
@Controller
@Requires(beans = ConsoleDevSignIn.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleDevSignInController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleDevSignInController.class);
    static final String DEVELOPER = "local-developer";

    private final ConsoleDevSignIn devSignIn;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final boolean https;

    public ConsoleDevSignInController(ConsoleDevSignIn devSignIn, ConsoleSessions sessions, ConsolePages pages, PublicUrl publicUrl) {
        this.devSignIn = devSignIn;
        this.sessions = sessions;
        this.pages = pages;
        this.https = publicUrl.isHttps();
    }

    @Get(ConsolePaths.SIGN_IN)
    public MutableHttpResponse<?> signIn(HttpRequest<?> request) {
        return pages.render(HttpStatus.UNAUTHORIZED, new ConsoleMessageView("Sign in with the link from the terminal",
                "This console has no identity provider: it is signed in to, once per start, with the link Latchkey printed when it "
                        + "started (LATCHKEY_CONSOLE_DEV_SIGN_IN). Restart Latchkey for a new one.", null, ConsolePaths.SIGN_IN, "Try again", null),
                null, null, request);
    }

    @Get(ConsolePaths.DEV_SIGN_IN + "/{code}")
    public MutableHttpResponse<?> open(String code, HttpRequest<?> request) {
        if (!devSignIn.consume(code)) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.SIGN_IN_FAILED,
                    "this link is not the one printed at start-up, or it was used already; restart Latchkey for a new one");
        }
        LOG.warn("Console development sign-in used: an owner session without an identity provider");
        return ConsoleSignOutController.signedIn(sessions, pages, new ConsoleOidcClient.SignedIn(DEVELOPER, "Local developer", List.of(), ""),
                ConsoleGrants.everywhere(ConsoleRole.OWNER), https, request);
    }
}
