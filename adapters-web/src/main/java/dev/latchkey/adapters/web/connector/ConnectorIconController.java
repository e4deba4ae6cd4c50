package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.json.PathValues;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * A connector's icon, served by Latchkey itself so the portal and the SDKs' connect UI never show a broken image
 * (see {@link ConnectorIcons}). Public and cacheable: it is a function of the slug alone ({@link MonogramIcon}).
 * Served as an image that cannot run anything even when opened directly: {@code Content-Security-Policy:
 * default-src 'none'; sandbox}. Documented in routes-outside-controllers.yml (a public route, {@code security: []},
 * like the portal's script).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ConnectorIconController {
    static final String SVG = "image/svg+xml";
    static final String CSP = "default-src 'none'; sandbox";
    static final String CACHE = "public, max-age=86400";

    @Get("/connectors/{slug}/icon.svg")
    public HttpResponse<String> icon(String slug) {
        return HttpResponse.ok(MonogramIcon.svg(PathValues.slug(slug)))
                .contentType(SVG + ";charset=utf-8")
                .header("Cache-Control", CACHE)
                .header("Content-Security-Policy", CSP);
    }
}
