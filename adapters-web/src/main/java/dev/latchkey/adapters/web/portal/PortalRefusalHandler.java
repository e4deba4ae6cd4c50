package dev.latchkey.adapters.web.portal;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.AllowedOrigins;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Renders a refused portal page ({@link PortalRefusedException}) as the message page saying why. */
@Singleton
public class PortalRefusalHandler implements ExceptionHandler<PortalRefusedException, HttpResponse<?>> {
    private final PortalPages pages;

    public PortalRefusalHandler(PortalPages pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, PortalRefusedException refused) {
        PortalVisit visit = refused.visit();
        // No live session: nothing safely names a workspace (Origin and Referer are the caller's to
        // write), so that page may not be framed: in a frame the customer sees the browser's error.
        PortalPages.Page page = visit == null ? pages.page(request, Branding.DEFAULT, AllowedOrigins.NONE) : visit.page();
        Map<String, String> t = page.texts();
        PortalRefusedException.Reason reason = refused.reason();
        MessageView view = visit == null ? MessageView.of(t.get(reason.titleKey), t.get(reason.textKey))
                : new MessageView(t.get(reason.titleKey), t.get(reason.textKey), "/portal", t.get("back_to_apps"));
        return pages.render(reason.status, view, page, List.of(), request);
    }
}
