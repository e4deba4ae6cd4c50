package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.PathValues;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A connector's icon, served by Latchkey itself so the portal and the SDKs' connect UI never show a broken image
 * (see {@link ConnectorIcons}). Public and cacheable: it is a function of the slug alone ({@link MonogramIcon}).
 * Served as an image that cannot run anything even when opened directly: {@code Content-Security-Policy:
 * default-src 'none'; sandbox}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Connectors")
public class ConnectorIconController {
    static final String SVG = "image/svg+xml";
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    static final String CACHE = "public, max-age=86400";

    @Get("/connectors/{slug}/icon.svg")
    @SecurityRequirements
    @Operation(operationId = "getConnectorIcon", summary = "A connector's icon",
            description = "An SVG monogram (the slug's initials on a colour derived from the slug), served for any well-formed slug "
                    + "without authentication; the icon_url of connectors and apps points here unless a private connector names its own icon.")
    @ApiResponse(responseCode = "200", description = "The icon", content = @Content(mediaType = SVG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "validation_failed: the slug is not a well-formed connector slug",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> icon(@Parameter(description = "The connector's slug", example = "hubspot") String slug) {
        return HttpResponse.ok(MonogramIcon.svg(PathValues.slug(slug)))
                .contentType(SVG + ";charset=utf-8")
                .header("Cache-Control", CACHE)
                .header("Content-Security-Policy", CSP);
    }
}
