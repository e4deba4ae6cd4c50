package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.branding.BrandingRequest;
import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of POST /v1/connect-links. Which linked account it is for depends on the caller (an API
 * key names it; a session token is its own), so that rule is the controller's; every other rule is here.
 */
@Serdeable
@Schema(name = "ConnectLinkRequest", example = "{\"linked_account_id\": \"cust-42\", \"connectors\": [\"slack\"], \"expires_in\": 3600}")
public record ConnectLinkRequest(
        @Schema(description = "Required with an API key; left out with a session token, which acts for its own linked account") @Nullable String linkedAccountId,
        @Schema(description = "The apps the portal offers; every enabled one when left out or empty") @Nullable List<String> connectors,
        @Schema(description = "The config the portal's forms fill; default when left out") @Nullable String configId,
        @Schema(description = "Where the portal's Done button returns; under one of the workspace's allowed origins") @Nullable String returnUrl,
        @Schema(description = "Seconds the link may be opened, 60 to 604800 (7 days); 3600 when left out", minimum = "60", maximum = "604800")
        @Nullable Long expiresIn,
        @Schema(description = "Per-link overrides of the workspace's branding fields; API key only (403 branding_requires_api_key with a session token)")
        @Nullable BrandingRequest branding) implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        connectorSlugs(violations);
        if (configId != null) {
            violations.check("config_id", () -> PortalScope.requireConfigId(configId));
        }
        if (expiresIn != null) {
            violations.check("expires_in", () -> ConnectLink.lifetime(expiresIn));
        }
        if (connectors != null && connectors.stream().distinct().count() > PortalScope.MAX_CONNECTORS) {
            violations.add("connectors", "at most " + PortalScope.MAX_CONNECTORS);
        }
    }

    /** The portal's scope; call only on a request that passed {@link #validate}. */
    PortalScope scope() {
        Branding overrides = branding == null ? Branding.DEFAULT : branding.toBranding();
        return new PortalScope(connectorSlugs(new Violations()), Optional.ofNullable(configId), Optional.ofNullable(returnUrl), overrides);
    }

    Optional<Duration> lifetime() {
        return Optional.ofNullable(expiresIn).map(ConnectLink::lifetime);
    }

    private List<ConnectorSlug> connectorSlugs(Violations violations) {
        return connectors == null ? List.of() : connectors.stream()
                .map(slug -> violations.check("connectors", () -> new ConnectorSlug(slug)))
                .filter(Objects::nonNull).toList();
    }
}
