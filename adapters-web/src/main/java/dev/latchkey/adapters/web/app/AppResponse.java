package dev.latchkey.adapters.web.app;

import dev.latchkey.adapters.web.connection.ConnectionResponse;
import dev.latchkey.adapters.web.connector.ConnectorIcons;
import dev.latchkey.adapters.web.connector.ConnectorJson;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.AppView;
import dev.latchkey.domain.connection.ConnectionStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An app as the connect UI shows it to a customer. {@code icon_url} always loads: the app's own icon if its definition names
 * one, else the one Latchkey serves at /connectors/{slug}/icon.svg.
 */
@Serdeable
@Schema(name = "App")
public record AppResponse(String slug, String name, String iconUrl, List<String> categories, List<ConnectorJson.AuthType> authTypes,
                          boolean connected, @Schema(allowableValues = {"active", "expired", "revoked"}) @Nullable String status,
                          List<ConnectionResponse> connections) {
    static AppResponse of(AppView app, PublicUrl publicUrl) {
        var d = app.definition();
        return new AppResponse(d.slug().value(), d.name(), ConnectorIcons.url(d, publicUrl), d.categories(), ConnectorJson.authTypes(d, app.auth()), app.connected(),
                app.status().map(ConnectionStatus::label).orElse(null),
                app.connections().stream().map(ConnectionResponse::of).toList());
    }
}
