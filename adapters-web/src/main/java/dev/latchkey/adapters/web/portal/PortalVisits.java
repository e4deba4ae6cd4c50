package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.input.UnstorableForm;
import dev.latchkey.application.port.in.GetPortalSessionUseCase;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves a request's {@link PortalVisit}: the session its cookie names, with the page's branding,
 * language and CSRF token; and, for a posted form, checks the token. Called from the page controller
 * (on the blocking executor, since the session is a database read), not from an argument binder:
 * Micronaut binds arguments on the event loop, before {@code @ExecuteOn} takes over.
 */
@Singleton
public class PortalVisits {
    private final GetPortalSessionUseCase sessions;
    private final PortalTexts texts;

    public PortalVisits(GetPortalSessionUseCase sessions, PortalTexts texts) {
        this.sessions = sessions;
        this.texts = texts;
    }

    /** The visit, when the request carries the cookie of a live session. */
    public Optional<PortalVisit> find(HttpRequest<?> request) {
        return PortalCookie.secret(request).flatMap(secret -> sessions.find(secret)
                .map(portal -> new PortalVisit(portal, PortalPages.Page.of(request, portal.branding(), portal.allowedOrigins(), texts),
                        PortalCsrf.token(secret))));
    }

    /** The visit of a page; without a live session, the 401 "session expired" page. */
    public PortalVisit require(HttpRequest<?> request) {
        return find(request).orElseThrow(PortalRefusedException::sessionExpired);
    }

    /**
     * The visit of a posted form, which must carry the session's CSRF token; else the 403 page. A form
     * holding text that cannot be stored is refused first, whoever sends it (a 400 naming the field).
     */
    public PortalVisit requireForm(HttpRequest<?> request, Map<String, String> form) {
        UnstorableForm.refuseUnstorable(form);
        PortalVisit visit = require(request);
        if (!PortalCsrf.carriedBy(form, visit.csrf())) {
            throw PortalRefusedException.forbidden(visit);
        }
        return visit;
    }
}
