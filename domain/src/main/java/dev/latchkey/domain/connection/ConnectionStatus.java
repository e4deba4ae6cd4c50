package dev.latchkey.domain.connection;

import java.util.Locale;

/** {@code active}: usable; {@code expired}: only the customer can fix it (reconnect); {@code revoked}: disconnected at the provider. */
public enum ConnectionStatus {
    ACTIVE, EXPIRED, REVOKED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectionStatus parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
