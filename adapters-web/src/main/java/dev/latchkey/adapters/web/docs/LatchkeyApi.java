package dev.latchkey.adapters.web.docs;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;
import io.swagger.v3.oas.annotations.servers.Server;

/** The OpenAPI document's header; the paths come from the controllers at compile time. */
@OpenAPIDefinition(info = @Info(
        title = "Latchkey",
        version = "v1",
        description = "Embedded-integration auth: linked accounts, session tokens, connections. "
                + "Errors are application/problem+json with a stable code.",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        // Relative: every Latchkey is self-hosted, so the API is on the server that serves this document.
        servers = @Server(url = "/", description = "The Latchkey server that serves this document"))
@SecuritySchemes({
        @SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "The workspace's API key (lk_test_... / lk_live_...), from your backend only."),
        @SecurityScheme(name = "sessionToken", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "A session token minted by your backend with POST /v1/session-tokens."),
        @SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "The operator's LATCHKEY_ADMIN_TOKEN.")})
public final class LatchkeyApi {
    private LatchkeyApi() {
    }
}
