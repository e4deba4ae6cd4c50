package dev.latchkey.adapters.web.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleCookiesTest {
    private static List<String> attributes(String cookie) {
        return List.of(cookie.split("; "));
    }

    @Test
    void the_session_cookie_is_http_only_strict_host_only_and_secure_behind_https() {
        assertThat(attributes(ConsoleCookies.session("s3cret", true)))
                .containsExactly("latchkey_console=s3cret", "Path=/console", "HttpOnly", "SameSite=Strict", "Secure");
        assertThat(attributes(ConsoleCookies.session("s3cret", false))).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure")
                .noneMatch(a -> a.startsWith("Domain=") || a.startsWith("Max-Age="));
    }

    @Test
    void the_sign_in_cookie_is_lax_to_come_back_from_the_identity_provider_and_lives_ten_minutes() {
        assertThat(attributes(ConsoleCookies.signIn("pending", true)))
                .containsExactly("latchkey_console_sign_in=pending", "Max-Age=600", "Path=/console", "HttpOnly", "SameSite=Lax", "Secure");
        assertThat(ConsoleCookies.clearSession(true)).startsWith("latchkey_console=;").contains("Max-Age=0", "Secure");
        assertThat(ConsoleCookies.clearSignIn(false)).startsWith("latchkey_console_sign_in=;").contains("Max-Age=0").doesNotContain("Secure");
    }

    @Test
    void the_pages_csp_allows_scripts_and_styles_by_nonce_only_forms_to_latchkey_and_the_provider_and_no_framing() {
        String csp = ConsolePages.csp("n0nce", "https://acme.okta.com");
        assertThat(csp).contains("default-src 'none'", "script-src 'nonce-n0nce'", "style-src 'nonce-n0nce'",
                "form-action 'self' https://acme.okta.com;", "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe");
        assertThat(ConsolePages.csp("n0nce", null)).contains("form-action 'self';");
    }
}
