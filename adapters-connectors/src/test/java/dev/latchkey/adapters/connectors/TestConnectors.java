package dev.latchkey.adapters.connectors;

import dev.latchkey.domain.connector.OAuthClient;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.Map;
import java.util.Optional;

/** Connector definitions for tests, written as the YAML of a connector file. */
public final class TestConnectors {
    private TestConnectors() {
    }

    /** Reads a definition; http endpoints pass (the test servers run on http://localhost). */
    public static ConnectorDefinition read(String yaml) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return new ConnectorDefinitionReader(true).read(map);
    }

    /** A context for the connector's first auth entry. */
    public static AuthSchemePort.Context context(ConnectorDefinition connector, Map<String, String> params,
                                                 Optional<OAuthClient> client) {
        return new AuthSchemePort.Context(connector, connector.auth().get(0), params, client);
    }

    public static AuthSchemePort.Context context(String yaml) {
        return context(read(yaml), Map.of(), Optional.empty());
    }
}
