package dev.latchkey.client;

import java.net.URI;
import java.time.Instant;

/**
 * A single-use link to the hosted portal. The URL holds the code that opens a session for the
 * customer, so {@link #toString()} leaves it out.
 */
public record ConnectLink(URI url, Instant expiresAt) {
    @Override
    public String toString() {
        String path = url == null || url.getPath() == null ? "" : url.getPath();
        return "ConnectLink[url=" + (url == null ? null : url.getScheme() + "://" + url.getRawAuthority()
                + path.substring(0, Math.max(0, path.lastIndexOf('/') + 1)) + "***") + ", expiresAt=" + expiresAt + "]";
    }
}
