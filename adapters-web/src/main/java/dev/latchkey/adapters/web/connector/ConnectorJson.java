package dev.latchkey.adapters.web.connector;

import dev.latchkey.domain.connector.AuthCapabilities;
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

    /**
     * One way to connect, as its scheme describes it: what a connect UI renders, without knowing the scheme.
     *
     * @param redirects          true when connecting sends the customer to the provider (OAuth 2.0, OAuth 1.0a...)
     * @param label              how to name it to a customer ("OAuth 2.0", "API key")
     * @param fields             what the customer types (none when it redirects)
     * @param refreshes          whether the credentials are renewed without the customer
     * @param callbackParameters what the provider sends back to the callback, besides {@code state} (when it redirects)
     * @param scopes             the scopes asked for unless the workspace chooses its own
     */
    @Serdeable
    @Schema(name = "ConnectorAuthType")
    public record AuthType(String type, boolean redirects, List<Field> fields, List<Param> params,
                           @Schema(example = "OAuth 2.0") String label, boolean refreshes, List<String> callbackParameters,
                           List<String> scopes) {
    }

    public static List<AuthType> authTypes(ConnectorDefinition definition, List<AuthCapabilities> auth) {
        List<Param> params = definition.params().stream().map(Param::of).toList();
        return auth.stream()
                .map(a -> new AuthType(a.type(), a.redirects(), a.fields().stream().map(Field::of).toList(), params, a.label(),
                        a.refreshes(), a.redirect().map(AuthCapabilities.Redirect::callbackParameters).orElse(List.of()), a.scopes()))
                .toList();
    }
}
