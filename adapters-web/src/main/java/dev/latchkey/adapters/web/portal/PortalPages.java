package dev.latchkey.adapters.web.portal;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.branding.HexColor;
import dev.latchkey.domain.branding.Theme;
import dev.latchkey.domain.workspace.AllowedOrigins;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the portal's pages (Thymeleaf templates under {@code views/portal}, which escape every
 * value) with the branding applied and the headers every page carries: a strict nonce-based CSP
 * whose {@code frame-ancestors} are the workspace's allowed origins, no caching, no referrer.
 */
@Singleton
public class PortalPages {
    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final PortalTexts texts;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();
    private final String stylesheet;

    public PortalPages(ThymeleafViewsRenderer<Map<String, Object>> renderer, PortalTexts texts, JsonMapper json) {
        this.renderer = renderer;
        this.texts = texts;
        this.json = json;
        this.stylesheet = stylesheet();
    }

    /** The portal's stylesheet, without the branding's variables ({@link #css}). */
    public static String stylesheet() {
        return resource("portal/portal.css");
    }

    /** What every page of one request shares. */
    public record Page(Branding branding, AllowedOrigins frameParents, String language, Map<String, String> texts) {
        /** A request's page: its language from {@code Accept-Language}, its texts with the branding's labels. */
        public static Page of(HttpRequest<?> request, Branding branding, AllowedOrigins frameParents, PortalTexts texts) {
            String language = texts.language(request.getHeaders().get("Accept-Language"));
            return new Page(branding, frameParents, language, texts.texts(language, branding));
        }
    }

    public Page page(HttpRequest<?> request, Branding branding, AllowedOrigins frameParents) {
        return Page.of(request, branding, frameParents, texts);
    }

    /**
     * @param formTargets origins besides our own a form on the page may lead to (an OAuth provider the
     *                    connect form redirects to); CSP {@code form-action} also covers redirects
     */
    public MutableHttpResponse<String> render(HttpStatus status, PageView view, Page page, List<String> formTargets,
                                              HttpRequest<?> request) {
        String nonce = nonce();
        Map<String, Object> data = new HashMap<>(view.toModel());
        data.putIfAbsent("t", page.texts());
        data.put("lang", page.language());
        data.put("nonce", nonce);
        data.put("css", stylesheet + css(page.branding()));
        data.put("brand", brand(page.branding()));
        data.put("origins", write(page.frameParents().origins()));
        StringWriter out = new StringWriter();
        try {
            renderer.render("portal/" + view.template(), data, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).body(out.toString()).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", csp(nonce, page.frameParents(), formTargets))
                .header("X-Content-Type-Options", "nosniff")
                // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the
                // portal's own form posts, which the server refuses; other origins still get nothing.
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    static String csp(String nonce, AllowedOrigins frameParents, List<String> formTargets) {
        String ancestors = frameParents.origins().isEmpty() ? "'none'" : String.join(" ", frameParents.origins());
        String forms = formTargets.isEmpty() ? "'self'" : "'self' " + String.join(" ", formTargets);
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; img-src 'self' https: data:; "
                + "connect-src 'self'; form-action " + forms + "; frame-ancestors " + ancestors + "; base-uri 'none'";
    }

    /** CSS custom properties from the branding: only validated values (colours, a number, a restricted font list) reach it. */
    public static String css(Branding b) {
        HexColor primary = b.effectivePrimary();
        HexColor background = b.effectiveBackground();
        HexColor text = background.readableText();
        StringBuilder css = new StringBuilder("\n:root{");
        css.append("--primary:").append(primary).append(';');
        css.append("--on-primary:").append(primary.readableText()).append(';');
        css.append("--accent:").append(b.effectiveAccent()).append(';');
        css.append("--background:").append(background).append(';');
        css.append("--text:").append(text).append(';');
        css.append("--muted:").append(text.equals(HexColor.WHITE) ? "#c9d1d9" : "#57606a").append(';');
        css.append("--surface:").append(text.equals(HexColor.WHITE) ? "#161b22" : "#f6f8fa").append(';');
        css.append("--border:").append(text.equals(HexColor.WHITE) ? "#30363d" : "#d0d7de").append(';');
        css.append("--radius:").append(b.borderRadius().orElse(8)).append("px;");
        b.fontFamily().ifPresent(f -> css.append("--font:").append(f).append(';'));
        css.append("color-scheme:").append(text.equals(HexColor.WHITE) ? "dark" : "light").append(";}\n");
        if (b.effectiveTheme() == Theme.AUTO && b.backgroundColor().isEmpty()) {
            css.append("@media (prefers-color-scheme: dark){:root{--background:").append(Branding.DARK_BACKGROUND)
                    .append(";--text:#ffffff;--muted:#c9d1d9;--surface:#161b22;--border:#30363d;color-scheme:dark;}}\n");
        }
        return css.toString();
    }

    private static Map<String, Object> brand(Branding b) {
        Map<String, Object> brand = new LinkedHashMap<>();
        brand.put("name", b.name().orElse(null));
        brand.put("logo_url", b.logoUrl().orElse(null));
        brand.put("privacy_url", b.privacyUrl().orElse(null));
        brand.put("terms_url", b.termsUrl().orElse(null));
        brand.put("support_url", b.supportUrl().orElse(null));
        brand.put("powered_by", !b.hidePoweredBy().orElse(false));
        brand.put("theme", b.effectiveTheme().label());
        return brand;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static String resource(String path) {
        try (InputStream in = PortalPages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
