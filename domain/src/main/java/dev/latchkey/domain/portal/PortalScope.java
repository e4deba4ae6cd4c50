package dev.latchkey.domain.portal;

import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a connect link (and the portal session it becomes) allows and where it leads.
 *
 * @param connectors only these apps (empty: every enabled one)
 * @param configId   which named config the portal edits ({@code default} when absent)
 * @param returnUrl  where Done leads, under one of the workspace's allowed origins
 * @param branding   overrides of the workspace's branding for this link
 */
public record PortalScope(List<ConnectorSlug> connectors, Optional<String> configId, Optional<String> returnUrl, Branding branding) {
    public static final int MAX_CONNECTORS = 100;
    /** The shape of a config id (as config fields define it). */
    private static final Pattern CONFIG_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public PortalScope {
        connectors = List.copyOf(connectors.stream().distinct().toList());
        if (connectors.size() > MAX_CONNECTORS) {
            throw new IllegalArgumentException("connectors: at most " + MAX_CONNECTORS);
        }
        Objects.requireNonNull(configId, "configId");
        configId.ifPresent(PortalScope::requireConfigId);
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(branding, "branding");
    }

    public static String requireConfigId(String id) {
        if (!CONFIG_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit, "
                    + "e.g. default");
        }
        return id;
    }

    public boolean allows(ConnectorSlug connector) {
        return connectors.isEmpty() || connectors.contains(connector);
    }
}
