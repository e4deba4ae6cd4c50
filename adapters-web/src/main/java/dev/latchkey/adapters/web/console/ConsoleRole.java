package dev.latchkey.adapters.web.console;

import java.util.Locale;

/**
 * What a console user may do, from the least to the most: {@code viewer} reads; {@code support} reads
 * and copies reconnect links; {@code admin} also changes things (connectors on and off, webhook
 * endpoints, redeliveries, branding); {@code owner} also holds the workspace's credentials: creates and
 * revokes API keys and sets the connectors' OAuth apps (client id and secret).
 */
public enum ConsoleRole {
    VIEWER, SUPPORT, ADMIN, OWNER;

    public static ConsoleRole parse(String text) {
        for (ConsoleRole role : values()) {
            if (role.label().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a console role (owner, admin, support or viewer)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Copies a reconnect link (a connect link for an account and an app). */
    public boolean mayCopyReconnectLinks() {
        return compareTo(SUPPORT) >= 0;
    }

    /** Changes the workspace's settings (everything but its credentials). */
    public boolean mayChange() {
        return compareTo(ADMIN) >= 0;
    }

    /** Creates and revokes API keys, sets the OAuth apps' client ids and secrets: what opens the workspace to others. */
    public boolean mayManageCredentials() {
        return this == OWNER;
    }
}
