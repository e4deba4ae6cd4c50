package dev.latchkey.adapters.web.portal;

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
import java.util.List;

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

    public PortalLinkController(OpenConnectLinkUseCase open, PortalPages pages, PublicUrl publicUrl) {
        this.open = open;
        this.pages = pages;
        this.publicUrl = publicUrl;
    }

    @Get("/connect/{code}")
    public MutableHttpResponse<?> openLink(String code, HttpRequest<?> request) {
        return switch (open.open(code)) {
            case OpenConnectLinkResult.Refused refused -> {
                PortalPages.Page page = pages.page(request, refused.branding(), refused.frameParents());
                yield pages.render(HttpStatus.GONE, MessageView.of(page.texts().get("link_invalid_title"), page.texts().get("link_invalid_text")),
                        page, List.of(), request);
            }
            case OpenConnectLinkResult.Opened o -> HttpResponse.seeOther(URI.create("/portal"))
                    .header(HttpHeaders.SET_COOKIE, PortalCookie.header(o.sessionSecret(), PortalSession.LIFETIME.toSeconds(),
                            publicUrl.isHttps(), PortalCookie.framed(request)))
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        };
    }
}
