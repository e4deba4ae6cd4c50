package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuthSchemePort;

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

    AuthSchemePort get(String type) {
        return find(type).orElseThrow(() -> new IllegalStateException("No auth scheme implements the type '" + type + "'"));
    }
}
