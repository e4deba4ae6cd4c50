package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.http.cookie.Cookie;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PortalVisitsTest {

    /** A server-side request as the controllers get it (the HTTP client's own request type has no cookies to read). */
    private static MutableHttpRequest<?> request(String uri) {
        return new SimpleHttpRequest<>(HttpMethod.GET, uri, null);
    }

    private static final String SECRET = "the-session-cookie-value";

    private final Map<String, PortalView> liveSessions = new HashMap<>();
    private final PortalVisits visits = new PortalVisits(secret -> Optional.ofNullable(liveSessions.get(secret)), new PortalTexts());
    private final PortalView portal = new PortalView(new PortalSession("hash", WorkspaceId.random(), LinkedAccountKey.random(),
            new LinkedAccountId("customer-1"), new PortalScope(List.of(), Optional.of("crm"), Optional.empty(), Branding.DEFAULT),
            Instant.parse("2030-01-01T00:00:00Z")), Branding.DEFAULT, new AllowedOrigins(List.of("https://app.example.com")));

    private static MutableHttpRequest<?> withCookie(String name, String value) {
        return request("/portal").cookie(Cookie.of(name, value));
    }

    private static PortalRefusedException refusal(Runnable visit) {
        return catchThrowableOfType(PortalRefusedException.class, visit::run);
    }

    @Test
    void a_request_without_the_session_cookie_is_refused_as_an_expired_session() {
        PortalRefusedException refused = refusal(() -> visits.require(request("/portal")));

        assertThat(refused.reason()).isEqualTo(PortalRefusedException.Reason.SESSION_EXPIRED);
        assertThat(refused.visit()).as("no session names a workspace, so the page gets no branding or frame parents").isNull();
    }

    @Test
    void a_cookie_no_live_session_has_is_refused_as_an_expired_session() {
        liveSessions.put(SECRET, portal);

        assertThat(visits.find(withCookie(PortalCookie.NAME, "swept-or-forged"))).isEmpty();
        assertThat(refusal(() -> visits.require(withCookie(PortalCookie.NAME, "swept-or-forged"))).reason())
                .isEqualTo(PortalRefusedException.Reason.SESSION_EXPIRED);
    }

    @Test
    void only_the_portal_cookie_names_a_session() {
        liveSessions.put(SECRET, portal);

        assertThat(visits.find(withCookie("SESSION", SECRET))).isEmpty();
    }

    @Test
    void a_live_session_gives_its_scope_the_csrf_token_of_its_cookie_and_the_page_in_the_asked_language() {
        liveSessions.put(SECRET, portal);

        PortalVisit visit = visits.require(withCookie(PortalCookie.NAME, SECRET).header("Accept-Language", "de-CH, en;q=0.5"));

        assertThat(visit.portal()).isEqualTo(portal);
        assertThat(visit.accountId()).isEqualTo(new LinkedAccountId("customer-1"));
        assertThat(visit.configId().value()).isEqualTo("crm");
        assertThat(visit.csrf()).isEqualTo(PortalCsrf.token(SECRET)).doesNotContain(SECRET);
        assertThat(visit.page().language()).isEqualTo("de");
        assertThat(visit.page().frameParents().origins()).containsExactly("https://app.example.com");
        assertThat(visit.texts()).isNotEmpty();
    }

    @Test
    void a_form_without_the_csrf_token_is_refused_as_forbidden_on_the_sessions_branded_page() {
        liveSessions.put(SECRET, portal);

        PortalRefusedException refused = refusal(() -> visits.requireForm(withCookie(PortalCookie.NAME, SECRET), Map.of("auth_type", "x")));

        assertThat(refused.reason()).isEqualTo(PortalRefusedException.Reason.FORBIDDEN);
        assertThat(refused.visit()).isNotNull();
        assertThat(refused.visit().portal()).isEqualTo(portal);
    }

    @Test
    void a_form_carrying_another_sessions_token_is_refused_as_forbidden() {
        liveSessions.put(SECRET, portal);
        Map<String, String> form = Map.of(PortalCsrf.FIELD, PortalCsrf.token("another-session"));

        assertThat(refusal(() -> visits.requireForm(withCookie(PortalCookie.NAME, SECRET), form)).reason())
                .isEqualTo(PortalRefusedException.Reason.FORBIDDEN);
    }

    @Test
    void a_form_without_a_live_session_is_refused_as_expired_before_its_token_is_looked_at() {
        Map<String, String> form = Map.of(PortalCsrf.FIELD, PortalCsrf.token(SECRET));

        assertThat(refusal(() -> visits.requireForm(withCookie(PortalCookie.NAME, SECRET), form)).reason())
                .isEqualTo(PortalRefusedException.Reason.SESSION_EXPIRED);
    }

    @Test
    void a_form_carrying_the_sessions_token_is_the_visit() {
        liveSessions.put(SECRET, portal);
        Map<String, String> form = Map.of(PortalCsrf.FIELD, PortalCsrf.token(SECRET));

        assertThat(visits.requireForm(withCookie(PortalCookie.NAME, SECRET), form).portal()).isEqualTo(portal);
    }
}
