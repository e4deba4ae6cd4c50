package dev.latchkey.adapters.web.portal;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.simple.SimpleHttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortalCookieTest {

    /** A server-side request as the controllers get it (the HTTP client's own request type has no cookies to read). */
    private static MutableHttpRequest<?> request(String uri) {
        return new SimpleHttpRequest<>(HttpMethod.GET, uri, null);
    }

    @Test
    void a_framed_visit_behind_https_gets_a_partitioned_cross_site_cookie() {
        assertThat(PortalCookie.header("v", 60, true, true))
                .isEqualTo("latchkey_portal=v; Max-Age=60; Path=/portal; HttpOnly; SameSite=None; Secure; Partitioned");
    }

    @Test
    void a_top_level_visit_behind_https_gets_a_lax_secure_cookie() {
        assertThat(PortalCookie.header("v", 60, true, false)).isEqualTo("latchkey_portal=v; Max-Age=60; Path=/portal; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void without_https_the_cookie_stays_lax_even_in_a_frame_since_samesite_none_needs_secure() {
        assertThat(PortalCookie.header("v", 60, false, true)).isEqualTo("latchkey_portal=v; Max-Age=60; Path=/portal; HttpOnly; SameSite=Lax");
    }

    @ParameterizedTest
    @CsvSource({"iframe,true", "IFRAME,true", "frame,true", "document,false", "empty,false"})
    void a_visit_is_framed_when_the_browser_says_its_destination_is_a_frame(String dest, boolean framed) {
        assertThat(PortalCookie.framed(request("/connect/x").header("Sec-Fetch-Dest", dest))).isEqualTo(framed);
    }

    @Test
    void a_visit_without_fetch_metadata_is_not_framed() {
        assertThat(PortalCookie.framed(request("/connect/x"))).isFalse();
    }

    @Test
    void the_session_secret_is_read_from_the_portal_cookie_only() {
        assertThat(PortalCookie.secret(request("/portal").cookie(io.micronaut.http.cookie.Cookie.of("latchkey_portal", "s"))))
                .contains("s");
        assertThat(PortalCookie.secret(request("/portal").cookie(io.micronaut.http.cookie.Cookie.of("other", "s")))).isEmpty();
    }
}
