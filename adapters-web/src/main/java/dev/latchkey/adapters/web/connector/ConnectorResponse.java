package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.ConnectorView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A connector with this workspace's settings, for the company's backend.
 *
 * @param iconUrl the connector's own icon if its definition names one, else the one Latchkey serves at /connectors/{slug}/icon.svg
 * @param redirectUri the OAuth redirect URI to register with the provider
 */
@Serdeable
@Schema(name = "Connector")
public record ConnectorResponse(String slug, String name, List<String> categories, String iconUrl, String docsUrl, boolean builtIn,
                                List<ConnectorJson.AuthType> authTypes, List<String> defaultScopes, Settings settings,
                                String redirectUri) {

    /** @param clientSecretSet whether a client secret is stored; it is never returned */
    @Serdeable
    @Schema(name = "ConnectorSettings")
    public record Settings(boolean enabled, @Nullable String clientId, boolean clientSecretSet, List<String> scopes) {
    }

    static ConnectorResponse of(ConnectorView view, PublicUrl publicUrl) {
        var d = view.definition();
        var s = view.settings();
        List<String> defaults = view.defaultScopes();
        return new ConnectorResponse(d.slug().value(), d.name(), d.categories(), ConnectorIcons.url(d, publicUrl), d.docsUrl(), view.builtIn(),
                ConnectorJson.authTypes(d, view.auth()), defaults,
                new Settings(s.enabled(), s.client().map(c -> c.clientId()).orElse(null), s.client().isPresent(), s.scopes()),
                publicUrl.oauthRedirectUri());
    }
}
