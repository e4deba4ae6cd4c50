package dev.latchkey.adapters.web.proxy;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The proxy's limits: {@code latchkey.proxy.connect-timeout} (10 s) and {@code read-timeout} (30 s
 * without a byte from the provider is a 504), {@code idle-timeout} (60 s before an unused provider
 * connection is closed), and the server's {@code micronaut.server.max-request-size} for bodies.
 */
@Singleton
final class ProxySettings {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration idleTimeout;
    private final long maxRequestSize;

    ProxySettings(@Value("${latchkey.proxy.connect-timeout:10s}") Duration connectTimeout,
                  @Value("${latchkey.proxy.read-timeout:30s}") Duration readTimeout,
                  @Value("${latchkey.proxy.idle-timeout:60s}") Duration idleTimeout,
                  @Value("${micronaut.server.max-request-size:10485760}") long maxRequestSize) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.idleTimeout = idleTimeout;
        this.maxRequestSize = maxRequestSize;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    long maxRequestSize() {
        return maxRequestSize;
    }
}
