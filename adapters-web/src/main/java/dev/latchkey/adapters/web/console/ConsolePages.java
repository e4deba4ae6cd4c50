package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.portal.PortalPages;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the console's pages (Thymeleaf templates under {@code views/console}, escaping every value)
 * in the portal's look (its stylesheet with the default branding, plus the console's own rules), with
 * the headers every page carries: a strict nonce-based CSP that no site may frame
 * ({@code frame-ancestors 'none'}), forms only to Latchkey (and to the identity provider, which sign-out
 * redirects to), no caching, no referrer to other origins.
 */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsolePages {
    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final Optional<ConsoleOidcClient> oidc;
    private final SecureRandom random = new SecureRandom();
    private final String css;

    public ConsolePages(ThymeleafViewsRenderer<Map<String, Object>> renderer, Optional<ConsoleOidcClient> oidc) {
        this.renderer = renderer;
        this.oidc = oidc;
        this.css = PortalPages.stylesheet() + PortalPages.css(Branding.DEFAULT) + PortalPages.resource("console/console.css");
    }

    /** A page of a signed-in user, in a workspace or not. */
    public MutableHttpResponse<String> render(HttpStatus status, ConsoleView view, @Nullable ConsoleSession session,
                                              @Nullable Workspace workspace, HttpRequest<?> request) {
        String nonce = nonce();
        Map<String, Object> data = new HashMap<>(view.toModel());
        data.put("title", view.title());
        data.put("nonce", nonce);
        data.put("css", css);
        data.put("user", session == null ? null : user(session, workspace));
        data.put("csrf", session == null ? null : session.csrf());
        data.put("workspace", workspace == null ? null : workspace(workspace));
        StringWriter out = new StringWriter();
        try {
            renderer.render("console/" + view.template(), data, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).body(out.toString()).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", csp(nonce, oidc.flatMap(ConsoleOidcClient::providerOrigin).orElse(null)))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    static String csp(String nonce, @Nullable String providerOrigin) {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self'" + (providerOrigin == null ? "" : " " + providerOrigin)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** The user, with the role in the page's workspace (without one: the roles held). */
    private static Map<String, Object> user(ConsoleSession session, @Nullable Workspace workspace) {
        java.util.Optional<ConsoleRole> role = workspace == null ? java.util.Optional.empty() : session.grants().in(workspace.name().value());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", session.displayName());
        user.put("role", role.map(ConsoleRole::label).orElse(session.grants().describe()));
        user.put("may_change", role.filter(ConsoleRole::mayChange).isPresent());
        user.put("may_manage_credentials", role.filter(ConsoleRole::mayManageCredentials).isPresent());
        user.put("may_copy_links", role.filter(ConsoleRole::mayCopyReconnectLinks).isPresent());
        return user;
    }

    static Map<String, Object> workspace(Workspace workspace) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", workspace.id().toString());
        model.put("name", workspace.name().value());
        model.put("environment", workspace.environment().name().toLowerCase(java.util.Locale.ROOT));
        model.put("href", ConsolePaths.workspace(workspace.id().toString()));
        return model;
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
