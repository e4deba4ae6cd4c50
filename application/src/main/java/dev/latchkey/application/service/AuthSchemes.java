package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The discovered auth schemes by type; two schemes claiming one type is a start-up error. */
final class AuthSchemes {
    private final Map<String, AuthSchemePort> byType = new HashMap<>();

    AuthSchemes(List<AuthSchemePort> schemes) {
        for (AuthSchemePort scheme : schemes) {
            AuthSchemePort previous = byType.put(scheme.type(), scheme);
            if (previous != null) {
                throw new IllegalStateException("Two auth schemes claim the type '" + scheme.type() + "': "
                        + previous.getClass().getName() + " and " + scheme.getClass().getName());
            }
        }
    }

    Optional<AuthSchemePort> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * Every auth entry of the definition checked against the discovered schemes: a type no scheme implements, and
     * whatever the entry's scheme finds wrong with its keys, each under {@code auth[i]}.
     */
    void check(ConnectorDefinition definition, Violations v) {
        Violations entries = new Violations();
        for (int i = 0; i < definition.auth().size(); i++) {
            AuthMethod method = definition.auth().get(i);
            Optional<AuthSchemePort> scheme = find(method.type());
            if (scheme.isEmpty()) {
                entries.add("auth[" + i + "].type", "'" + method.type() + "' is not an auth scheme of this Latchkey");
            } else {
                scheme.get().check(method, "auth[" + i + "]", entries);
            }
        }
        entries.all().forEach(f -> v.add(f.field(), f.message()));
        if (entries.isEmpty()) {
            // The api.base_url's placeholders: each filled by a param or by a value an entry's scheme keeps from its provider.
            List<AuthCapabilities> capabilities = new ArrayList<>();
            for (int i = 0; i < definition.auth().size(); i++) {
                AuthMethod method = definition.auth().get(i);
                capabilities.add(v.check("auth[" + i + "]", () -> get(method.type()).capabilities(method)));
            }
            if (!capabilities.contains(null)) {
                definition.baseUrlValuesNotProvided(capabilities)
                        .forEach(name -> v.add("api.base_url", ConnectorDefinitionReader.unprovided(name)));
            }
        }
    }

    AuthSchemePort get(String type) {
        return find(type).orElseThrow(() -> new IllegalStateException("No auth scheme implements the type '" + type + "'"));
    }
}
