package dev.latchkey.adapters.web.mcp;

import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/**
 * The MCP server's OAuth 2.0 Protected Resource Metadata (RFC 9728), as the MCP authorization
 * specification asks: a 401 from {@code /mcp} points here in {@code WWW-Authenticate: Bearer
 * resource_metadata="…"}. Latchkey is no authorization server: the bearer is a session token the
 * company's backend mints (POST /v1/session-tokens) or its API key, so the document names none.
 */
@Controller("/.well-known/oauth-protected-resource")
@Secured(SecurityRule.IS_ANONYMOUS)
// Documented in routes-outside-controllers.yml: anonymous operations say `security: []` there.
@Hidden
public class ProtectedResourceController {
    private final PublicUrl publicUrl;

    public ProtectedResourceController(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    /**
     * @param resource               the MCP server's URL
     * @param bearerMethodsSupported how the bearer is sent: the Authorization header only
     * @param resourceName           a name for people
     * @param resourceDocumentation  where people read how to get a bearer
     */
    @Serdeable
    public record ProtectedResourceMetadata(String resource, List<String> bearerMethodsSupported, String resourceName,
                                            String resourceDocumentation) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public ProtectedResourceMetadata root() {
        return metadata();
    }

    @Get(uri = "/mcp", produces = MediaType.APPLICATION_JSON)
    public ProtectedResourceMetadata mcp() {
        return metadata();
    }

    private ProtectedResourceMetadata metadata() {
        return new ProtectedResourceMetadata(publicUrl.base() + "/mcp", List.of("header"), "Latchkey MCP server",
                publicUrl.base() + "/docs");
    }

}
