package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.URI;
import java.util.Optional;

/**
 * Every console request but signing in and out needs a live console session: the filter finds it from
 * the session cookie (marking it used, so the idle timeout restarts), and hands it to the controllers
 * as a request attribute ({@link ConsoleSessionBinder} binds it to their {@link ConsoleSession}
 * parameter). Without one, a page is redirected to sign-in and any other request is a 401 page.
 * The console's sessions never become a Micronaut {@code Authentication}: the API's credentials (API
 * keys, session tokens, the admin token) are checked exactly as before, and a console cookie opens no API.
 */
@ServerFilter({ConsolePaths.ROOT, ConsolePaths.ROOT + "/**"})
@Requires(beans = ConsoleSettings.class)
public class ConsoleSessionFilter {
    static final String ATTRIBUTE = "latchkey.console.session";

    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final boolean https;

    public ConsoleSessionFilter(ConsoleSessions sessions, ConsolePages pages, PublicUrl publicUrl) {
        this.sessions = sessions;
        this.pages = pages;
        this.https = publicUrl.isHttps();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> requireSession(HttpRequest<?> request) {
        if (ConsolePaths.isPublic(request.getPath())) {
            return null;
        }
        Optional<ConsoleSession> session = ConsoleCookies.session(request).flatMap(sessions::use);
        if (session.isPresent()) {
            request.setAttribute(ATTRIBUTE, session.get());
            return null;
        }
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            return HttpResponse.seeOther(URI.create(ConsolePaths.SIGN_IN));
        }
        ConsoleRefusedException.Reason reason = ConsoleRefusedException.Reason.SIGNED_OUT;
        return pages.render(HttpStatus.UNAUTHORIZED, ConsoleMessageView.of(reason, null), null, null, request)
                .header("Set-Cookie", ConsoleCookies.clearSession(https));
    }
}
