package dev.latchkey.adapters.web.connector;

import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.CredentialField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The parts of a connector definition a connect UI needs: how to ask the customer, never an endpoint secret. */
public final class ConnectorJson {
    private ConnectorJson() {
    }

    @Serdeable
    @Schema(name = "ConnectorField")
    public record Field(String name, String label, boolean secret, boolean required, @Nullable String helpText) {
        static Field of(CredentialField f) {
            return new Field(f.name(), f.label(), f.secret(), f.required(), f.helpText().orElse(null));
        }
    }

    @Serdeable
    @Schema(name = "ConnectorParam")
    public record Param(String name, String label, String pattern, boolean required, @Nullable String helpText) {
        static Param of(ConnectorParam p) {
            return new Param(p.name(), p.label(), p.pattern().pattern(), p.required(), p.helpText().orElse(null));
        }
    }

    /** @param redirects true when connecting sends the customer to the provider (OAuth) */
    @Serdeable
    @Schema(name = "ConnectorAuthType")
    public record AuthType(String type, boolean redirects, List<Field> fields, List<Param> params) {
    }

    public static List<AuthType> authTypes(ConnectorDefinition definition) {
        List<Param> params = definition.params().stream().map(Param::of).toList();
        return definition.auth().stream()
                .map(m -> new AuthType(m.type(), m.redirects(), m.fields().stream().map(Field::of).toList(), params))
                .toList();
    }

    public static List<String> defaultScopes(AuthMethod method) {
        return switch (method) {
            case AuthMethod.OAuth2AuthorizationCode o -> o.scopes();
            case AuthMethod.OAuth2ClientCredentials c -> c.scopes();
            default -> List.of();
        };
    }
}
