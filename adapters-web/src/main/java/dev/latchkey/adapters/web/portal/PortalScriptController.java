package dev.latchkey.adapters.web.portal;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/** The portal pages' one script (the CSP allows it by nonce; it is same-origin, so no inline code is needed). */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class PortalScriptController {
    private final String script = PortalPages.resource("portal/portal.js");

    @Get("/portal/assets/portal.js")
    public MutableHttpResponse<String> script() {
        return HttpResponse.ok(script).contentType("text/javascript;charset=utf-8").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=300");
    }
}
