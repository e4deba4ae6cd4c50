package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's pages over HTTP, on the web adapter alone: refusals become branded (or unframeable) message pages. */
@MicronautTest
class PortalPagesHttpTest {
    private static final String SECRET = "live-session-cookie";
    private static final String HOST_PAGE = "https://app.example.com";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    InMemoryPortalUseCases useCases;

    @BeforeEach
    void aLiveSession() {
        useCases.liveSessions.put(SECRET, new PortalView(new PortalSession("hash", WorkspaceId.random(), LinkedAccountKey.random(),
                new LinkedAccountId("customer-1"), new PortalScope(List.of(), Optional.empty(), Optional.empty(), Branding.DEFAULT),
                Instant.parse("2030-01-01T00:00:00Z")), Branding.DEFAULT, new AllowedOrigins(List.of(HOST_PAGE))));
    }

    private HttpResponse<String> send(MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse().getBody(String.class).map(body -> (HttpResponse<String>) HttpResponse.status(e.getStatus()).body(body)
                    .headers(h -> e.getResponse().getHeaders().forEach((name, values) -> values.forEach(v -> h.add(name, v)))))
                    .orElseThrow();
        }
    }

    private static MutableHttpRequest<?> withSession(MutableHttpRequest<?> request) {
        return request.cookie(Cookie.of(PortalCookie.NAME, SECRET));
    }

    @Test
    void without_a_session_a_page_says_it_expired_and_may_not_be_framed() {
        HttpResponse<String> response = send(HttpRequest.GET("/portal"));

        assertThat(response.code()).as("%s", response.body()).isEqualTo(401);
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.body()).contains("<h1");
    }

    @Test
    void a_live_session_sees_its_apps_page_framed_only_by_its_workspaces_origins() {
        HttpResponse<String> response = send(withSession(HttpRequest.GET("/portal")));

        assertThat(response.code()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors " + HOST_PAGE);
        assertThat(response.body()).contains("id=\"apps\"");
    }

    @Test
    void a_form_without_the_csrf_token_is_forbidden_with_a_way_back_to_the_apps() {
        HttpResponse<String> response = send(withSession(HttpRequest.POST("/portal/apps/github/connect", Map.of("auth_type", "oauth2"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)));

        assertThat(response.code()).as("%s", response.body()).isEqualTo(403);
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors " + HOST_PAGE);
        assertThat(response.body()).contains("href=\"/portal\"");
    }

    @Test
    void a_form_with_the_csrf_token_for_an_app_outside_the_session_is_not_found() {
        HttpResponse<String> response = send(withSession(HttpRequest.POST("/portal/apps/github/connect",
                Map.of(PortalCsrf.FIELD, PortalCsrf.token(SECRET))).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)));

        assertThat(response.code()).as("%s", response.body()).isEqualTo(404);
    }

    @Test
    void the_option_search_answers_json_not_a_page_without_a_session() {
        HttpResponse<String> response = send(HttpRequest.GET("/portal/apps/github/config/options/channel"));

        assertThat(response.code()).as("%s", response.body()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\":\"not_found\"");
    }
}
