package dev.latchkey.application.port.in;

import java.time.Instant;

/** @param code the link's secret part (shown once, stored only hashed) */
public record CreatedConnectLink(String code, Instant expiresAt) {
    @Override
    public String toString() {
        return "CreatedConnectLink[expiresAt=" + expiresAt + "]";
    }
}
