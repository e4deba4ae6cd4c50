package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.error.RetryAfter;
import dev.latchkey.adapters.web.security.AuthFailureThrottle;
import dev.latchkey.adapters.web.security.ClientAddresses;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.OpenConnectLinkResult;
import dev.latchkey.application.port.in.OpenConnectLinkUseCase;
import dev.latchkey.domain.portal.PortalSession;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The hosted portal's door: {@code /connect/{code}} trades a single-use connect link for a session
 * cookie, and redirects to a clean URL (no code in history, referrers or logs).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalLinkController {
    private final OpenConnectLinkUseCase open;
    private final PortalPages pages;
    private final PublicUrl publicUrl;
    private final AuthFailureThrottle throttle;
    private final ClientAddresses clientAddresses;

    public PortalLinkController(OpenConnectLinkUseCase open, PortalPages pages, PublicUrl publicUrl, AuthFailureThrottle throttle,
                                ClientAddresses clientAddresses) {
        this.open = open;
        this.pages = pages;
        this.publicUrl = publicUrl;
        this.throttle = throttle;
        this.clientAddresses = clientAddresses;
    }

    @Get("/connect/{code}")
    public MutableHttpResponse<?> openLink(String code, HttpRequest<?> request) {
        return switch (open.open(code)) {
            case OpenConnectLinkResult.Refused refused -> {
                // A code that opens nothing is a failed authentication: guessing codes is throttled like guessing keys.
                Optional<Duration> wait = throttle.failed(clientAddresses.of(request.getRemoteAddress(),
                        request.getHeaders().getAll(ClientAddresses.FORWARDED_FOR)));
                PortalPages.Page page = pages.page(request, refused.branding(), refused.frameParents());
                MutableHttpResponse<?> answer = pages.render(wait.isPresent() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.GONE,
                        MessageView.of(page.texts().get("link_invalid_title"), page.texts().get("link_invalid_text")), page, List.of(), request);
                wait.ifPresent(w -> answer.header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(w)));
                yield answer;
            }
            case OpenConnectLinkResult.Opened o -> HttpResponse.seeOther(URI.create("/portal"))
                    .header(HttpHeaders.SET_COOKIE, PortalCookie.header(o.sessionSecret(), PortalSession.LIFETIME.toSeconds(),
                            publicUrl.isHttps(), PortalCookie.framed(request)))
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        };
    }
}
